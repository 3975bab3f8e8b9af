"""The invented current plan of Phú Thọ (No. 15/KH-SGDĐT-HKH), its parties and reporting units."""

from datetime import date
from decimal import Decimal

from programmes.models import Area, Commitment, Indicator, Plan
from programmes.services.plans import plan_refresh_search

from ..plans import DemoPlan, Item, Part, Signatory, Target, demo_plan_create

Party = Commitment.Party
Lead = Commitment.Lead
Recurrence = Commitment.Recurrence
Unit = Indicator.Unit
Aggregation = Indicator.Aggregation
Level = Area.Level


PROVINCE = "P25"
PLAN_NUMBER = "15/KH-SGDĐT-HKH"
DEPARTMENT = "Sở Giáo dục và Đào tạo tỉnh Phú Thọ"
ASSOCIATION = "Hội Khuyến học tỉnh Phú Thọ"

# The reporting units of the demo, by area code and name.
UNIT_KEYS = {
    (PROVINCE, DEPARTMENT): "department",
    (PROVINCE, ASSOCIATION): "province",
    ("W04795", "Hội Khuyến học phường Hòa Bình"): "hoa_binh",  # the "reporter" persona
    ("W05266", "Hội Khuyến học xã Lạc Sơn"): "lac_son",  # the "reporter2" persona
    ("W05200", "Hội Khuyến học xã Mai Châu"): "mai_chau",
}


def _targets(last: int) -> dict[str, Target]:
    """The plan's indicators by key; two are to be reached by the end of its last year."""
    by_end = date(last, 12, 31)
    return {
        "membership": Target(
            "Tỉ lệ cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học",
            Unit.PERCENT,
            Decimal("85"),
            aggregation=Aggregation.MEAN,
            due_date=by_end,
        ),
        "fund": Target(
            "Quỹ khuyến học ở các Chi hội, bình quân mỗi người mỗi năm",
            Unit.VND_PER_PERSON_YEAR,
            Decimal("32000"),
            aggregation=Aggregation.MEAN,
            due_date=by_end,
        ),
        "scholarships": Target(
            "Tổng giá trị học bổng, quà tặng trao cho học sinh",
            Unit.VND,
            Decimal("500000000"),
            aggregation=Aggregation.SUM,
        ),
        "pupils": Target(
            "Số lượt học sinh có hoàn cảnh khó khăn được hỗ trợ, trao học bổng",
            Unit.TIMES,
            Decimal("10000"),
            aggregation=Aggregation.SUM,
        ),
        "attendance": Target(
            "Tỉ lệ học sinh đi học chuyên cần", Unit.PERCENT, Decimal("98"), aggregation=Aggregation.MEAN
        ),
    }


# Which target a figure belongs to, by the indicator's name (the same every year).
TARGET_KEYS = {target.name: key for key, target in _targets(2000).items()}


def _sections(first: int, last: int) -> list[tuple[str, str, list[Item]]]:
    targets = _targets(last)
    return [
        (
            "I",
            "Nội dung phối hợp",
            [
                Item(
                    "I.1",
                    Party.JOINT,
                    "Đẩy mạnh công tác thông tin, tuyên truyền Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư và "
                    "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã "
                    "hội học tập giai đoạn 2021-2030” trong cán bộ, giáo viên, học sinh và nhân dân; phản ánh, biểu "
                    "dương các gia đình, dòng họ, cộng đồng, đơn vị học tập tiêu biểu.",
                    lead=Lead.ASSOCIATION,
                ),
                Item(
                    "I.2",
                    Party.JOINT,
                    "Củng cố, kiện toàn và nâng cao chất lượng hoạt động của các trung tâm học tập cộng đồng; đa dạng "
                    "hóa các chuyên đề theo nhu cầu người học, gắn với xây dựng nông thôn mới và chuyển đổi số.",
                    lead=Lead.DEPARTMENT,
                    supporting=ASSOCIATION,
                ),
                Item(
                    "I.3",
                    Party.JOINT,
                    "Tiếp tục thực hiện Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ; đánh giá, "
                    "công nhận các danh hiệu “Gia đình học tập”, “Dòng họ học tập”, “Cộng đồng học tập” cấp thôn, tổ "
                    "dân phố và cấp xã, “Đơn vị học tập” theo hướng dẫn của Bộ Giáo dục và Đào tạo và Hội Khuyến học "
                    "Việt Nam.",
                    lead=Lead.ASSOCIATION,
                ),
                Item(
                    "I.4",
                    Party.JOINT,
                    "Chỉ đạo các trường học thành lập Chi hội Khuyến học, phát triển hội viên trong cán bộ, giáo viên "
                    "và cha mẹ học sinh, phấn đấu đạt 85% trở lên; xây dựng quỹ khuyến học ở các Chi hội, phấn đấu "
                    "đạt bình quân 32.000 đ/người/năm.",
                    lead=Lead.DEPARTMENT,
                    supporting=ASSOCIATION,
                    targets=(targets["membership"], targets["fund"]),
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
                    "Hằng năm, khi xây dựng kế hoạch thực hiện nhiệm vụ năm học, đưa nội dung phối hợp với Hội Khuyến "
                    "học tỉnh về công tác khuyến học, khuyến tài, xây dựng xã hội học tập vào kế hoạch của ngành; cuối "
                    "năm học kiểm điểm, đánh giá kết quả phối hợp.",
                    recurrence=Recurrence.YEARLY,
                    levels=(Level.PROVINCE,),
                ),
                Item(
                    "II.2",
                    Party.DEPARTMENT,
                    "Chỉ đạo các cơ sở giáo dục duy trì sĩ số, phối hợp với gia đình và Hội Khuyến học vận động học "
                    "sinh có nguy cơ bỏ học trở lại lớp, phấn đấu tỉ lệ học sinh đi học chuyên cần đạt 98% trở lên.",
                    levels=(Level.PROVINCE,),
                    targets=(targets["attendance"],),
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
                    "Vận động các tổ chức, doanh nghiệp, cá nhân ủng hộ Quỹ Khuyến học; trao học bổng, tặng quà cho "
                    "học sinh nghèo vượt khó học giỏi, học sinh có hoàn cảnh đặc biệt khó khăn, góp phần hạn chế tỉ lệ "
                    "học sinh bỏ học.",
                    targets=(targets["scholarships"], targets["pupils"]),
                ),
                Item(
                    "III.2",
                    Party.ASSOCIATION,
                    "Phối hợp với các nhà trường củng cố, phát triển Chi hội, Ban Khuyến học; hướng dẫn Hội Khuyến học "
                    "cấp xã tham mưu cấp ủy, chính quyền kiện toàn Ban Giám đốc trung tâm học tập cộng đồng.",
                ),
                Item(
                    "III.3",
                    Party.ASSOCIATION,
                    "Phối hợp tổ chức các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10 hằng năm; tuyên dương, "
                    "khen thưởng học sinh giỏi, giáo viên dạy giỏi, gia đình hiếu học tiêu biểu.",
                    supporting=DEPARTMENT,
                    recurrence=Recurrence.YEARLY,
                    yearly_day=2,
                    yearly_month=10,
                ),
            ],
        ),
        (
            "IV",
            "Tổ chức thực hiện",
            [
                Item(
                    "IV.1",
                    Party.JOINT,
                    "Bộ phận thường trực của hai bên theo dõi, đôn đốc việc thực hiện kế hoạch; định kỳ 6 tháng tổng "
                    f"hợp báo cáo kết quả, tổ chức hội nghị sơ kết; cuối năm {last} tổng kết giai đoạn {first}-{last}.",
                    lead=Lead.ASSOCIATION,
                    levels=(Level.PROVINCE,),
                ),
            ],
        ),
    ]


