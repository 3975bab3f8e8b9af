"""A national data set for benchmarks: every province, every commune, years of reports.

``python manage.py seed_demo --scale national`` loads the normal demo, then
``national_load``. For each current province (after ``areas_load_current``)
it creates, if missing:

- the Sở Giáo dục và Đào tạo and the Hội Khuyến học of the province, and a
  "Hội Khuyến học {xã/phường ...}" in every commune (existing organisations of
  the same area and name, such as the demo's, are reused);
- one plan in force over the last ``years`` years, numbered
  ``{n}/KH-SGDĐT-HKH-NAT`` and titled "Kế hoạch phối hợp (dữ liệu thử nghiệm
  quy mô toàn quốc) ..." so that nobody mistakes it for a real document, with
  its 2 parties, 3 sections, 10 commitments (4 joint, 3 of the Sở, 3 of the
  association, every level reporting) and 5 indicators;
- the first and second half of every year as reporting periods (the national
  default schedule) and, as reporting units, the two parties and every commune
  association;
- for every unit and every period that has started, a report or none: locked
  periods mostly accepted (some filed late, some accepted after a return, a
  few left submitted or in draft, about 5 % missing), the last period before
  the current one a mix of every state, the current one mostly missing or a
  draft begun. Each filed report gives a status for every commitment the unit
  reports on (``commitments_for``) and a figure for each of their indicators;
  figures differ by province and by unit and improve from year to year; the
  commitments drift towards "done". Events record created, submitted,
  returned, accepted and reopened; about one report in eight raises proposals.

Everything is generated, including the past: the communes of the 2025 reform
report as far back as ``years`` allows. The generated units have no users;
the events' actors are the demo's users where the unit has one (the Phú Thọ
reviewer and reporters), else nobody.

The bulk of the rows is written with ``bulk_create`` in batches, one province
per transaction, so an interrupted run leaves whole provinces. A province
whose generated plan exists is skipped: running twice adds nothing. Reports
and events are dated in the past (``created_at``, ``updated_at`` and ``at``
are ``auto_now`` fields, switched off while they are written). The plan and
its parts get their history records; reports have no history.

Random choices come from ``random.Random`` seeded with ``seed`` and the
province code, so a province gets the same data whatever else is loaded.
"""
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from khuyenhoc.text import fold
from programmes.demo import NATIONAL_ASSOCIATION
from programmes.models import Area, Commitment, Indicator, Membership, Organisation, Plan, PlanParty, Section
from programmes.services.areas import NATION_CODE

from .models import (
    CommitmentProgress,
    IndicatorValue,
    ProgressReport,
    Proposal,
    ReportEvent,
    ReportingPeriod,
    ReportingSchedule,
    ReportingUnit,
)
from .demo import periods_by_role
from .services.periods import period_dates

Side = Organisation.Side
Level = Area.Level
Party = Commitment.Party
Lead = Commitment.Lead
Recurrence = Commitment.Recurrence
Unit = Indicator.Unit
Aggregation = Indicator.Aggregation
Status = ProgressReport.Status
Progress = CommitmentProgress.Status
Action = ReportEvent.Action
Role = Membership.Role

PLAN_SUFFIX = "/KH-SGDĐT-HKH-NAT"
TITLE_PREFIX = "Kế hoạch phối hợp (dữ liệu thử nghiệm quy mô toàn quốc)"
BATCH = 5000

# ---------------------------------------------------------------------------
# The plan of every province
# ---------------------------------------------------------------------------

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
                notes=("Bồi dưỡng kỹ năng số cho {c} giáo viên; {a} trường cho trung tâm học tập cộng đồng mượn phòng "
                       "máy.",),
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
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Đức", "Ngọc", "Quang"]
GIVEN_NAMES = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương",
               "Quân", "Sơn", "Thảo", "Trung", "Tuấn", "Yến"]

# ---------------------------------------------------------------------------
# Report texts
# ---------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------
# Scenarios of a unit's report for a period
# ---------------------------------------------------------------------------

MISSING = "missing"
ACCEPTED = "accepted"
ACCEPTED_LATE = "accepted_late"
ACCEPTED_AFTER_RETURN = "accepted_after_return"
SUBMITTED = "submitted"
RETURNED = "returned"
DRAFT = "draft"  # filled in, not sent
STARTED = "started"  # a draft of the current period, partly filled in

