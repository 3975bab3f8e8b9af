"""The Bến Tre coordination programme (seed 000), as printed."""

from .spec import Cadence, DemoPlan, Item, Kind, Part, Party, Signatory, Status

# ---------------------------------------------------------------------------
# Bến Tre: Chương trình phối hợp hoạt động (seed 000). No number, no date and
# no place are printed; the period 2011-2015 is named in bullet II.1.2.
# Part I numbers its items "1/", "2/" (entered as I.1, I.2). Part II prints
# "-" bullets without numbers under "1-Sở GD & ĐT", "2-Hội Khuyến học tỉnh"
# and "3-Hoạt động phối hợp"; their numbers II.1.1 ... II.3.3 are DERIVED
# (sub-heading number + position of the bullet), not printed.
# ---------------------------------------------------------------------------
BEN_TRE = DemoPlan(
    key="ben_tre_2011",
    area="H83",
    kind=Kind.PROGRAMME,
    title="Chương trình phối hợp hoạt động giữa Sở Giáo dục - Đào tạo và Hội Khuyến học tỉnh Bến Tre",
    start_year=2011,
    end_year=2015,
    status=Status.ENDED,
    # The programme states no review cadence; the model's default is kept.
    review_cadence=Cadence.SEMI_ANNUAL,
    parties=(
        # Printed "1G. Giám đốc" is the OCR reading of "KT. Giám đốc" (signing
        # on behalf of the director), above "PHÓ GIÁM ĐỐC".
        Signatory(
            "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
            "H83",
            name="Nguyễn Văn Huấn",
            title="Phó Giám đốc",
            capacity="KT. Giám đốc",
        ),
        # Printed "P.Chủ tịch", with no capacity line above it.
        Signatory("Hội Khuyến học tỉnh Bến Tre", "H83", name="Đặng Thị Khoa", title="Phó Chủ tịch"),
    ),
    purposes=(
        "Nhiệm vụ của hai đơn vị có nhiều điểm giống nhau , vì vậy việc liên kết, phối hợp hoạt động nhằm góp "
        "phần thực hiện mục tiêu “ Nâng cao dân trí, đào tạo nhân lực, bồi dưỡng nhân tài” cho đất nước, trong "
        "đó có địa phương Bến Tre",
    ),
    requirements=(
        "Sở GD & ĐT và HKH tỉnh Bến Tre có trách nhiệm thực hiện nội dung phối hợp hoạt động giữa hai đơn vị, "
        "phù hợp với chức năng, nhiệm vụ của mình.",
    ),
    # The brace "} để báo cáo" printed after the list belongs to the first six
    # recipients (the next line has its own "để biết").
    recipients=(
        "HKHVN: để báo cáo",
        "VP.TU: để báo cáo",
        "TT.UBND tỉnh: để báo cáo",
        "MTTQVN tỉnh: để báo cáo",
        "Ban TGTU: để báo cáo",
        "Ban DVTU: để báo cáo",
        "HKH huyện, TP: để biết",
        "Lưu VT",
    ),
    parts=(
        Part(
            "I",
            "Nội dung chương trình phối hợp hoạt động",
            (
                Item(
                    "I.1",
                    Party.JOINT,
                    "Sở GD & ĐT và HKH tỉnh triển khai các hình thức thông tin, tuyên truyền cuộc vận động “ Xây "
                    "dựng trường học thân thiện, học sinh tích cực” trong các trường học, cơ sở giáo dục – đào tạo "
                    "và HKH các cấp trong tỉnh.",
                ),
                Item(
                    "I.2",
                    Party.JOINT,
                    "Sở GD & ĐT và HKH tỉnh sẽ phối hợp củng cố, nâng cao chất lượng hoạt động của các Trung tâm "
                    "học tập cộng đồng (TTHTCĐ)",
                ),
            ),
        ),
        Part(
            "II",
            "Tổ chức thực hiện",
            (
                # 1-Sở GD & ĐT (derived numbers)
                Item(
                    "II.1.1",
                    Party.DEPARTMENT,
                    "Tiếp tục thực hiện kế hoạch kiên cố hóa trường học, đầu tư trang thiết bị dạy học, đáp ứng yêu "
                    "cầu tối thiểu mà nội dung chương trình bắt buộc phải có.",
                ),
                Item(
                    "II.1.2",
                    Party.DEPARTMENT,
                    "Tiếp tục thực hiện kế hoạch xây dựng trường đạt chuẩn quốc gia ở các cấp học: Mầm non, tiểu "
                    "học, trung học cơ sở , trung học phổ thông giai đoạn 2011-2015.",
                ),
                Item(
                    "II.1.3",
                    Party.DEPARTMENT,
                    "Tiến hành kế hoạch phổ cập mẫu giáo 5 tuổi, phổ cập tiểu học giai đoạn II, phổ cập trung học "
                    "cơ sở đúng độ tuổi, phổ cập giáo dục trung học.",
                ),
                Item(
                    "II.1.4",
                    Party.DEPARTMENT,
                    "Thực hiện đầy đủ chương trình chính khóa đối với các môn học và chương trình ngoại khóa ở các "
                    "cấp học.",
                ),
                Item(
                    "II.1.5",
                    Party.DEPARTMENT,
                    "Có kế hoạch ngăn chặn, đẩy lùi đến mức thấp nhất các tệ nạn xã hội xâm nhập vào nhà trường: "
                    "trình trạng học sinh bạo hành, sử dụng ma túy, vô lễ đối với giáo viên, vi phạm trật tự - an "
                    "toàn giao thông; chấm dứt tình trạng giáo viên xâm phạm thân thể, xúc phạm nhân phẩm học sinh.",
                ),
                Item(
                    "II.1.6",
                    Party.DEPARTMENT,
                    "Chỉ đạo các phòng GD & ĐT hướng dẫn các TTHTCD đa dạng hóa các lớp tập huấn, bồi dưỡng các "
                    "ngành nghề theo nhu cầu của địa phương và kiểm tra đánh giá chất lượng hoạt động của các "
                    "TTHTCD.",
                ),
                # 2-Hội Khuyến học tỉnh (derived numbers)
                Item(
                    "II.2.1",
                    Party.ASSOCIATION,
                    "Tích cực xây dựng gia đình hiếu học, dòng họ khuyến học; củng cố, tăng cường hoạt động đối với "
                    "HKH các cấp: tỉnh, huyện, cơ sở; đẩy mạnh việc phát triển hội viên, thành lập các Chi hội "
                    "khuyến học, Ban khuyến học nhằm có những hoạt động hỗ trợ ngành GD & ĐT trong việc vận động "
                    "học sinh ra lớp, duy trì sĩ số học sinh, góp phần giáo dục đạo đức, rèn luyện nhân cách học "
                    "sinh.",
                ),
                Item(
                    "II.2.2",
                    Party.ASSOCIATION,
                    "HKH các cấp sẽ tích cực vận động Quỹ Khuyến học, hiện vật để giúp đỡ các học sinh nghèo vượt "
                    "khó học giỏi, khen thưởng những học sinh có thành tích xuất sắc, nhằm góp phần động viên phong "
                    "trào thi đua “ Dạy tốt, học tốt” trong trường học.",
                ),
                Item(
                    "II.2.3",
                    Party.ASSOCIATION,
                    "Hướng dẫn các HKH huyện, thành phố (gọi chung là huyện) phối hợp với các phòng GD & ĐT, Trung "
                    "tâm giáo dục thường xuyên có kế hoạch giúp đỡ học sinh nghèo học giỏi, khen thưởng học sinh có "
                    "thành tích xuất sắc.",
                ),
                Item(
                    "II.2.4",
                    Party.ASSOCIATION,
                    "Thông qua các HKH huyện, hướng dẫn các HKH xã, phường, thị trấn (gọi chung là xã) tham mưu cùng "
                    "cỗ các TTHTCD nhằm đẩy mạnh hoạt động của các Trung tâm .",
                ),
                # 3-Hoạt động phối hợp giữa Sở GD & ĐT và HKH tỉnh (derived numbers)
                Item(
                    "II.3.1",
                    Party.JOINT,
                    "Bộ phận Thường trực của hai đơn vị sẽ phối hợp chặt chẽ, theo dõi việc triển khai nội dung "
                    "chương trình, đề xuất lãnh đạo hai bên các biện pháp để giải quyết kịp thời các yêu cầu có liên "
                    "quan đến nội dung phối hợp.",
                ),
                Item(
                    "II.3.2",
                    Party.JOINT,
                    "Hai bên thường xuyên thông báo cho nhau các công việc liên quan đến nội dung chương trình phối "
                    "hợp nhằm giúp nhau hoàn thành nhiệm vụ.",
                ),
                Item(
                    "II.3.3",
                    Party.JOINT,
                    "Căn cứ vào các nội dung trên, Sở GD & ĐT và HKH tỉnh sẽ có công văn chỉ đạo các đơn vị thuộc "
                    "thẩm quyền quản lý có kế hoạch thực hiện các nhiệm vụ nêu trên.",
                ),
            ),
        ),
    ),
)
