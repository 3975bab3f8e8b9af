"""The Bình Dương agreement No. 131/SGD&ĐT-HKH (a stub) and the Thuận An agreement No. 06/HKH-PGD (seed 003)
that carries it out, as printed.
"""

from datetime import date
from decimal import Decimal

from .spec import Aggregation, Cadence, DemoPlan, Item, Kind, Part, Party, Recurrence, Signatory, Status, Target, Unit

# ---------------------------------------------------------------------------
# Bình Dương: the provincial agreement that the Thuận An agreement cites
# ("Căn cứ công văn số 131/SGD&ĐT-HKH ngày 07/02/2017 ..."). Only what the
# citation gives is entered. It was still cited in 2024; it is marked ended
# because its two signatories ceased to exist with the province in the July
# 2025 reform.
# ---------------------------------------------------------------------------
BINH_DUONG = DemoPlan(
    key="binh_duong_131",
    area="H74",
    kind=Kind.AGREEMENT,
    number="131/SGD&ĐT-HKH",
    title="Thỏa thuận phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh",
    signed_on=date(2017, 2, 7),
    start_year=2017,
    status=Status.ENDED,
    parties=(
        Signatory("Sở Giáo dục và Đào tạo tỉnh Bình Dương", "H74"),
        Signatory("Hội Khuyến học tỉnh Bình Dương", "H74"),
    ),
)


# ---------------------------------------------------------------------------
# Thuận An: Thỏa thuận số 06/HKH-PGD (seed 003), printed "06 / HKH-PGD". The
# association is named first in the number and the title, so it is the first
# party. Part 1 prints four "-" bullets, numbered here 1.1 ... 1.4; the "-"
# bullets under "2.1. Về phía Phòng GD&ĐT" and "2.2. Về phía Hội Khuyến học"
# are numbered 2.1.1 ... 2.1.6 and 2.2.1 ... 2.2.4. These numbers are DERIVED.
# Point 3 has no heading; its section title "Tổ chức thực hiện" is derived.
# The closing paragraph (a framework that may be amended during the year) is
# kept as a requirement.
# ---------------------------------------------------------------------------
THUAN_AN_YEAR_END = date(2024, 12, 31)