# Weights before the unit's and the province's own leanings.
ENDED_MIX = {ACCEPTED: 76, ACCEPTED_LATE: 9, ACCEPTED_AFTER_RETURN: 5, SUBMITTED: 3, DRAFT: 2}  # + missing
RECENT_MIX = {ACCEPTED: 45, SUBMITTED: 22, RETURNED: 8, DRAFT: 10, MISSING: 15}
CURRENT_RUNNING_MIX = {MISSING: 60, STARTED: 35, DRAFT: 5}
CURRENT_CLOSING_MIX = {MISSING: 30, STARTED: 15, DRAFT: 15, SUBMITTED: 30, ACCEPTED: 10}


@dataclass
class UnitProfile:
    """How a unit reports and what its figures look like."""

    organisation: Organisation
    weak: bool  # files late or not at all more often
    quality: float  # shifts the share of commitments done
    scale: float  # its size, for the sums
    offset: float  # its lead or lag on the percentages
    fund: float  # its own fund level
    reporter_id: int | None


@dataclass
class ProvinceProfile:
    missing: float  # share of missing reports in a locked period
    membership: float
    families: float
    fund: float
    scholarships: float  # đồng a year for a commune association
    pupils: float  # lượt a year for a commune association


@dataclass
class Built:
    """The rows of one province, before they are written."""

    reports: list = field(default_factory=list)
    children: list = field(default_factory=list)  # (report, progress, values, events, proposals)


def national_load(
    *,
    years: int = 10,
    progress: Callable[[str], None] = print,
    seed: int = 1,
    provinces: int | None = None,
    units_per_province: int | None = None,
) -> dict[str, int]:
    """Load the national data set; return how many rows of each model were created.

    ``provinces`` keeps the first provinces (by code) and ``units_per_province``
    the first communes of each (by code), for tests. Needs the current areas
    (``areas_load_current``).
    """
    if years < 1:
        raise ValueError("years must be at least 1")
    today = timezone.localdate()
    first, last = today.year - years + 1, today.year
    areas = list(Area.objects.filter(level=Level.PROVINCE, is_historical=False).order_by("path"))
    if provinces is not None:
        areas = areas[:provinces]
    if not areas:
        raise ValueError("No provinces: load the areas first (programmes.services.areas.areas_load_current).")
    communes = defaultdict(list)
    for commune in Area.objects.filter(parent__in=areas, level=Level.COMMUNE, is_historical=False).order_by("path"):
        communes[commune.parent_id].append(commune)
    national = Organisation.objects.filter(area__code=NATION_CODE, name=NATIONAL_ASSOCIATION).first()
    schedule = ReportingSchedule()
    halves = [(year, half) for year in range(first, last + 1) for half in ("H1", "H2")]
    dates = {(year, half): period_dates(schedule, year, half) for year, half in halves}

    counts = Counter()
    with _given_times():
        for index, province in enumerate(areas, start=1):
            started = time.monotonic()
            existing = Plan.objects.filter(area=province, number__endswith=PLAN_SUFFIX).first()
            if existing:
                progress(f"[{index}/{len(areas)}] {province.name}: skipped, plan {existing.number} exists")
                continue
            selected = communes[province.pk]
            if units_per_province is not None:
                selected = selected[:units_per_province]
            rng = random.Random(f"{seed}/{province.code}")
            with transaction.atomic():
                created = _load_province(province, selected, national, first, last, dates, today, rng)
            counts.update(created)
            progress(
                f"[{index}/{len(areas)}] {province.name}: {created['ReportingUnit']:,} units, "
                f"{created['ProgressReport']:,} reports, {created['CommitmentProgress']:,} progress, "
                f"{created['IndicatorValue']:,} values, {created['ReportEvent']:,} events "
                f"({time.monotonic() - started:.1f} s)"
            )
    return {name: counts[name] for name in MODEL_NAMES}


MODEL_NAMES = [
    model.__name__
    for model in (
        Organisation,
        Plan,
        PlanParty,
        Section,
        Commitment,
        Indicator,
        ReportingPeriod,
        ReportingUnit,
        ProgressReport,
        CommitmentProgress,
        IndicatorValue,
        ReportEvent,
        Proposal,
    )
]


