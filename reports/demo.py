"""Demo reporting: a current plan of Phú Thọ, its periods, and reports in every state.

The plan No. 15/KH-SGDĐT-HKH is INVENTED for the demo: the seed plans
(``programmes.demo_plans``) are real, historical documents that have all
ended, so none of them can be reported on. This one runs over the previous
and the current year (taken from ``timezone.localdate()`` when it is first
loaded), so that the demo always has an open reporting period. Its wording
follows the seed documents and the national texts they cite; the signatories
are fictitious.

The reports are written straight with the ORM rather than through
``reports.services.workflow``, because the services check today's date and
the acting user's role, and most of the demo lies in the past. They are kept
as the services would leave them: status, version, submission and review
times, events with their actors, progress on exactly the commitments of
``commitments_for``, a figure for each of their indicators, and proposals.

The periods, relative to today:

- every period before the last one that precedes the current period: most
  units accepted; in the earliest one a unit is missing, a unit filed late
  and a unit's report was returned once before being accepted;
- the period just before the current one: a mix, accepted, submitted (in the
  reviewers' queue), returned with a comment (reopened for late filing when
  the period is already locked, so the unit can fix it) and a draft;
- the current period: "Hội Khuyến học xã Lạc Sơn" has a draft and "Hội
  Khuyến học phường Hòa Bình" has no report yet, so the ``reporter`` persona
  can start one.

Loading twice changes nothing: the plan is found by its area and number and
left as it is; a report is written only if the unit has none for the period.
Call it after ``programmes.demo.demo_load`` (which creates the areas,
organisations and users).
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from programmes.models import Area, Commitment, Indicator, Membership, Organisation, Plan, PlanParty, Section
from programmes.services.plans import plan_refresh_search

from .models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal, ReportEvent, ReportingPeriod
from .services.periods import plan_open_reporting
from .services.workflow import commitments_for

Party = Commitment.Party
Lead = Commitment.Lead
Recurrence = Commitment.Recurrence
Unit = Indicator.Unit
Aggregation = Indicator.Aggregation
Level = Area.Level
Status = ProgressReport.Status
Progress = CommitmentProgress.Status
Action = ReportEvent.Action
Role = Membership.Role

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


# ---------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Figures: vary by unit, improve from one period to the next
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    membership: Decimal  # %
    fund: int  # đồng per person per year
    scholarships: int  # đồng, in a second half (when the school year starts)
    pupils: int  # lượt, in a second half
    attendance: Decimal  # %


PROFILES = {
    "department": Profile(Decimal("86.0"), 30000, 0, 0, Decimal("97.8")),
    "province": Profile(Decimal("84.0"), 29000, 300_000_000, 5200, Decimal("97.5")),
    "hoa_binh": Profile(Decimal("82.5"), 27500, 85_000_000, 1450, Decimal("98.2")),
    "lac_son": Profile(Decimal("76.0"), 21000, 48_000_000, 980, Decimal("97.1")),
    "mai_chau": Profile(Decimal("71.5"), 19500, 40_000_000, 860, Decimal("96.8")),
}
OTHER_PROFILE = Profile(Decimal("74.0"), 20000, 30_000_000, 600, Decimal("97.0"))
FIRST_HALF_SHARE = Decimal("0.45")  # most scholarships are given when the school year starts


def _round(value: Decimal, step: int) -> Decimal:
    return (value / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step


def _figures(unit_key: str, step: int, half: str) -> dict[str, Decimal]:
    """The unit's figures for the ``step``-th period of the plan (0 for the first)."""
    profile = PROFILES.get(unit_key, OTHER_PROFILE)
    share = FIRST_HALF_SHARE if half == ReportingPeriod.Half.H1 else Decimal("1")
    growth = 1 + Decimal("0.06") * step
    return {
        "membership": min(profile.membership + 2 * step, Decimal("98.5")).quantize(Decimal("0.1")),
        "fund": Decimal(profile.fund + 1000 * step),
        "scholarships": _round(profile.scholarships * share * growth, 100_000),
        "pupils": _round(profile.pupils * share * growth, 1),
        "attendance": min(profile.attendance + Decimal("0.15") * step, Decimal("99.6")).quantize(Decimal("0.1")),
    }


