"""The Hòa Bình plan No. 1392/KH-SGD&ĐT-HKH (seed 001), as printed."""

from datetime import date

from .spec import Cadence, DemoPlan, Item, Kind, Part, Party, Recurrence, Signatory, Status

# ---------------------------------------------------------------------------
# Hòa Bình: Kế hoạch số 1392/KH-SGD&ĐT-HKH (seed 001). Part I (purposes and
# requirements) goes to the plan's list fields. Part II prints "1." ... "6."
# (entered as II.1 ... II.6), part III prints 1.1 ... 1.6 and 2.1 ... 2.6
# (entered as printed). Part IV prints 1.1, 1.2 and an unnumbered point 2;
# they are entered as IV.1.1, IV.1.2 and IV.2 because 1.1 and 1.2 are already
# taken by part III. The semi-annual review conference of IV.1.1 is also the
# plan's review cadence.
# ---------------------------------------------------------------------------
HOA_BINH = DemoPlan(
    key="hoa_binh_1392",
    area="H17",
    kind=Kind.PLAN,
    number="1392/KH-SGD&ĐT-HKH",
    title="Kế hoạch phối hợp công tác giai đoạn 2012-2016 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Hòa Bình",
    signed_on=date(2012, 7, 24),
    place="Hòa Bình",
    start_year=2012,
    end_year=2016,
    status=Status.ENDED,
    review_cadence=Cadence.SEMI_ANNUAL,
    parties=(
        Signatory(
            "Sở Giáo dục và Đào tạo tỉnh Hòa Bình",
            "H17",
            name="Nguyễn Minh Thành",
            title="Giám đốc",
            capacity="GIÁM ĐỐC",
        ),
        Signatory(
            "Hội Khuyến học tỉnh Hòa Bình",
            "H17",
            name="Quách Thế Tân",
            title="Chủ tịch",
            capacity="CHỦ TỊCH",
        ),
    ),
    legal_bases=(
        "Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác "
        "khuyến học, khuyến tài; xây dựng xã hội học tập",
        "Kế hoạch số 971/KH-BGD&ĐT-HKVN ngày 23 tháng 9 năm 2011 về việc phối hợp công tác giai đoạn 2011-2015 "
        "giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam",
        "Nghị quyết Đại hội Hội Khuyến học tỉnh Hòa Bình lần thứ II nhiệm kỳ 2011-2015",
        "Kế hoạch Phát triển Giáo dục và Đào tạo tỉnh Hòa Bình giai đoạn 2011-2015",
    ),
    purposes=(
        "Thực hiện quan điểm của Đảng: Giáo dục đào tạo là sự nghiệp của Đảng, của Nhà nước và của toàn dân; phát "
        "triển giáo dục phải thực sự là quốc sách hàng đầu.",
        "Thực hiện công bằng trong giáo dục, tạo cơ hội bình đẳng để ai cũng được học hành.",
        "Mở rộng và nâng cao chất lượng phong trào khuyến học, khuyến tài, hướng tới một xã hội học tập, tạo cơ hội "
        "và điều kiện để mọi người dân được tiếp cận với giáo dục, thực hiện học tập suốt đời.",
        "Phối hợp chặt chẽ trong việc xác định và triển khai thực hiện các chủ trương, biện pháp, định hướng giáo "
        "dục đào tạo trong nhà trường, đẩy mạnh học tập trong xã hội, góp phần xây dựng xã hội học tập.",
    ),
    requirements=(
        "Phù hợp với chức năng, nhiệm vụ của mỗi cơ quan, đơn vị, tổ chức Hội và đảm bảo sự thống nhất từ Sở Giáo "
        "dục và Đào tạo, Hội Khuyến học tỉnh đến các đơn vị, trường học, các cơ sở giáo dục và huyện, thành Hội, Hội "
        "Khuyến học cơ sở trên địa bàn tỉnh",
        "Các nội dung phối hợp phải cụ thể, thiết thực, lựa chọn những nội dung, hình thức phù hợp với tình hình "
        "thực tiễn ở mỗi địa phương và được tiến hành thường xuyên, có trọng tâm, trọng điểm.",
    ),
    recipients=(
        "TW HKH VN",
        "TT Tỉnh ủy",
        "TT HĐND tỉnh",
        "UBND tỉnh",
        "Ban Dân vận Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "UBMTTQ VN tỉnh HB",
        "Sở Nội vụ",
        "Lãnh đạo Sở Giáo dục và Đào tạo",
        "Các UVBCH HKH tỉnh",
        "Huyện, thành Hội, các Ban KH trực thuộc",
        "Phòng GD&ĐT các huyện, thành phố",
        "Các đơn vị trực thuộc Sở GD&ĐT",
        "Lưu: VP Sở GD&ĐT; VP Tỉnh Hội",
    ),
    parts=(
        Part(
            "II",
            "Nội dung phối hợp",
            (
                Item(
                    "II.1",
                    Party.JOINT,
                    "Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về vị trí vai trò của Giáo dục và Đào tạo, "
                    "của Hội Khuyến học trong việc nâng cao dân trí, bồi dưỡng nhân tài, đào tạo nguồn nhân lực phục "
                    "vụ sự nghiệp công nghiệp hóa, hiện đại hóa; phản ánh các hoạt động phối hợp, động viên khuyến "
                    "khích các việc làm tốt, các cá nhân, tập thể điển hình trong hoạt động giáo dục, khuyến học, "
                    "khuyến tài, xây dựng xã hội học tập.",
                ),
                Item(
                    "II.2",
                    Party.JOINT,
                    "Tham mưu với Tỉnh ủy, UBND tỉnh và các Sở, ban, ngành, đoàn thể có liên quan tổ chức sơ kết 05 "
                    "năm thực hiện Chỉ thị 11-CT/TW của Bộ Chính trị và Kế hoạch 25-KT/TU của Tỉnh ủy Hòa Bình về "
                    "tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học "
                    "tập. Xây dựng Kế hoạch thực hiện đến 2020.",
                ),
                Item(
                    "II.3",
                    Party.JOINT,
                    "Tham mưu với UBND tỉnh kiện toàn Ban chỉ đạo xây dựng xã hội học tập và phổ cập giáo dục tỉnh "
                    "Hòa Bình; phối hợp chặt chẽ, làm nòng cốt trong hoạt động của Ban chỉ đạo, đóng góp sáng kiến "
                    "chỉ đạo xây dựng xã hội học tập từ cơ sở.",
                ),
                Item(
                    "II.4",
                    Party.JOINT,
                    "Xây dựng chương trình củng cố và nâng cao chất lượng hoạt động của trung tâm học tập cộng đồng "
                    "(TTHTCD), xây dựng tiêu chí đánh giá và tổ chức đánh giá hàng năm đối với TTHTCD, tổ chức chỉ "
                    "đạo điểm về xây dựng mô hình TTHTCD ở một số xã, phường, thị trấn để rút kinh nghiệm mở rộng ra "
                    "toàn tỉnh. Phối hợp với các ngành chức năng trong việc biên soạn tài liệu khuyến công, khuyến "
                    "nông, khuyến ngư, xây dựng nông thôn mới, gia đình văn hóa...để tổ chức giảng dạy tại các "
                    "TTHTCD.",
                ),
                Item(
                    "II.5",
                    Party.JOINT,
                    "Xác định và lồng ghép phong trào xây dựng Gia đình hiếu học, dòng họ hiếu học, cộng đồng khuyến "
                    "học là một nội dung trong thực hiện xây dựng môi trường giáo dục: gia đình - nhà trường - xã "
                    'hội, trong phong trào thi đua "Xây dựng trường học thân thiện, học sinh tích cực".',
                ),
                Item(
                    "II.6",
                    Party.JOINT,
                    "Chỉ đạo, tạo điều kiện để củng cố và phát triển các Ban khuyến học, Chi hội Khuyến học, phát "
                    "triển hội viên ở các cơ quan, đơn vị, trường học và các cơ sở giáo dục trong tỉnh làm lực lượng "
                    "nòng cốt cho phong trào khuyến học từ cơ sở.",
                ),
            ),
        ),
        Part(
            "III",
            "Phân công trách nhiệm",
            (
                # 1. Sở Giáo dục và Đào tạo
                Item(
                    "1.1",
                    Party.DEPARTMENT,
                    "Hàng năm, khi xây dựng phương hướng, kế hoạch thực hiện nhiệm vụ năm học, Sở GD&ĐT đưa ra "
                    "chương trình phối hợp giữa Sở và Tỉnh Hội về công tác khuyến học, khuyến tài, xây dựng xã hội "
                    "học tập. Cuối năm học có nội dung kiểm điểm, đánh giá kết quả hoạt động, phối hợp giữa Sở và "
                    "Tỉnh Hội.",
                    recurrence=Recurrence.YEARLY,
                ),
                Item(
                    "1.2",
                    Party.DEPARTMENT,
                    "Tạo điều kiện để Tỉnh Hội đưa tin, bài, các văn bản chỉ đạo về công tác khuyến học trên Website "
                    "ngành GD&ĐT.",
                ),
                Item(
                    "1.3",
                    Party.DEPARTMENT,
                    "Tạo điều kiện để Hội Khuyến học tham gia các đề tài nghiên cứu khoa học, triển khai ứng dụng "
                    "thực tiễn xây dựng xã hội học tập trên địa bàn tỉnh.",
                ),
                Item(
                    "1.4",
                    Party.DEPARTMENT,
                    "Phối hợp tổ chức Tuần lễ Khuyến học, tháng Khuyến học và tổ chức Ngày Khuyến học 2/10 hàng "
                    "năm, động viên phong trào khuyến học, khuyến tài trong xã hội. Năm 2012, Phối hợp với Hội "
                    "Khuyến học tỉnh tổ chức Đại hội biểu dương Gia đình hiếu học, Dòng họ hiếu học, cộng đồng khuyến "
                    "học giai đoạn 2008-2012; Kỷ niệm 15 năm thành lập Hội Khuyến học tỉnh Hòa Bình (1997-2012).",
                    supporting="Hội Khuyến học tỉnh Hòa Bình",
                    recurrence=Recurrence.YEARLY,
                    yearly_day=2,
                    yearly_month=10,
                ),
                Item(
                    "1.5",
                    Party.DEPARTMENT,
                    "Chỉ đạo các cơ quan, đơn vị, trường học và các cơ sở giáo dục tạo điều kiện để các Ban Khuyến "
                    "học, chi hội khuyến học hoạt động.",
                ),
                Item(
                    "1.6",
                    Party.DEPARTMENT,
                    "Tiếp tục tạo điều kiện hỗ trợ về cơ sở vật chất, phương tiện để Hội Khuyến học tỉnh có thêm "
                    "điều kiện thuận lợi thực hiện nhiệm vụ.",
                ),
                # 2. Hội Khuyến học tỉnh
                Item(
                    "2.1",
                    Party.ASSOCIATION,
                    "Tư vấn kiến nghị với cấp ủy Đảng, chính quyền, ngành giáo dục và đào tạo về các chủ trương, "
                    "chính sách, biện pháp phát triển và nâng cao chất lượng giáo dục, góp phần xây dựng xã hội học "
                    "tập.",
                ),
                Item(
                    "2.2",
                    Party.ASSOCIATION,
                    'Chỉ đạo các cấp Hội tiếp tục thực hiện cuộc vận động "Học tập và làm theo tấm gương đạo đức Hồ '
                    'Chí Minh", tiếp tục ủng hộ cuộc vận động "Mỗi thầy, cô giáo là một tấm gương đạo đức, tự học '
                    'và sáng tạo" và phong trào thi đua "Xây dựng trường học thân thiện, học sinh tích cực".',
                ),
                Item(
                    "2.3",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội tăng cường tư vấn, hỗ trợ hoạt động cho TTHTCD, động viên hội viên tích cực "
                    "tham gia các hoạt động, học tập tại TTHTCD, tham gia biên soạn học liệu, làm hướng dẫn viên, "
                    "cộng tác viên, tham gia đánh giá hoạt động hàng năm góp phần củng cố, nâng cao chất lượng hoạt "
                    "động của các TTHTCD trong tỉnh.",
                ),
                Item(
                    "2.4",
                    Party.ASSOCIATION,
                    "Thông qua Quỹ khuyến học, Hội sẽ tăng thêm các suất học bổng cho học sinh nghèo vượt khó, học "
                    "tập tiến bộ, tu dưỡng tốt; tặng phần thưởng cho giáo viên, học sinh có thành tích cao trong các "
                    "kỳ thi quốc gia, quốc tế trên các lĩnh vực.",
                ),
                Item(
                    "2.5",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội vận động học sinh không bỏ học, động viên, khuyến khích học viên vượt khó "
                    "vươn lên học tốt ở vùng sâu, vùng xa, vùng kinh kế gặp nhiều khó khăn. Vận động các gia đình và "
                    "dòng họ phấn đấu trở thành gia đình hiếu học, dòng học hiếu học nuôi dưỡng con cháu không bỏ "
                    "học, không lưu ban, phấn đấu trở thành học sinh khá giỏi, tiếp tục học lên các bậc học cao hơn.",
                ),
                Item(
                    "2.6",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội hỗ trợ các nhà trường tổ chức quản lý học sinh trong những ngày nghỉ lễ, "
                    "Tết và trong hè ở cụm dân cư; phối hợp với nhà trường tổ chức cho giáo viên, học sinh tham gia "
                    "khuyến học, khuyến tài ở địa phương.",
                ),
            ),
        ),
        Part(
            "IV",
            "Tổ chức thực hiện",
            (
                # 1. Đối với cấp tỉnh: printed 1.1 and 1.2
                Item(
                    "IV.1.1",
                    Party.JOINT,
                    "Tăng cường thông tin hai chiều thông qua các báo cáo sơ, tổng kết, báo cáo chuyên đề có liên "
                    "quan.\n"
                    "Định kỳ 6 tháng đầu năm và 6 tháng cuối năm Sở GD&ĐT, Hội Khuyến học tỉnh phối hợp và tổ chức "
                    "hội nghị sơ kết đánh giá kết quả thực hiện kế hoạch phối hợp để cùng nhau giải quyết kịp thời "
                    "những tồn tại, vướng mắc phát sinh trong quá trình triển khai thực hiện và xây dựng kế hoạch "
                    "phối hợp năm sau.",
                ),
                Item(
                    "IV.1.2",
                    Party.JOINT,
                    "Văn phòng Sở GD&ĐT và Văn phòng Tỉnh Hội có trách nhiệm giúp Giám đốc Sở GD&ĐT và Thường trực "
                    "Tỉnh Hội liên kết phối hợp, cập nhật thông tin, dự thảo báo cáo theo nội dung, trách nhiệm của "
                    "kế hoạch này.",
                ),
                # 2. Đối với cấp huyện, thành phố: one unnumbered paragraph
                Item(
                    "IV.2",
                    Party.JOINT,
                    "Sở GD&ĐT và Hội Khuyến học tỉnh chỉ đạo các Phòng GD&ĐT, các huyện, thành Hội căn cứ vào Kế "
                    "hoạch phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh xây dựng kế hoạch thực hiện cho "
                    "phù hợp với điều kiện thực tế và nhiệm vụ trọng tâm của mỗi địa phương.",
                ),
            ),
        ),
    ),
)