@contextmanager
def _given_times():
    """Let ``bulk_create`` keep the times set on reports and events instead of now."""
    fields = [
        (ProgressReport._meta.get_field("created_at"), "auto_now_add"),
        (ProgressReport._meta.get_field("updated_at"), "auto_now"),
        (ReportEvent._meta.get_field("at"), "auto_now_add"),
    ]
    saved = [(f, attribute, getattr(f, attribute)) for f, attribute in fields]
    try:
        for f, attribute in fields:
            setattr(f, attribute, False)
        yield
    finally:
        for f, attribute, value in saved:
            setattr(f, attribute, value)


def _insert(model, objects: list, counts: Counter) -> list:
    if objects:
        model.objects.bulk_create(objects, batch_size=BATCH)
        counts[model.__name__] += len(objects)
    return objects


# ---------------------------------------------------------------------------
# One province
# ---------------------------------------------------------------------------


def _province_label(area: Area) -> str:
    return area.name if area.name.startswith("Thành phố") else f"tỉnh {area.name}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _load_province(province, communes, national, first, last, dates, today, rng) -> Counter:
    counts = Counter()
    department, association, commune_units = _organisations(province, communes, national, counts)
    profile = ProvinceProfile(
        missing=rng.uniform(0.02, 0.07),
        membership=rng.uniform(58, 76),
        families=rng.uniform(48, 68),
        fund=rng.uniform(12000, 24000),
        scholarships=rng.uniform(40e6, 160e6),
        pupils=rng.uniform(150, 600),
    )
    plan, commitments = _plan(province, department, association, first, last, profile, len(commune_units), rng, counts)

    periods = _insert(
        ReportingPeriod,
        [ReportingPeriod(plan=plan, year=year, half=half, **dates[year, half]) for year in range(first, last + 1)
         for half in ("H1", "H2")],
        counts,
    )
    if periods[0].pk is None:
        periods = list(plan.periods.order_by("starts_on"))
    organisations = [department, association, *commune_units]
    _insert(ReportingUnit, [ReportingUnit(plan=plan, organisation=o) for o in organisations], counts)

    users = _users(organisations)
    reviewer = users.get((association.pk, Role.REVIEWER))
    units = [
        UnitProfile(
            organisation=o,
            weak=rng.random() < 0.08,
            quality=rng.uniform(-0.12, 0.12),
            scale=(5.0 if o is association else 1.0) * rng.uniform(0.55, 1.6),
            offset=0.0 if o.area_id == province.pk else rng.uniform(-7, 6),
            fund=rng.uniform(0.8, 1.25),
            reporter_id=users.get((o.pk, Role.REPORTER)),
        )
        for o in organisations
    ]
    reported = {
        Side.EDUCATION: [c for c in commitments if c.party in (Party.JOINT, Party.DEPARTMENT)],
        Side.ASSOCIATION: [c for c in commitments if c.party in (Party.JOINT, Party.ASSOCIATION)],
    }

    built = Built()
    ended, recent, current = periods_by_role(periods, today)
    now = timezone.now()
    for step, period in enumerate(periods):
        if period.starts_on > today:
            continue
        if period in ended:
            mix = ENDED_MIX
        elif period is recent:
            mix = RECENT_MIX
        else:
            mix = CURRENT_RUNNING_MIX if today <= period.ends_on else CURRENT_CLOSING_MIX
        for unit in units:
            scenario = _scenario(mix, period in ended, unit, profile, rng)
            if scenario != MISSING:
                _build_report(
                    built, plan, period, step, len(periods), unit, scenario, reported[unit.organisation.side],
                    profile, first, today, now, reviewer, rng,
                )
    _write(built, counts)
    return counts