# Fictitious signatories.
SIGNATORIES = (
    Signatory(DEPARTMENT, PROVINCE, "Đỗ Minh Khang", "Giám đốc", "GIÁM ĐỐC"),
    Signatory(ASSOCIATION, PROVINCE, "Phạm Thị Thanh Hà", "Chủ tịch", "TM. BAN THƯỜNG VỤ"),
)


def _plan_spec(first: int, last: int) -> DemoPlan:
    return DemoPlan(
        key="current",
        area=PROVINCE,
        number=PLAN_NUMBER,
        kind=Plan.Kind.PLAN,
        title=(
            f"Kế hoạch phối hợp công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {first}-{last} "
            "giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Phú Thọ"
        ),
        signed_on=date(first, 1, 15),
        place="Phú Thọ",
        start_year=first,
        end_year=last,
        status=Plan.Status.IN_FORCE,
        review_cadence=Plan.Cadence.SEMI_ANNUAL,
        legal_bases=(
            "Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW của "
            "Bộ Chính trị khóa X về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây "
            "dựng xã hội học tập",
            "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội "
            "học tập giai đoạn 2021-2030”",
            "Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ phê duyệt Đề án “Đẩy mạnh phong "
            "trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020”",
        ),
        purposes=(
            "Tăng cường sự phối hợp giữa ngành Giáo dục và Hội Khuyến học các cấp trong công tác khuyến học, "
            "khuyến tài, xây dựng xã hội học tập trên địa bàn tỉnh.",
            "Tạo cơ hội và điều kiện để mọi người dân được học tập suốt đời; không để học sinh nào phải bỏ học vì "
            "hoàn cảnh khó khăn.",
        ),
        requirements=(
            "Nội dung phối hợp phù hợp với chức năng, nhiệm vụ của mỗi bên, cụ thể, thiết thực và được triển khai "
            "đồng bộ từ cấp tỉnh đến cấp xã.",
            "Định kỳ 6 tháng, các đơn vị báo cáo kết quả thực hiện về Hội Khuyến học tỉnh để tổng hợp.",
        ),
        recipients=(
            "Trung ương Hội Khuyến học Việt Nam (để báo cáo)",
            "Thường trực Tỉnh ủy, UBND tỉnh (để báo cáo)",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Lãnh đạo Sở Giáo dục và Đào tạo",
            "Hội Khuyến học các xã, phường",
            "Các cơ sở giáo dục trực thuộc",
            "Lưu: VT Sở GDĐT, VP Tỉnh Hội",
        ),
        parties=SIGNATORIES,
        parts=tuple(Part(number, title, tuple(items)) for number, title, items in _sections(first, last)),
    )


def _current_plan(first: int, last: int) -> Plan:
    """The demo plan, created with its parts the first time; left as it is afterwards."""
    plan = Plan.objects.filter(area__code=PROVINCE, number=PLAN_NUMBER).first()
    if plan is None:
        plan = demo_plan_create(_plan_spec(first, last))
    plan_refresh_search(plan)
    return plan
