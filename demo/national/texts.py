"""The reports' texts: results, shortcomings, causes, next steps, proposals, answers and notes."""

from programmes.models import Organisation

Side = Organisation.Side


RESULTS = {
    Side.EDUCATION: "Trong {label}, Sở Giáo dục và Đào tạo đã chỉ đạo các cơ sở giáo dục đưa nội dung khuyến học, "
    "khuyến tài vào kế hoạch năm học. Tỉ lệ cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học đạt "
    "{membership}%; quỹ khuyến học bình quân {fund} đ/người/năm.",
    Side.ASSOCIATION: "Trong {label}, {name} đã trao học bổng, quà tặng tổng trị giá {scholarships} đồng cho {pupils} "
    "lượt học sinh có hoàn cảnh khó khăn. Tỉ lệ hội viên trong cán bộ, giáo viên và cha mẹ học sinh đạt "
    "{membership}%; quỹ khuyến học bình quân {fund} đ/người/năm.",
}
SHORTCOMINGS = [
    "Một số trung tâm học tập cộng đồng hoạt động chưa thường xuyên, nội dung chuyên đề chưa phong phú.",
    "Nguồn vận động quỹ khuyến học ở các thôn, tổ dân phố còn hạn chế.",
    "Việc đánh giá, công nhận “Công dân học tập” còn lúng túng.",
    "Việc báo cáo số liệu của một số Chi hội còn chậm.",
]
CAUSES = [
    "Cán bộ Hội chủ yếu kiêm nhiệm, tuổi cao; kinh phí hoạt động còn hạn hẹp.",
    "Sau khi sắp xếp đơn vị hành chính, một số Chi hội đang kiện toàn lại tổ chức.",
    "Cơ sở vật chất của trung tâm học tập cộng đồng còn thiếu.",
]
NEXT_STEPS = {
    "H1": "Chuẩn bị các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10; rà soát danh sách học sinh có hoàn cảnh "
    "khó khăn để trao học bổng đầu năm học mới.",
    "H2": "Sơ kết công tác phối hợp; tiếp tục vận động quỹ khuyến học, phát triển hội viên trong 6 tháng tới.",
}
PROPOSALS = [
    "Đề nghị Hội Khuyến học tỉnh hỗ trợ kinh phí mua máy tính cho trung tâm học tập cộng đồng.",
    "Đề nghị tổ chức tập huấn sử dụng phần mềm đánh giá, công nhận “Công dân học tập”.",
    "Đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường cung cấp danh sách học sinh có hoàn cảnh khó khăn đầu năm học.",
    "Đề nghị Hội Khuyến học tỉnh tập huấn nghiệp vụ cho cán bộ phụ trách Chi hội Khuyến học trong các trường học.",
]
ANSWERS = [
    "Hội Khuyến học tỉnh đã đề xuất UBND tỉnh bố trí kinh phí; trước mắt vận động doanh nghiệp tài trợ.",
    "Sẽ tổ chức tập huấn trực tuyến cho Hội Khuyến học các xã, phường trong quý tới.",
    "Đã chuyển đề nghị tới Sở Giáo dục và Đào tạo.",
]
RETURN_COMMENTS = [
    "Đề nghị bổ sung số liệu và minh chứng kèm theo báo cáo.",
    "Số lượt học sinh được hỗ trợ chưa khớp với tổng giá trị học bổng; đề nghị rà soát lại số liệu.",
    "Đề nghị làm rõ nguyên nhân các nội dung chưa hoàn thành.",
]
AT_RISK_NOTES = [
    "Chưa tổ chức được do thiếu kinh phí và người hướng dẫn.",
    "Chậm so với kế hoạch do địa bàn mới sắp xếp, đang kiện toàn tổ chức.",
]
OUT_OF_PERIOD_NOTE = "Hoạt động diễn ra vào ngày {day:02d}/{month:02d} hằng năm, không thuộc kỳ báo cáo này."