def _organisations(province, communes, national, counts) -> tuple[Organisation, Organisation, list[Organisation]]:
    """The province's two bodies and one association per commune, created if missing."""
    label = _province_label(province)
    wanted = [
        (province, f"Sở Giáo dục và Đào tạo {label}", Side.EDUCATION),
        (province, f"Hội Khuyến học {label}", Side.ASSOCIATION),
    ] + [(commune, f"Hội Khuyến học {_lower_first(commune.name)}", Side.ASSOCIATION) for commune in communes]
    areas = [province, *communes]

    def existing():
        rows = Organisation.objects.filter(area__in=areas).select_related("area")
        return {(o.area_id, o.name): o for o in rows}

    found = existing()
    key = (province.pk, wanted[1][1])
    if key not in found:  # first, as the parent of the communes' associations
        found[key] = _insert(
            Organisation, [Organisation(area=province, name=key[1], side=Side.ASSOCIATION, parent=national)], counts
        )[0]
    association = found[key]
    missing = [
        Organisation(area=area, name=name, side=side, parent=association if area != province else None)
        for area, name, side in wanted
        if (area.pk, name) not in found
    ]
    _insert(Organisation, missing, counts)
    found = existing()
    department = found[province.pk, wanted[0][1]]
    association = found[province.pk, wanted[1][1]]
    by_area = defaultdict(list)
    for o in found.values():
        if o.side == Side.ASSOCIATION and o.is_active and o.area_id != province.pk:
            by_area[o.area_id].append(o)
    units = [o for commune in communes for o in sorted(by_area[commune.pk], key=lambda o: o.name)]
    return department, association, units


def _round(value: float, step: int) -> Decimal:
    return Decimal(max(step, round(value / step) * step))


def _person(rng) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _plan(province, department, association, first, last, profile, communes, rng, counts):
    label = _province_label(province)
    number = f"{rng.randint(60, 1899)}{PLAN_SUFFIX}"
    title = (
        f"{TITLE_PREFIX} về công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {first}-{last} giữa "
        f"Sở Giáo dục và Đào tạo và Hội Khuyến học {label}"
    )
    plan = Plan(
        kind=Plan.Kind.PLAN,
        number=number,
        title=title,
        area=province,
        signed_on=date(first, 1, rng.randint(5, 28)),
        place=province.name.removeprefix("Thành phố "),
        start_year=first,
        end_year=last,
        status=Plan.Status.IN_FORCE,
        review_cadence=Plan.Cadence.SEMI_ANNUAL,
        legal_bases="\n".join(LEGAL_BASES),
        purposes="\n".join(PURPOSES),
        requirements="\n".join(REQUIREMENTS),
        recipients="\n".join(RECIPIENTS),
    )
    # As ``plan_refresh_search`` computes it.
    plan.search_text = fold(" ".join([number, title, plan.place, province.name, department.name, association.name]))
    plan = _with_history([plan], Plan, counts)[0]
    _with_history(
        [
            PlanParty(plan=plan, organisation=department, signatory_name=_person(rng), signatory_title="Giám đốc",
                      signing_capacity="GIÁM ĐỐC", order=0),
            PlanParty(plan=plan, organisation=association, signatory_name=_person(rng), signatory_title="Chủ tịch",
                      signing_capacity="TM. BAN THƯỜNG VỤ", order=1),
        ],
        PlanParty,
        counts,
    )
    sections = _with_history(
        [Section(plan=plan, number=number, title=title, order=order)
         for order, (number, title, _items) in enumerate(SECTIONS, start=1)],
        Section,
        counts,
    )
    commitments = _with_history(
        [
            Commitment(
                plan=plan,
                section=section,
                number=item.number,
                text=item.text,
                party=item.party,
                lead=item.lead,
                supporting=(department.name if item.party == Party.ASSOCIATION
                            else association.name if item.party == Party.DEPARTMENT else ""),
                recurrence=item.recurrence,
                yearly_day=item.yearly_day,
                yearly_month=item.yearly_month,
                reporting_levels=[],
                order=order,
            )
            for section, (_number, _title, items) in zip(sections, SECTIONS)
            for order, item in enumerate(items, start=1)
        ],
        Commitment,
        counts,
    )
    units = communes + 1
    values = {
        MEMBERSHIP: Decimal(rng.choice([80, 85, 90])),
        FAMILIES: Decimal(rng.choice([75, 80, 85])),
        FUND: _round(profile.fund * 1.6, 1000),
        SCHOLARSHIPS: _round(units * profile.scholarships * 0.5 * 1.3, 100_000_000),
        PUPILS: _round(units * profile.pupils * 0.5 * 1.3, 100),
    }
    indicators = []
    for commitment in commitments:
        for order, key in enumerate(ITEMS[commitment.number].targets, start=1):
            target = TARGETS[key]
            indicators.append(
                Indicator(
                    commitment=commitment,
                    name=target.name,
                    unit=target.unit,
                    target_value=values[key],
                    aggregation=target.aggregation,
                    due_date=date(last, 12, 31) if target.due_at_end else None,
                    order=order,
                )
            )
    indicators = _with_history(indicators, Indicator, counts)
    by_commitment = defaultdict(list)
    for indicator in indicators:
        by_commitment[indicator.commitment_id].append(indicator)
    for commitment in commitments:
        commitment.generated_indicators = by_commitment[commitment.pk]
    return plan, commitments


