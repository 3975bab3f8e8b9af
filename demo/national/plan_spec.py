"""The plan of every province: its number and title, commitments, targets and list fields."""

from dataclasses import dataclass

from programmes.models import Commitment, Indicator

Party = Commitment.Party
Lead = Commitment.Lead
Recurrence = Commitment.Recurrence
Unit = Indicator.Unit
Aggregation = Indicator.Aggregation


PLAN_SUFFIX = "/KH-SGDĐT-HKH-NAT"
TITLE_PREFIX = "Kế hoạch phối hợp (dữ liệu thử nghiệm quy mô toàn quốc)"


MEMBERSHIP = "membership"
FAMILIES = "families"
FUND = "fund"
SCHOLARSHIPS = "scholarships"
PUPILS = "pupils"


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    unit: str
    aggregation: str
    due_at_end: bool


TARGETS = {
    MEMBERSHIP: Target(
        MEMBERSHIP,
        "Tỉ lệ cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học",
        Unit.PERCENT,
        Aggregation.MEAN,
        True,
    ),
    SCHOLARSHIPS: Target(
        SCHOLARSHIPS, "Tổng giá trị học bổng, quà tặng trao cho học sinh", Unit.VND, Aggregation.SUM, False
    ),
    FUND: Target(
        FUND,
        "Quỹ khuyến học ở các Chi hội, bình quân mỗi người mỗi năm",
        Unit.VND_PER_PERSON_YEAR,
        Aggregation.MEAN,
        True,
    ),
    PUPILS: Target(
        PUPILS,
        "Số lượt học sinh có hoàn cảnh khó khăn được hỗ trợ, trao học bổng",
        Unit.TIMES,
        Aggregation.SUM,
        False,
    ),
    FAMILIES: Target(
        FAMILIES,
        "Tỉ lệ hộ gia đình đạt danh hiệu “Gia đình học tập”",
        Unit.PERCENT,
        Aggregation.MEAN,
        True,
    ),
}


@dataclass(frozen=True)
class Item:
    number: str
    party: str
    text: str
    lead: str = ""
    recurrence: str = Recurrence.ONGOING
    yearly_day: int | None = None
    yearly_month: int | None = None
    targets: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