THUAN_AN = DemoPlan(
    key="thuan_an_06",
    area="D725",
    kind=Kind.AGREEMENT,
    number="06/HKH-PGD",
    title="Thỏa thuận phối hợp công tác giữa Hội Khuyến học và Phòng Giáo dục & Đào tạo năm 2024",
    signed_on=date(2024, 2, 21),
    place="Thuận An",
    start_year=2024,
    end_year=2024,
    # A one-year agreement for 2024, so it is over.
    status=Status.ENDED,
    review_cadence=Cadence.ANNUAL,
    parent="binh_duong_131",
    parties=(
        Signatory(
            "Hội Khuyến học thành phố Thuận An",
            "D725",
            name="Nguyễn Thị Tuyết Mai",
            title="Chủ tịch",
            capacity="TM. BTV HỘI KHUYẾN HỌC",
        ),
        Signatory(
            "Phòng Giáo dục và Đào tạo thành phố Thuận An",
            "D725",
            name="Võ Anh Tuấn",
            title="Phó phòng",
            capacity="KT. TRƯỞNG PHÒNG",
        ),
    ),
    # The second "Căn cứ vào tình hình thực tế" names no document and is left out.
    legal_bases=(
        "Công văn số 131/SGD&ĐT-HKH ngày 07/02/2017 của Sở GD&ĐT và Hội Khuyến học tỉnh về Thỏa thuận phối hợp "
        "công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh",
    ),
    requirements=(
        "Thỏa thuận phối hợp công tác giữa Phòng GD&ĐT và Hội Khuyến học là văn bản khung cho toàn bộ quá trình "
        "hoạt động của Phòng GD&ĐT và Hội Khuyến học. Trong năm, hai bên có thể xem xét để đánh giá và bổ sung nội "
        "dung công tác cho phù hợp với thực tế.",
    ),
    recipients=(
        "UBND TP (để b/c)",
        "LĐ Phòng GD&ĐT và HKH TP",
        "Hội KH các xã, phường",
        "Chi hội KH các trường",
        "Ban Khuyến học các cơ quan",
        "Lưu VT- HKH",
    ),
    parts=(
        Part(
            "1",
            "Về công tác tuyên truyền",
            (
                Item(
                    "1.1",
                    Party.JOINT,
                    "Tuyên truyền các chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước về Xây dựng "
                    "xã hội học tập;",
                ),
                Item(
                    "1.2",
                    Party.JOINT,
                    "Triển khai thực hiện Kế hoạch số 151/KH-UBND ngày 15/01/2024 của UBND Tỉnh về Triển khai thực "
                    "hiện phong trào “ Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn "
                    "2023-2030” trên địa bàn Tỉnh Bình Dương;",
                ),
                Item(
                    "1.3",
                    Party.JOINT,
                    "Triển khai Công văn số 09/CV-HKH ngày 02/02/2024 của Hội Khuyến học tỉnh Bình Dương về việc: "
                    "Triển khai thực hiện phong trào “ Cả nước thi đua xây dựng xã hội học tập”;",
                ),
                Item(
                    "1.4",
                    Party.JOINT,
                    "Tuyên truyền kỷ niệm 77 năm Ngày Thương binh, Liệt sĩ, kỷ niệm 42 năm ngày Nhà giáo Việt Nam "
                    "(20/11/1982-20/11/2024) và kỷ niệm 28 năm ngày thành lập Hội Khuyến học Việt Nam (02/10/1996 – "
                    "02/10/2024).",
                ),
            ),
        ),
        Part(
            "2",
            "Về công tác chuyên môn",
            (
                # 2.1. Về phía Phòng GD&ĐT
                Item(
                    "2.1.1",
                    Party.DEPARTMENT,
                    "Tiếp tục phối hợp với Hội Khuyến học thực hiện “Đề án xây dựng xã hội học tập giai đoạn "
                    "2021-2030” theo tinh thần Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ; cũng "
                    "như Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ; Công văn số "
                    "3320/BGD&ĐT-GD&ĐT ngày 6/8/2021 của Bộ GD&ĐT; Công văn số 3889/UBND-VX ngày 11/8/2021 của UBND "
                    "Tỉnh Bình Dương và Công văn số 1363/SGDDĐT-GDTrHTX ngày 18/8/2021 của Sở GD&ĐT.",
                    supporting="Hội Khuyến học thành phố Thuận An",
                ),
                Item(
                    "2.1.2",
                    Party.DEPARTMENT,
                    "Chỉ đạo và tạo điều kiện cho các Chi Hội Khuyến học trong các nhà trường hoạt động khuyến học "
                    "khuyến tài, xây dựng xã hội học tập. Đưa công tác khuyến học khuyến tài là một trong những tiêu "
                    "chuẩn thi đua đối với mỗi cá nhân và tập thể hàng năm để phân đấu thực hiện.",
                ),
                Item(
                    "2.1.3",
                    Party.DEPARTMENT,
                    "Chỉ đạo các trường thành lập Chi hội Khuyến học và Phân hội Khuyến học Cán bộ giáo viên trong "
                    "ngành đều là hội viên và phát triển Hội viên trong cha mẹ học sinh, phấn đấu Chi hội Khuyến học "
                    "các trường phát triển hội viên đạt 85% trở lên; đồng thời tích cực tham gia phong trào xây dựng "
                    "Gia đình học tập, Công dân học tập, xây dựng quỹ khuyến học ở các Chi hội, phấn đấu đạt 32.000 "
                    "đ/ 1 người/năm.",
                    targets=(
                        Target(
                            "Tỉ lệ phát triển hội viên của Chi hội Khuyến học các trường",
                            Unit.PERCENT,
                            Decimal("85"),
                            aggregation=Aggregation.MEAN,
                        ),
                        Target(
                            "Quỹ khuyến học ở các Chi hội, bình quân mỗi người mỗi năm",
                            Unit.VND_PER_PERSON_YEAR,
                            Decimal("32000"),
                            aggregation=Aggregation.MEAN,
                        ),
                    ),
                ),
                Item(
                    "2.1.4",
                    Party.DEPARTMENT,
                    "Chỉ đạo BGH và công đoàn nhà trường tích cực thực hiện Đề án “Đẩy mạnh phong trào học tập suốt "
                    "đời trong gia đình, trong đơn vị”.",
                ),
                # "vào đầu tháng 12/2024" (early December) is entered as 10/12/2024,
                # the end of the first ten days of the month.
                Item(
                    "2.1.5",
                    Party.DEPARTMENT,
                    "Phòng GD&ĐT phối hợp với Hội Khuyến học Thành phố chỉ đạo các trường phối hợp với địa phương "
                    "thực hiện Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ GD và ĐT Quy định về đánh giá, "
                    "công nhận “Cộng đồng học tập” cấp xã, huyện, tỉnh và Thông tư 22/2020/TT-BGDĐT ngày 06/8/2020 "
                    "của Bộ GD&ĐT “ Quy định về đánh giá, xếp loại Đơn vị học tập” đối với cơ quan tham mưu, giúp "
                    "việc Thành ủy và các cơ quan thuộc Ủy ban nhân dân thành phố. Phối hợp với Hội Khuyến học kiểm "
                    "tra việc thực hiện Thông tư 22 và Thông tư 25 vào đầu tháng 12/2024.",
                    supporting="Hội Khuyến học thành phố Thuận An",
                    recurrence=Recurrence.ONCE,
                    deadline=date(2024, 12, 10),
                ),
                Item(
                    "2.1.6",
                    Party.DEPARTMENT,
                    "Chỉ đạo các Trung tâm học tập cộng đồng ở địa phương kiện toàn và nâng cao chất lượng hoạt động.",
                ),
                # 2.2. Về phía Hội Khuyến học
                Item(
                    "2.2.1",
                    Party.ASSOCIATION,
                    "Hội Khuyến học các cấp tích cực phối hợp ngành GD&ĐT thực hiện những nhiệm vụ của ngành như: "
                    "giúp đỡ, hỗ trợ cho những học sinh có hoàn cảnh đặc biệt khó khăn, góp phần hạn chế tỉ lệ học "
                    "sinh bỏ học, đồng thời thực hiện trao học bổng, tặng quà và khen thưởng cho học sinh giỏi, học "
                    "sinh nghèo hiếu học nhằm góp phần động viên học sinh học tốt.",
                    supporting="Phòng Giáo dục và Đào tạo thành phố Thuận An",
                ),
                Item(
                    "2.2.2",
                    Party.ASSOCIATION,
                    "Tiếp tục chỉ đạo thực hiện Quyết định số 242/QĐ-KHVN ngày 28/7/2022 của Trung ương Hội Khuyến "
                    "học Việt Nam ban hành “ Bộ Tiêu chí và Hướng dẫn tổ chức, đánh giá, công nhận “Gia đình học "
                    "tập”, “Cộng đồng học tập” ở ấp, khu phổ và cấp xã và “Đơn vị học tập” giai đoạn 2021-2030; "
                    "Phân đầu 100% các trường đều đạt “Đơn vị học tập” vào cuối năm 2024.",
                    targets=(
                        Target(
                            "Tỉ lệ trường đạt “Đơn vị học tập”",
                            Unit.PERCENT,
                            Decimal("100"),
                            aggregation=Aggregation.MEAN,
                            due_date=THUAN_AN_YEAR_END,
                        ),
                    ),
                ),
                Item(
                    "2.2.3",
                    Party.ASSOCIATION,
                    "Triển khai thực hiện Quyết định 324/QĐ-KHVN ngày 25/10/2023 của Hội Khuyến học Việt Nam về ban "
                    "hành “ Bộ Tiêu chí và Hướng dẫn đánh giá, công nhận danh hiệu “Công dân học tập” giai đoạn "
                    "2021-2030 (thay thế Quyết định 244/QĐ-KHVN ngày 28/7/2022 của Hội Khuyến học Việt Nam về ban "
                    "hành “ Bộ Tiêu chí và Hướng dẫn tổ chức, đánh giá, công nhận danh hiệu “ Công dân học tập” giai "
                    "đoạn 2021-2030).",
                ),
                # Printed under the association's heading although both sides act.
                Item(
                    "2.2.4",
                    Party.ASSOCIATION,
                    "Hàng năm, Hội Khuyến học và Phòng GD&ĐT tham mưu lãnh đạo Thành phố tổ chức lễ tuyên dương khen "
                    "thưởng học sinh giỏi, giáo viên bồi dưỡng học sinh giỏi, tặng học bổng cho học sinh vượt khó "
                    "hiếu học.",
                    supporting="Phòng Giáo dục và Đào tạo thành phố Thuận An",
                    recurrence=Recurrence.YEARLY,
                ),
            ),
        ),
        Part(
            "3",
            "Tổ chức thực hiện",
            (
                Item(
                    "3",
                    Party.JOINT,
                    "Phòng GD&ĐT và Hội Khuyến học chỉ đạo, hướng dẫn các đơn vị cơ sở thực hiện thỏa thuận phối hợp "
                    "công tác này.",
                ),
            ),
        ),
    ),
)