def _with_history(objects: list, model, counts: Counter) -> list:
    created = bulk_create_with_history(objects, model, batch_size=BATCH)
    counts[model.__name__] += len(objects)
    if any(o.pk is None for o in created):  # a database that does not return keys
        raise RuntimeError(f"{model.__name__}: the database did not return the new keys.")
    return created


def _users(organisations) -> dict[tuple[int, str], int]:
    """The first active user of each (organisation, role), for the events' actors."""
    rows = Membership.objects.filter(
        organisation__in=organisations, role__in=[Role.REPORTER, Role.REVIEWER], user__is_active=True
    ).order_by("-pk")
    return {(m.organisation_id, m.role): m.user_id for m in rows}


def _scenario(mix: dict, ended: bool, unit: UnitProfile, profile: ProvinceProfile, rng) -> str:
    weights = dict(mix)
    if ended:
        filed = sum(weights.values())
        missing = profile.missing * (3 if unit.weak else 1)
        weights[MISSING] = filed * missing / (1 - missing)
    if unit.weak:
        for late in (ACCEPTED_LATE, SUBMITTED, DRAFT) if ended else (ACCEPTED_LATE, SUBMITTED, DRAFT, MISSING):
            if late in weights:
                weights[late] *= 2
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# ---------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------


def _at(day: date, rng, first_hour: int = 7, last_hour: int = 17) -> datetime:
    tz = timezone.get_current_timezone()
    return datetime(day.year, day.month, day.day, rng.randint(first_hour, last_hour - 1), rng.randint(0, 59),
                    rng.randint(0, 59), tzinfo=tz)


def _in_the_past(moments: list[datetime], now: datetime) -> list[datetime]:
    """The moments, moved back where needed so that they stay in order and the last is before now."""
    limit = now - timedelta(minutes=5)
    result = []
    for moment in reversed(moments):
        moment = min(moment, limit)
        result.append(moment)
        limit = moment - timedelta(minutes=10)
    return result[::-1]


def _timeline(scenario, period, today, now, rng) -> list[tuple[str, datetime]]:
    """The events of a report, in order, dated within or shortly after the period."""
    created = _at(max(period.starts_on, period.ends_on - timedelta(days=rng.randint(2, 25))), rng)
    on_time = _at(period.ends_on + timedelta(days=rng.randint(-3, (period.due_on - period.ends_on).days)), rng)
    if scenario == STARTED:
        latest = max(period.starts_on, min(today, period.ends_on))
        span = (latest - period.starts_on).days
        begun = _at(period.starts_on + timedelta(days=rng.randint(min(3, span), span)), rng)
        moment = _in_the_past([begun], now)[0]
        if timezone.localtime(moment).date() < period.starts_on:  # the period began today
            moment = now
        return [(Action.CREATED, moment)]
    if scenario == DRAFT:
        rows = [(Action.CREATED, created)]
    elif scenario in (ACCEPTED, ACCEPTED_LATE, SUBMITTED):
        submitted = on_time
        if scenario == ACCEPTED_LATE:
            late = rng.randint(1, (period.locked_after - period.due_on).days)
            submitted = _at(period.due_on + timedelta(days=late), rng)
        rows = [(Action.CREATED, created), (Action.SUBMITTED, submitted)]
        if scenario != SUBMITTED:
            rows.append((Action.ACCEPTED, _at(submitted.date() + timedelta(days=rng.randint(1, 12)), rng, 8, 17)))
    elif scenario == ACCEPTED_AFTER_RETURN:
        first = _at(period.ends_on + timedelta(days=rng.randint(-2, 2)), rng)
        returned = _at(first.date() + timedelta(days=rng.randint(1, 3)), rng, 8, 17)
        again = _at(returned.date() + timedelta(days=rng.randint(1, 5)), rng)
        rows = [
            (Action.CREATED, created),
            (Action.SUBMITTED, first),
            (Action.RETURNED, returned),
            (Action.SUBMITTED, again),
            (Action.ACCEPTED, _at(again.date() + timedelta(days=rng.randint(1, 5)), rng, 8, 17)),
        ]
    elif scenario == RETURNED:
        returned = _at(on_time.date() + timedelta(days=rng.randint(1, 4)), rng, 8, 17)
        rows = [(Action.CREATED, created), (Action.SUBMITTED, on_time), (Action.RETURNED, returned)]
        if period.locked_after < today:  # reopened so that the unit can still fix it
            reopened_on = max(today - timedelta(days=rng.randint(1, 5)), period.locked_after + timedelta(days=1))
            rows.append((Action.REOPENED, _at(reopened_on, rng, 8, 17)))
    else:
        raise ValueError(scenario)
    moments = _in_the_past([moment for _action, moment in rows], now)
    return [(action, moment) for (action, _ideal), moment in zip(rows, moments)]