SECTIONS = [
    (
        "I",
        "Nội dung phối hợp",
        [
            Item(
                "I.1",
                Party.JOINT,
                "Đẩy mạnh công tác thông tin, tuyên truyền Kết luận số 49-KL/TW của Ban Bí thư và Đề án “Xây dựng xã "
                "hội học tập giai đoạn 2021-2030”; biểu dương gia đình, dòng họ, cộng đồng học tập tiêu biểu.",
                lead=Lead.ASSOCIATION,
                notes=(
                    "Tổ chức {a} buổi sinh hoạt chuyên đề tuyên truyền về xây dựng xã hội học tập; đăng {b} tin, bài "
                    "về gương gia đình, dòng họ hiếu học.",
                    "Phối hợp với Đài truyền thanh xã phát {b} bản tin về công tác khuyến học, khuyến tài.",
                ),
            ),
            Item(
                "I.2",
                Party.JOINT,
                "Củng cố, nâng cao chất lượng hoạt động của trung tâm học tập cộng đồng; đa dạng hóa các chuyên đề "
                "theo nhu cầu người học, gắn với chuyển đổi số.",
                lead=Lead.DEPARTMENT,
                notes=(
                    "Mở {a} lớp chuyên đề về kỹ năng số, trồng trọt, chăn nuôi với {c} lượt người tham gia.",
                    "Duy trì hoạt động của trung tâm học tập cộng đồng; tổ chức {a} chuyên đề với {c} lượt học viên.",
                ),
            ),
            Item(
                "I.3",
                Party.JOINT,
                "Đánh giá, công nhận các danh hiệu “Gia đình học tập”, “Dòng họ học tập”, “Cộng đồng học tập” và "
                "“Đơn vị học tập” theo hướng dẫn của Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam.",
                lead=Lead.ASSOCIATION,
                targets=(FAMILIES,),
                notes=(
                    "Bình xét, đề nghị công nhận {c} “Gia đình học tập”, {b} “Dòng họ học tập” và {a} “Cộng đồng học "
                    "tập” cấp thôn, tổ dân phố.",
                ),
            ),
            Item(
                "I.4",
                Party.JOINT,
                "Chỉ đạo các trường học thành lập Chi hội Khuyến học, phát triển hội viên trong cán bộ, giáo viên và "
                "cha mẹ học sinh; xây dựng quỹ khuyến học ở các Chi hội.",
                lead=Lead.DEPARTMENT,
                targets=(MEMBERSHIP, FUND),
                notes=(
                    "Kiện toàn Chi hội Khuyến học ở {a} trường; vận động cán bộ, giáo viên và cha mẹ học sinh tham "
                    "gia hội viên, đóng góp quỹ khuyến học.",
                ),
            ),
        ],
    ),
    (
        "II",
        "Trách nhiệm của Sở Giáo dục và Đào tạo",
        [
            Item(
                "II.1",
                Party.DEPARTMENT,
                "Hằng năm đưa nội dung phối hợp với Hội Khuyến học vào kế hoạch thực hiện nhiệm vụ năm học của ngành; "
                "cuối năm học đánh giá kết quả phối hợp.",
                recurrence=Recurrence.YEARLY,
                notes=("Đưa nội dung phối hợp vào kế hoạch năm học; đánh giá kết quả trong hội nghị tổng kết.",),
            ),
            Item(
                "II.2",
                Party.DEPARTMENT,
                "Chỉ đạo các cơ sở giáo dục duy trì sĩ số, phối hợp với gia đình và Hội Khuyến học vận động học sinh "
                "có nguy cơ bỏ học trở lại lớp.",
                notes=("Theo dõi sĩ số hằng tuần; vận động {b} học sinh có nguy cơ bỏ học trở lại lớp.",),
            ),
            Item(
                "II.3",
                Party.DEPARTMENT,
                "Tạo điều kiện để trung tâm học tập cộng đồng sử dụng cơ sở vật chất của các trường; bồi dưỡng kỹ "
                "năng số cho giáo viên tham gia giảng dạy chuyên đề.",
                notes=(
                    "Bồi dưỡng kỹ năng số cho {c} giáo viên; {a} trường cho trung tâm học tập cộng đồng mượn phòng "
                    "máy.",
                ),
            ),
        ],
    ),
    (
        "III",
        "Trách nhiệm của Hội Khuyến học",
        [
            Item(
                "III.1",
                Party.ASSOCIATION,
                "Vận động các tổ chức, doanh nghiệp, cá nhân ủng hộ Quỹ Khuyến học; trao học bổng, tặng quà cho học "
                "sinh nghèo vượt khó học giỏi, học sinh có hoàn cảnh đặc biệt khó khăn.",
                targets=(SCHOLARSHIPS, PUPILS),
                notes=(
                    "Vận động {a} doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Khuyến học; trao học bổng cho học sinh nghèo "
                    "vượt khó.",
                    "Trao {c} suất học bổng, quà tặng cho học sinh có hoàn cảnh khó khăn.",
                ),
            ),
            Item(
                "III.2",
                Party.ASSOCIATION,
                "Phối hợp với các nhà trường củng cố, phát triển Chi hội, Ban Khuyến học; tham mưu kiện toàn Ban Giám "
                "đốc trung tâm học tập cộng đồng.",
                notes=("Củng cố {a} Chi hội, Ban Khuyến học; kết nạp {c} hội viên mới.",),
            ),
            Item(
                "III.3",
                Party.ASSOCIATION,
                "Tổ chức các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10 hằng năm; tuyên dương, khen thưởng "
                "học sinh giỏi, giáo viên dạy giỏi, gia đình hiếu học tiêu biểu.",
                recurrence=Recurrence.YEARLY,
                yearly_day=2,
                yearly_month=10,
                notes=("Tổ chức Ngày Khuyến học Việt Nam 02/10; tuyên dương {c} học sinh giỏi và gia đình hiếu học.",),
            ),
        ],
    ),
]
ITEMS = {item.number: item for _number, _title, items in SECTIONS for item in items}

LEGAL_BASES = [
    "Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW của Bộ Chính trị "
    "khóa X về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập",
    "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội học tập giai "
    "đoạn 2021-2030”",
]
PURPOSES = [
    "Dữ liệu thử nghiệm do hệ thống sinh ra để đo hiệu năng; không phải văn bản thật.",
    "Tăng cường sự phối hợp giữa ngành Giáo dục và Hội Khuyến học các cấp trong công tác khuyến học, khuyến tài, xây "
    "dựng xã hội học tập.",
]
REQUIREMENTS = ["Định kỳ 6 tháng, các đơn vị báo cáo kết quả thực hiện về Hội Khuyến học tỉnh để tổng hợp."]
RECIPIENTS = ["Trung ương Hội Khuyến học Việt Nam (để báo cáo)", "Hội Khuyến học các xã, phường", "Lưu: VT"]
