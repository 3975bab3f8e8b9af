"""Reporting periods and the units that must report, generated from a plan."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from khuyenhoc import figure_versions
from programmes.models import Area, Organisation, Plan
from programmes.selectors import closest_for_area
from programmes.services.plans import require_change

from ..models import ReportingPeriod, ReportingSchedule, ReportingUnit


def schedule_for(area: Area) -> ReportingSchedule:
    """The schedule of the area's province (or of the one that took it over), else the national default."""
    return closest_for_area(ReportingSchedule.objects.all(), area) or ReportingSchedule()


def _safe(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 29/02 in a common year
        return date(year, month, 28)


def period_dates(schedule: ReportingSchedule, year: int, half: str) -> dict:
    """From, to, due, lock and conference dates of ``half`` of ``year`` under ``schedule``."""
    h1_start = _safe(
        year - 1 if schedule.h1_start_month >= schedule.h2_start_month else year,
        schedule.h1_start_month,
        schedule.h1_start_day,
    )
    h2_start = _safe(year, schedule.h2_start_month, schedule.h2_start_day)
    next_h1 = _safe(h1_start.year + 1, schedule.h1_start_month, schedule.h1_start_day)
    starts, ends = (h1_start, h2_start - timedelta(days=1)) if half == "H1" else (h2_start, next_h1 - timedelta(days=1))
    due = ends + timedelta(days=schedule.due_days)
    return {
        "starts_on": starts,
        "ends_on": ends,
        "due_on": due,
        "locked_after": due + timedelta(days=schedule.lock_days),
        "conference_on": due + timedelta(days=schedule.conference_days),
    }


def default_reporting_units(plan: Plan) -> list[Organisation]:
    """Who reports by default: for a provincial (or national) plan its parties and every
    association unit below its area, with the units below of a partner that signed (a Youth
    Union programme's district and commune Youth Unions); for a lower-level plan (a commune's,
    signed by its people's committee and its association), its parties."""
    parties = [party.organisation for party in plan.parties.select_related("organisation")]
    if plan.area.level not in (Area.Level.NATION, Area.Level.PROVINCE):
        return parties
    partners = {o.kind for o in parties if o.side == Organisation.Side.OTHER}
    below = Organisation.objects.filter(
        Q(side=Organisation.Side.ASSOCIATION) | Q(kind__in=partners),
        area__path__startswith=plan.area.path,
        is_active=True,
    ).exclude(area=plan.area)
    return parties + [o for o in below.order_by("area__path", "name") if o not in parties]


def _locked(plan: Plan) -> Plan:
    """The plan's row, locked: two editors opening or changing its reporting at once take
    turns instead of inserting the same period or unit twice (an IntegrityError)."""
    return Plan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_open_reporting(*, user, plan: Plan) -> tuple[int, int]:
    """Create the plan's missing periods (H1 and H2 of every year of its period, or one a
    year for a yearly review) and its default reporting units. Returns how many of each
    were created; existing ones, possibly edited, are kept."""
    require_change(user, plan.area)
    plan = _locked(plan)
    if not plan.start_year:
        return 0, 0
    schedule = schedule_for(plan.area)
    halves = ["H1", "H2"] if plan.review_cadence == Plan.Cadence.SEMI_ANNUAL else ["H2"]
    created_periods = 0
    for year in range(plan.start_year, (plan.end_year or plan.start_year) + 1):
        for half in halves:
            _period, created = ReportingPeriod.objects.get_or_create(
                plan=plan, year=year, half=half, defaults=period_dates(schedule, year, half)
            )
            created_periods += created
    created_units = 0
    for organisation in default_reporting_units(plan):
        _unit, created = ReportingUnit.objects.get_or_create(plan=plan, organisation=organisation)
        created_units += created
    if created_periods or created_units:
        figure_versions.bump_on_commit([plan.area.path])  # units expected, deadlines coming
    return created_periods, created_units


@transaction.atomic
def plan_reporting_update(
    *, user, plan: Plan, periods: list[ReportingPeriod], organisations: list[Organisation]
) -> None:
    """Save a plan's own period dates (already validated) and the units that report on it."""
    require_change(user, plan.area)
    _locked(plan)
    for period in periods:
        if period.plan_id != plan.pk:
            raise ValueError("A period of another plan.")
        period.save(update_fields=["starts_on", "ends_on", "due_on", "locked_after", "conference_on"])
    wanted = {o.pk for o in organisations}
    plan.reporting_units.exclude(organisation__in=wanted).delete()
    existing = set(plan.reporting_units.values_list("organisation_id", flat=True))
    ReportingUnit.objects.bulk_create([ReportingUnit(plan=plan, organisation_id=pk) for pk in wanted - existing])
    figure_versions.bump_on_commit([plan.area.path])  # units expected, due dates, what is late