STATUS_AFTER = {Action.SUBMITTED: Status.SUBMITTED, Action.RETURNED: Status.RETURNED, Action.ACCEPTED: Status.ACCEPTED}


def _figures(unit: UnitProfile, profile: ProvinceProfile, period, first: int, rng) -> dict[str, Decimal]:
    """The unit's figures for the period: they differ by province and unit and improve over the years."""
    years = period.year - first + (0.5 if period.half == "H2" else 0.0)
    share = 0.45 if period.half == "H1" else 0.55  # most scholarships are given when the school year starts
    noise = rng.uniform(0.85, 1.15)
    membership = min(99.0, profile.membership + unit.offset + 2.0 * years + rng.uniform(-1.5, 1.5))
    families = min(97.0, profile.families + unit.offset + 2.4 * years + rng.uniform(-2, 2))
    return {
        MEMBERSHIP: Decimal(f"{membership:.1f}"),
        FAMILIES: Decimal(f"{families:.1f}"),
        FUND: _round(profile.fund * unit.fund * (1 + 0.05 * years), 500),
        SCHOLARSHIPS: _round(profile.scholarships * unit.scale * share * 1.06**years * noise, 100_000),
        PUPILS: _round(profile.pupils * unit.scale * share * 1.04**years * noise, 1),
    }


