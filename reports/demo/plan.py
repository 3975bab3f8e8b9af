"""The invented current plan of Phú Thọ (No. 15/KH-SGDĐT-HKH), its parties and reporting units."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from programmes.models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
from programmes.services.plans import plan_refresh_search

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


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    unit: str
    target_value: Decimal
    aggregation: str
    due_at_end: bool = False  # to reach by the end of the plan


@dataclass(frozen=True)
class Item:
    number: str
    party: str
    text: str
    lead: str = ""
    supporting: str = ""
    recurrence: str = Recurrence.ONGOING
    yearly_day: int | None = None
    yearly_month: int | None = None
    levels: tuple[str, ...] = ()  # empty: every level reports
    targets: tuple[Target, ...] = ()


MEMBERSHIP = Target(
    "membership",
    "Tỉ lệ cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học",
    Unit.PERCENT,
    Decimal("85"),
    Aggregation.MEAN,
    due_at_end=True,
)
FUND = Target(
    "fund",
    "Quỹ khuyến học ở các Chi hội, bình quân mỗi người mỗi năm",
    Unit.VND_PER_PERSON_YEAR,
    Decimal("32000"),
    Aggregation.MEAN,
    due_at_end=True,
)
SCHOLARSHIPS = Target(
    "scholarships",
    "Tổng giá trị học bổng, quà tặng trao cho học sinh",
    Unit.VND,
    Decimal("500000000"),
    Aggregation.SUM,
)
PUPILS = Target(
    "pupils",
    "Số lượt học sinh có hoàn cảnh khó khăn được hỗ trợ, trao học bổng",
    Unit.TIMES,
    Decimal("10000"),
    Aggregation.SUM,
)
ATTENDANCE = Target(
    "attendance",
    "Tỉ lệ học sinh đi học chuyên cần",
    Unit.PERCENT,
    Decimal("98"),
    Aggregation.MEAN,
)
TARGET_KEYS = {target.name: target.key for target in (MEMBERSHIP, FUND, SCHOLARSHIPS, PUPILS, ATTENDANCE)}


def _sections(first: int, last: int) -> list[tuple[str, str, list[Item]]]:
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
                    targets=(MEMBERSHIP, FUND),
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
                    targets=(ATTENDANCE,),
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
                    targets=(SCHOLARSHIPS, PUPILS),
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


def _plan_fields(first: int, last: int) -> dict:
    lines = "\n".join
    return {
        "kind": Plan.Kind.PLAN,
        "title": (
            f"Kế hoạch phối hợp công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {first}-{last} "
            "giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Phú Thọ"
        ),
        "signed_on": date(first, 1, 15),
        "place": "Phú Thọ",
        "start_year": first,
        "end_year": last,
        "status": Plan.Status.IN_FORCE,
        "review_cadence": Plan.Cadence.SEMI_ANNUAL,
        "legal_bases": lines(
            [
                "Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW của "
                "Bộ Chính trị khóa X về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây "
                "dựng xã hội học tập",
                "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội "
                "học tập giai đoạn 2021-2030”",
                "Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ phê duyệt Đề án “Đẩy mạnh phong "
                "trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020”",
            ]
        ),
        "purposes": lines(
            [
                "Tăng cường sự phối hợp giữa ngành Giáo dục và Hội Khuyến học các cấp trong công tác khuyến học, "
                "khuyến tài, xây dựng xã hội học tập trên địa bàn tỉnh.",
                "Tạo cơ hội và điều kiện để mọi người dân được học tập suốt đời; không để học sinh nào phải bỏ học vì "
                "hoàn cảnh khó khăn.",
            ]
        ),
        "requirements": lines(
            [
                "Nội dung phối hợp phù hợp với chức năng, nhiệm vụ của mỗi bên, cụ thể, thiết thực và được triển khai "
                "đồng bộ từ cấp tỉnh đến cấp xã.",
                "Định kỳ 6 tháng, các đơn vị báo cáo kết quả thực hiện về Hội Khuyến học tỉnh để tổng hợp.",
            ]
        ),
        "recipients": lines(
            [
                "Trung ương Hội Khuyến học Việt Nam (để báo cáo)",
                "Thường trực Tỉnh ủy, UBND tỉnh (để báo cáo)",
                "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "Lãnh đạo Sở Giáo dục và Đào tạo",
                "Hội Khuyến học các xã, phường",
                "Các cơ sở giáo dục trực thuộc",
                "Lưu: VT Sở GDĐT, VP Tỉnh Hội",
            ]
        ),
    }


# Fictitious signatories.
SIGNATORIES = [
    (DEPARTMENT, "Đỗ Minh Khang", "Giám đốc", "GIÁM ĐỐC"),
    (ASSOCIATION, "Phạm Thị Thanh Hà", "Chủ tịch", "TM. BAN THƯỜNG VỤ"),
]


def _current_plan(first: int, last: int) -> Plan:
    """The demo plan, created with its parts the first time; left as it is afterwards."""
    area = Area.objects.get(code=PROVINCE)
    plan = Plan.objects.filter(area=area, number=PLAN_NUMBER).first()
    if plan is None:
        plan = Plan.objects.create(area=area, number=PLAN_NUMBER, **_plan_fields(first, last))
        for order, (name, signatory, title, capacity) in enumerate(SIGNATORIES):
            PlanParty.objects.create(
                plan=plan,
                organisation=Organisation.objects.get(area=area, name=name),
                signatory_name=signatory,
                signatory_title=title,
                signing_capacity=capacity,
                order=order,
            )
        for section_order, (number, title, items) in enumerate(_sections(first, last), start=1):
            section = Section.objects.create(plan=plan, number=number, title=title, order=section_order)
            for order, item in enumerate(items, start=1):
                commitment = Commitment.objects.create(
                    plan=plan,
                    section=section,
                    number=item.number,
                    text=item.text,
                    party=item.party,
                    lead=item.lead,
                    supporting=item.supporting,
                    recurrence=item.recurrence,
                    yearly_day=item.yearly_day,
                    yearly_month=item.yearly_month,
                    reporting_levels=list(item.levels),
                    order=order,
                )
                for indicator_order, target in enumerate(item.targets, start=1):
                    Indicator.objects.create(
                        commitment=commitment,
                        name=target.name,
                        unit=target.unit,
                        target_value=target.target_value,
                        aggregation=target.aggregation,
                        due_date=date(last, 12, 31) if target.due_at_end else None,
                        order=indicator_order,
                    )
    plan_refresh_search(plan)
    return plan