def _figure(indicator: Indicator, figures: dict[str, Decimal], units: int) -> Decimal:
    key = TARGET_KEYS.get(indicator.name)
    if key:
        return figures[key]
    # An indicator added in the portal: a share of its target.
    if indicator.aggregation == Aggregation.SUM:
        return _round(indicator.target_value / (2 * max(units, 1)), 1)
    return (indicator.target_value * Decimal("0.9")).quantize(Decimal("0.01"))


def _vnd(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")


def _percent(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


# ---------------------------------------------------------------------------
# Texts
# ---------------------------------------------------------------------------

NOTES = {
    "I.1": "Tổ chức {a} hội nghị, buổi sinh hoạt chuyên đề tuyên truyền Kết luận số 49-KL/TW và Đề án “Xây dựng xã "
    "hội học tập giai đoạn 2021-2030”; đăng {b} tin, bài về gương gia đình, dòng họ hiếu học.",
    "I.2": "Duy trì hoạt động của các trung tâm học tập cộng đồng; mở {a} lớp chuyên đề về kỹ năng số, trồng trọt, "
    "chăn nuôi với {c} lượt người tham gia.",
    "I.3": "Bình xét, đề nghị công nhận {c} “Gia đình học tập”, {b} “Dòng họ học tập” và {a} “Cộng đồng học tập” cấp "
    "thôn, tổ dân phố.",
    "I.4": "Rà soát, kiện toàn Chi hội Khuyến học ở {b} trường; vận động cán bộ, giáo viên và cha mẹ học sinh tham gia "
    "hội viên, đóng góp quỹ khuyến học.",
    "II.1": "Đưa nội dung phối hợp với Hội Khuyến học tỉnh vào kế hoạch thực hiện nhiệm vụ năm học; đánh giá kết quả "
    "phối hợp trong hội nghị tổng kết năm học.",
    "II.2": "Chỉ đạo các cơ sở giáo dục theo dõi sĩ số hằng tuần; phối hợp với gia đình và Hội Khuyến học vận động "
    "{b} học sinh có nguy cơ bỏ học trở lại lớp.",
    "III.1": "Vận động các tổ chức, doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Khuyến học; trao học bổng, quà tặng cho học "
    "sinh nghèo vượt khó học giỏi.",
    "III.2": "Củng cố {a} Chi hội, Ban Khuyến học; tham mưu kiện toàn Ban Giám đốc trung tâm học tập cộng đồng.",
    "III.3": "Tổ chức các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10; tuyên dương, khen thưởng {c} học sinh "
    "giỏi, giáo viên dạy giỏi và gia đình hiếu học tiêu biểu.",
    "IV.1": "Bộ phận thường trực hai bên họp giao ban, theo dõi, đôn đốc việc thực hiện kế hoạch; tổng hợp báo cáo 6 "
    "tháng gửi lãnh đạo hai bên.",
}
DEFAULT_NOTE = "Đang triển khai thực hiện theo kế hoạch."
OUT_OF_PERIOD_NOTE = "Hoạt động diễn ra vào ngày {day}/{month} hằng năm, không thuộc kỳ báo cáo này."
AT_RISK_NOTE = (
    "Trung tâm học tập cộng đồng chưa tổ chức được chuyên đề về chuyển đổi số do thiếu máy tính và người hướng dẫn."
)

SHORTCOMINGS = {
    "department": [
        "Một số trường chưa đưa nội dung khuyến học vào kế hoạch của nhà trường; việc báo cáo số liệu về Chi hội "
        "Khuyến học còn chậm.",
        "Tỉ lệ học sinh đi học chuyên cần ở các xã vùng cao vào mùa rét và mùa thu hoạch còn thấp.",
    ],
    "association": [
        "Một số trung tâm học tập cộng đồng hoạt động chưa thường xuyên, nội dung chuyên đề chưa phong phú.",
        "Nguồn vận động quỹ khuyến học ở các thôn, xóm còn hạn chế; việc phát triển hội viên trong cha mẹ học sinh "
        "chưa đồng đều.",
        "Việc đánh giá, công nhận “Công dân học tập” còn lúng túng, chưa ứng dụng được phần mềm quản lý.",
    ],
}
CAUSES = {
    "department": [
        "Một số cán bộ quản lý chưa nhận thức đầy đủ vai trò của công tác khuyến học; địa bàn rộng, giao thông khó "
        "khăn.",
        "Đời sống một bộ phận nhân dân còn khó khăn, học sinh phải nghỉ học giúp gia đình vào mùa vụ.",
    ],
    "association": [
        "Cán bộ Hội chủ yếu kiêm nhiệm, tuổi cao; kinh phí hoạt động còn hạn hẹp.",
        "Sau khi sắp xếp đơn vị hành chính, một số Chi hội đang kiện toàn lại tổ chức.",
        "Cơ sở vật chất của trung tâm học tập cộng đồng còn thiếu, chưa có máy tính phục vụ học tập.",
    ],
}
NEXT_STEPS = {
    ReportingPeriod.Half.H1: "Chuẩn bị các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10; rà soát, lập danh sách "
    "học sinh có hoàn cảnh khó khăn để trao học bổng đầu năm học mới.",
    ReportingPeriod.Half.H2: "Tổ chức sơ kết công tác phối hợp; tiếp tục vận động quỹ khuyến học, phát triển hội "
    "viên và nâng cao chất lượng hoạt động của trung tâm học tập cộng đồng trong 6 tháng tới.",
}
PROPOSALS = {
    "department": [
        "Đề nghị Hội Khuyến học tỉnh phối hợp tập huấn nghiệp vụ cho cán bộ phụ trách Chi hội Khuyến học trong các "
        "trường học.",
        "Đề nghị Hội Khuyến học tỉnh ưu tiên học bổng cho học sinh các xã vùng cao có tỉ lệ chuyên cần thấp.",
    ],
    "association": [
        "Đề nghị Hội Khuyến học tỉnh hỗ trợ kinh phí mua máy tính cho trung tâm học tập cộng đồng.",
        "Đề nghị tổ chức tập huấn sử dụng phần mềm đánh giá, công nhận “Công dân học tập”.",
        "Đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường cung cấp danh sách học sinh có hoàn cảnh khó khăn đầu năm "
        "học.",
    ],
}
ANSWERS = {
    "Đề nghị Hội Khuyến học tỉnh phối hợp tập huấn nghiệp vụ cho cán bộ phụ trách Chi hội Khuyến học trong các "
    "trường học.": "Hội Khuyến học tỉnh đưa nội dung tập huấn vào chương trình công tác quý tới.",
    "Đề nghị Hội Khuyến học tỉnh ưu tiên học bổng cho học sinh các xã vùng cao có tỉ lệ chuyên cần thấp.": (
        "Thống nhất; Thường trực Hội sẽ phân bổ 40% số suất học bổng cho các xã vùng cao."
    ),
    "Đề nghị Hội Khuyến học tỉnh hỗ trợ kinh phí mua máy tính cho trung tâm học tập cộng đồng.": (
        "Hội Khuyến học tỉnh đã đề xuất UBND tỉnh bố trí kinh phí; trước mắt vận động doanh nghiệp tài trợ 05 bộ máy "
        "tính."
    ),
    "Đề nghị tổ chức tập huấn sử dụng phần mềm đánh giá, công nhận “Công dân học tập”.": (
        "Sẽ tổ chức tập huấn trực tuyến cho Hội Khuyến học các xã, phường trong tháng tới."
    ),
    "Đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường cung cấp danh sách học sinh có hoàn cảnh khó khăn đầu năm "
    "học.": "Đã chuyển đề nghị tới Sở Giáo dục và Đào tạo; Sở sẽ có văn bản chỉ đạo các trường.",
}
RETURN_COMMENTS = {
    "lac_son": "Đề nghị bổ sung danh sách học sinh được nhận học bổng kèm theo báo cáo và làm rõ nguyên nhân trung tâm "
    "học tập cộng đồng chưa tổ chức được chuyên đề về chuyển đổi số.",
    "hoa_binh": "Số lượt học sinh được hỗ trợ chưa khớp với tổng giá trị học bổng đã trao; đề nghị rà soát lại số "
    "liệu trước khi gửi lại.",
}
DEFAULT_RETURN_COMMENT = "Đề nghị bổ sung số liệu và minh chứng kèm theo báo cáo."


def _half_label(period: ReportingPeriod) -> str:
    half = "6 tháng đầu năm" if period.half == ReportingPeriod.Half.H1 else "6 tháng cuối năm"
    return f"{half} {period.year}"


def _pick(items: list[str], index: int) -> str:
    return items[index % len(items)]


def _narrative(organisation: Organisation, period: ReportingPeriod, figures: dict, seed: int) -> dict[str, str]:
    kind = "department" if organisation.side == Organisation.Side.EDUCATION else "association"
    label = _half_label(period)
    if kind == "department":
        results = (
            f"Trong {label}, Sở Giáo dục và Đào tạo đã chỉ đạo 100% cơ sở giáo dục đưa nội dung khuyến học, khuyến "
            f"tài vào kế hoạch năm học. Tỉ lệ học sinh đi học chuyên cần đạt {_percent(figures['attendance'])}%; tỉ lệ "
            f"cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học đạt {_percent(figures['membership'])}%, "
            f"quỹ khuyến học ở các Chi hội bình quân {_vnd(figures['fund'])} đ/người/năm."
        )
    else:
        results = (
            f"Trong {label}, {organisation.name} đã trao học bổng, quà tặng tổng trị giá "
            f"{_vnd(figures['scholarships'])} đồng cho {_vnd(figures['pupils'])} lượt học sinh có hoàn cảnh khó khăn, "
            f"học sinh nghèo vượt khó học giỏi. Tỉ lệ cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học "
            f"đạt {_percent(figures['membership'])}%; quỹ khuyến học bình quân {_vnd(figures['fund'])} đ/người/năm."
        )
    return {
        "results": results,
        "shortcomings": _pick(SHORTCOMINGS[kind], seed),
        "causes": _pick(CAUSES[kind], seed),
        "next_steps": NEXT_STEPS[period.half],
        "proposals_text": "\n".join(_proposals(kind, seed)),
    }


def _proposals(kind: str, seed: int) -> list[str]:
    pool = PROPOSALS[kind]
    first = seed % len(pool)
    return [pool[first], pool[(first + 1) % len(pool)]] if seed % 3 else [pool[first]]


def _falls_in(commitment: Commitment, period: ReportingPeriod) -> bool:
    """Whether the commitment's yearly date falls in the period (True if it has none)."""
    if not (commitment.yearly_day and commitment.yearly_month):
        return True
    for year in (period.year - 1, period.year):
        try:
            day = date(year, commitment.yearly_month, commitment.yearly_day)
        except ValueError:
            continue
        if period.starts_on <= day <= period.ends_on:
            return True
    return False


def _note(commitment: Commitment, **numbers) -> str:
    return NOTES.get(commitment.number, DEFAULT_NOTE).format(**numbers)


def _progress(commitment: Commitment, position: int, period: ReportingPeriod, step: int, seed: int, at_risk: bool):
    """The status and note of a filed report on one commitment."""
    if not _falls_in(commitment, period):
        return Progress.NOT_APPLICABLE, OUT_OF_PERIOD_NOTE.format(
            day=f"{commitment.yearly_day:02d}", month=f"{commitment.yearly_month:02d}"
        )
    if at_risk and commitment.number == "I.2":
        return Progress.AT_RISK, AT_RISK_NOTE
    note = _note(commitment, a=2 + (seed + step) % 3, b=3 + seed + step, c=12 + 4 * seed + 5 * step)
    done = commitment.recurrence == Recurrence.YEARLY or (seed + position + step) % 3 < 1 + (step >= 2)
    return (Progress.DONE if done else Progress.IN_PROGRESS), note


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------

ACCEPTED = "accepted"
ACCEPTED_LATE = "accepted_late"
ACCEPTED_AFTER_RETURN = "accepted_after_return"
SUBMITTED = "submitted"
RETURNED = "returned"
DRAFT = "draft"  # filled in, not sent
STARTED = "started"  # a draft of the current period, partly filled in


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _in_the_past(moments: list[datetime]) -> list[datetime]:
    """The moments, in order, moved back where needed so that the last is before now."""
    limit = timezone.now() - timedelta(minutes=5)
    result = []
    for moment in reversed(moments):
        moment = min(moment, limit)
        result.append(moment)
        limit = moment - timedelta(minutes=10)
    return list(reversed(result))


@dataclass
class Step:
    action: str
    at: datetime
    actor: object  # a user or None
    comment: str = ""


def _timeline(scenario: str, period: ReportingPeriod, seed: int, reporter, reviewer, comment: str) -> list[Step]:
    """The events of a report, in order, dated within or just after the period."""
    today = timezone.localdate()
    ends, due = period.ends_on, period.due_on
    created = _at(ends - timedelta(days=8 + seed % 5), 8, (10 + 7 * seed) % 60)
    on_time = _at(min(ends + timedelta(days=seed % 4), due), 14, (5 * seed) % 60)
    if scenario == STARTED:
        # Begun a week ago, or a few days into the period if it is younger.
        start = _at(max(period.starts_on + timedelta(days=3), today - timedelta(days=7)), 8, 30)
        moment = _in_the_past([start])[0]
        if timezone.localtime(moment).date() < period.starts_on:  # the period began today
            moment = timezone.now()
        return [Step(Action.CREATED, moment, reporter)]
    if scenario == DRAFT:
        return _steps([(Action.CREATED, created, reporter, "")])
    if scenario in (ACCEPTED, ACCEPTED_LATE):
        submitted = on_time
        if scenario == ACCEPTED_LATE:
            submitted = _at(min(due + timedelta(days=3), period.locked_after), 16, 20)
        return _steps(
            [
                (Action.CREATED, created, reporter, ""),
                (Action.SUBMITTED, submitted, reporter, ""),
                (Action.ACCEPTED, _at(submitted.date() + timedelta(days=3), 9, 15), reviewer, ""),
            ]
        )
    if scenario == ACCEPTED_AFTER_RETURN:
        first = _at(ends + timedelta(days=1), 15, 0)
        returned = _at(ends + timedelta(days=2), 10, 30)
        again = _at(min(ends + timedelta(days=4), due), 16, 45)
        return _steps(
            [
                (Action.CREATED, created, reporter, ""),
                (Action.SUBMITTED, first, reporter, ""),
                (Action.RETURNED, returned, reviewer, comment),
                (Action.SUBMITTED, again, reporter, ""),
                (Action.ACCEPTED, _at(again.date() + timedelta(days=3), 9, 40), reviewer, ""),
            ]
        )
    if scenario == SUBMITTED:
        return _steps([(Action.CREATED, created, reporter, ""), (Action.SUBMITTED, on_time, reporter, "")])
    if scenario == RETURNED:
        steps = [
            (Action.CREATED, created, reporter, ""),
            (Action.SUBMITTED, on_time, reporter, ""),
            (Action.RETURNED, _at(on_time.date() + timedelta(days=2), 10, 30), reviewer, comment),
        ]
        if period.locked_after < today:  # reopened so that the unit can still fix it
            until = today + timedelta(days=14)
            reopened_on = max(today - timedelta(days=2), period.locked_after + timedelta(days=1))
            steps.append(
                (Action.REOPENED, _at(reopened_on, 9, 0), reviewer, f"đến ngày {until:%d/%m/%Y}")
            )
        return _steps(steps)
    raise ValueError(scenario)


def _steps(rows: list[tuple]) -> list[Step]:
    moments = _in_the_past([row[1] for row in rows])
    return [Step(action, moment, actor, comment) for (action, _ideal, actor, comment), moment in zip(rows, moments)]


STATUS_AFTER = {
    Action.SUBMITTED: Status.SUBMITTED,
    Action.RETURNED: Status.RETURNED,
    Action.ACCEPTED: Status.ACCEPTED,
}


def _write_report(
    *,
    plan: Plan,
    period: ReportingPeriod,
    organisation: Organisation,
    scenario: str,
    unit_key: str,
    step: int,
    seed: int,
    units: int,
    reporter,
    reviewer,
) -> ProgressReport:
    comment = RETURN_COMMENTS.get(unit_key, DEFAULT_RETURN_COMMENT)
    steps = _timeline(scenario, period, seed, reporter, reviewer, comment)
    figures = _figures(unit_key, step, period.half)
    narrative = _narrative(organisation, period, figures, seed + step)
    started = scenario == STARTED
    if started:  # only the results begun
        narrative = {"results": narrative["results"].split(". ")[0] + ".", "proposals_text": ""}

    report = ProgressReport(plan=plan, period=period, organisation=organisation, **narrative)
    version = 1
    for event in steps:
        if event.action == Action.SUBMITTED:
            version += 2  # saved, then submitted
            report.submitted_at = event.at
        elif event.action in (Action.RETURNED, Action.ACCEPTED):
            version += 1
            report.reviewed_at = event.at
        if event.action == Action.RETURNED:
            report.return_comment = event.comment
        if event.action == Action.REOPENED:
            report.reopened_until = timezone.localdate() + timedelta(days=14)
        report.status = STATUS_AFTER.get(event.action, report.status)
    if scenario in (DRAFT, STARTED):
        version += 1  # saved once
    report.version = version
    report.save()

    for event in steps:
        ReportEvent.objects.create(report=report, action=event.action, actor=event.actor, comment=event.comment)
    for event, pk in zip(steps, report.events.order_by("pk").values_list("pk", flat=True)):
        ReportEvent.objects.filter(pk=pk).update(at=event.at)

    at_risk = unit_key in ("lac_son", "mai_chau") and (step == 0 or scenario == RETURNED)
    for position, commitment in enumerate(commitments_for(plan, organisation)):
        if started:
            begun = position < 3
            status = Progress.IN_PROGRESS if begun else Progress.NOT_STARTED
            note = _note(commitment, a=2, b=3, c=12) if begun else ""
        else:
            status, note = _progress(commitment, position, period, step, seed, at_risk)
        CommitmentProgress.objects.create(report=report, commitment=commitment, status=status, note=note)
        for indicator in commitment.indicators.all():
            value = _figure(indicator, figures, units)
            if started and TARGET_KEYS.get(indicator.name) not in ("membership", "fund"):
                value = None  # not known yet
            if scenario == DRAFT and TARGET_KEYS.get(indicator.name) == "pupils":
                value = None
            IndicatorValue.objects.create(report=report, indicator=indicator, value=value)

    last = steps[-1].at
    if report.submitted_at:
        answered = report.status == Status.ACCEPTED
        for text in report.proposals_text.splitlines():
            text = text.strip()
            if not text:
                continue
            answer = ANSWERS.get(text, "") if answered and reviewer else ""
            Proposal.objects.create(
                report=report,
                text=text,
                answer=answer,
                answered_by=reviewer if answer else None,
                answered_at=report.reviewed_at if answer else None,
            )
    ProgressReport.objects.filter(pk=report.pk).update(created_at=steps[0].at, updated_at=last)
    return report


def periods_by_role(periods: list[ReportingPeriod], today: date):
    """A plan's periods (in date order) split into (ended, recent, current), relative to today.

    ``current`` is the period containing today or, past its end, the last one
    that has started and is still open for filing; ``recent`` the one before it;
    ``ended`` all earlier ones.
    """
    started = [p for p in periods if p.starts_on <= today]
    if not started:
        return [], None, None
    current = next((p for p in started if p.ends_on >= today), started[-1])
    if current.locked_after < today:  # the whole plan is over
        return started[:-1], started[-1], None
    index = started.index(current)
    if index == 0:
        return [], None, current
    return started[: index - 1], started[index - 1], current


def _scenarios(ended, recent, current) -> list[tuple[ReportingPeriod, str, str]]:
    """(period, unit key, scenario) of every report to write; "other" is any other unit."""
    rows = []
    for index, period in enumerate(ended):
        first = index == 0
        rows += [
            (period, "department", ACCEPTED),
            (period, "province", ACCEPTED),
            (period, "hoa_binh", ACCEPTED_AFTER_RETURN if first else ACCEPTED),
            (period, "lac_son", ACCEPTED_LATE if first else ACCEPTED),
            (period, "other", ACCEPTED),
        ]
        if not first:  # missing from the first period
            rows.append((period, "mai_chau", ACCEPTED))
    if recent:
        rows += [
            (recent, "department", ACCEPTED),
            (recent, "province", ACCEPTED),
            (recent, "hoa_binh", SUBMITTED),  # waiting in the reviewer's queue
            (recent, "lac_son", RETURNED),
            (recent, "mai_chau", DRAFT),
            (recent, "other", ACCEPTED),
        ]
    if current:
        rows.append((current, "lac_son", STARTED))  # Hòa Bình has nothing yet
    return rows


def _user_with(organisation: Organisation, role: str):
    membership = (
        Membership.objects.filter(organisation=organisation, role=role, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def demo_reports_load() -> None:
    """Create the current demo plan of Phú Thọ, open its reporting and write its demo reports."""
    today = timezone.localdate()
    plan = _current_plan(today.year - 1, today.year)
    if not plan.periods.exists():
        # Only the first time: later, Phú Thọ may hold more association units (the
        # national data set), which must not join the demo plan and its reports.
        plan_open_reporting(user=None, plan=plan)

    units = plan.reporting_units.select_related("organisation__area")
    units = list(units.order_by("organisation__area__path", "organisation__name", "pk"))
    keys = {u.organisation_id: UNIT_KEYS.get((u.organisation.area.code, u.organisation.name), "other") for u in units}
    association = Organisation.objects.filter(area__code=PROVINCE, name=ASSOCIATION).first()
    reviewer = _user_with(association, Role.REVIEWER) if association else None
    periods = list(plan.periods.order_by("starts_on"))
    existing = set(ProgressReport.objects.filter(plan=plan).values_list("period_id", "organisation_id"))

    for period, unit_key, scenario in _scenarios(*periods_by_role(periods, today)):
        for seed, unit in enumerate(units):
            organisation = unit.organisation
            if keys[organisation.pk] != unit_key or (period.pk, organisation.pk) in existing:
                continue
            _write_report(
                plan=plan,
                period=period,
                organisation=organisation,
                scenario=scenario,
                unit_key=unit_key,
                step=periods.index(period),
                seed=seed,
                units=len(units),
                reporter=_user_with(organisation, Role.REPORTER),
                reviewer=reviewer,
            )
            existing.add((period.pk, organisation.pk))