def _vnd(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")


def _falls_in(item: Item, period) -> bool:
    if not (item.yearly_day and item.yearly_month):
        return True
    return any(
        period.starts_on <= date(year, item.yearly_month, item.yearly_day) <= period.ends_on
        for year in (period.year - 1, period.year)
    )


def _build_report(built, plan, period, step, steps, unit, scenario, commitments, profile, first, today, now,
                  reviewer, rng) -> None:
    organisation = unit.organisation
    events = _timeline(scenario, period, today, now, rng)
    figures = _figures(unit, profile, period, first, rng)
    label = f"{'6 tháng đầu năm' if period.half == 'H1' else '6 tháng cuối năm'} {period.year}"
    results = RESULTS[organisation.side].format(
        label=label,
        name=organisation.name,
        membership=str(figures[MEMBERSHIP]).replace(".", ","),
        fund=_vnd(figures[FUND]),
        scholarships=_vnd(figures[SCHOLARSHIPS]),
        pupils=_vnd(figures[PUPILS]),
    )
    started = scenario == STARTED
    proposals = [] if started or rng.random() > 0.12 else rng.sample(PROPOSALS, rng.randint(1, 2))
    report = ProgressReport(
        plan_id=plan.pk,
        period_id=period.pk,
        organisation_id=organisation.pk,
        results=results.split(". ")[0] + "." if started else results,
        shortcomings="" if started else rng.choice(SHORTCOMINGS),
        causes="" if started else rng.choice(CAUSES),
        next_steps="" if started else NEXT_STEPS[period.half],
        proposals_text="\n".join(proposals),
        created_at=events[0][1],
        updated_at=events[-1][1],
    )
    version = 1
    for action, moment in events:
        if action == Action.SUBMITTED:
            version += 2  # saved, then submitted
            report.submitted_at = moment
        elif action in (Action.RETURNED, Action.ACCEPTED):
            version += 1
            report.reviewed_at = moment
        if action == Action.RETURNED:
            report.return_comment = rng.choice(RETURN_COMMENTS)
        if action == Action.REOPENED:
            report.reopened_until = today + timedelta(days=14)
        report.status = STATUS_AFTER.get(action, report.status)
    if scenario in (DRAFT, STARTED):
        version += 1  # saved once
    report.version = version

    reviewer_actions = (Action.RETURNED, Action.ACCEPTED, Action.REOPENED)
    event_rows = [
        ReportEvent(
            action=action,
            actor_id=reviewer if action in reviewer_actions else unit.reporter_id,
            at=moment,
            comment=(report.return_comment if action == Action.RETURNED
                     else f"đến ngày {report.reopened_until:%d/%m/%Y}" if action == Action.REOPENED else ""),
        )
        for action, moment in events
    ]

    progress_rows, value_rows = [], []
    maturity = step / max(1, steps - 1)
    for position, commitment in enumerate(commitments):
        item = ITEMS[commitment.number]
        if started:
            begun = position < 3
            status = Progress.IN_PROGRESS if begun else Progress.NOT_STARTED
            note = _note(item, rng) if begun else ""
        else:
            status, note = _progress(item, period, maturity, unit, rng)
        progress_rows.append(CommitmentProgress(commitment_id=commitment.pk, status=status, note=note))
        for indicator in commitment.generated_indicators:
            key = ITEMS[commitment.number].targets[indicator.order - 1]
            value = figures[key]
            if started and key not in (MEMBERSHIP, FUND):
                value = None  # not known yet
            elif scenario == DRAFT and key == PUPILS and rng.random() < 0.5:
                value = None
            elif rng.random() < 0.01:  # left blank
                value = None
            value_rows.append(IndicatorValue(indicator_id=indicator.pk, value=value))

    proposal_rows = []
    if report.submitted_at:
        answered = report.status == Status.ACCEPTED
        for text in proposals:
            answer = rng.choice(ANSWERS) if answered and rng.random() < 0.7 else ""
            proposal_rows.append(
                Proposal(
                    text=text,
                    answer=answer,
                    answered_by_id=reviewer if answer else None,
                    answered_at=report.reviewed_at if answer else None,
                )
            )
    built.reports.append(report)
    built.children.append((report, progress_rows, value_rows, event_rows, proposal_rows))


def _note(item: Item, rng) -> str:
    return rng.choice(item.notes).format(a=rng.randint(1, 6), b=rng.randint(2, 30), c=rng.randint(10, 400))


def _progress(item: Item, period, maturity: float, unit: UnitProfile, rng) -> tuple[str, str]:
    """The status of a filed report on one commitment: done more often as the years pass."""
    if not _falls_in(item, period):
        return Progress.NOT_APPLICABLE, OUT_OF_PERIOD_NOTE.format(day=item.yearly_day, month=item.yearly_month)
    at_risk = 0.07 - 0.04 * maturity + (0.05 if unit.weak else 0)
    not_started = 0.06 * (1 - maturity)
    done = min(0.95, max(0.05, 0.30 + 0.50 * maturity + unit.quality))
    if item.recurrence == Recurrence.YEARLY:
        done = min(0.97, done + 0.3)
    draw = rng.random()
    if draw < at_risk:
        return Progress.AT_RISK, rng.choice(AT_RISK_NOTES)
    if draw < at_risk + not_started:
        return Progress.NOT_STARTED, ""
    if draw < at_risk + not_started + done:
        return Progress.DONE, _note(item, rng)
    return Progress.IN_PROGRESS, _note(item, rng)


def _write(built: Built, counts: Counter) -> None:
    """Write the reports, then their rows, in large batches."""
    _insert(ProgressReport, built.reports, counts)
    if built.reports and built.reports[0].pk is None:  # a database that does not return keys
        raise RuntimeError("ProgressReport: the database did not return the new keys.")
    progress, values, events, proposals = [], [], [], []
    for report, progress_rows, value_rows, event_rows, proposal_rows in built.children:
        for rows, into in ((progress_rows, progress), (value_rows, values), (event_rows, events),
                           (proposal_rows, proposals)):
            for row in rows:
                row.report_id = report.pk
            into.extend(rows)
    _insert(CommitmentProgress, progress, counts)
    _insert(IndicatorValue, values, counts)
    _insert(ReportEvent, events, counts)
    _insert(Proposal, proposals, counts)
