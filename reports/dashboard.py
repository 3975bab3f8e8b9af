"""The leadership dashboard: the state of the programme in the user's scope.

Every figure is an aggregate computed by the database, in a fixed number of
queries whatever the number of provinces, units and periods. The result is
cached per scope, filters and day, under the versions of the figures of the
provinces in the scope (``khuyenhoc.figure_versions``): a report submitted,
returned or accepted in one province refreshes that province's dashboards and the
national ones; a draft, which no figure counts, refreshes none.

The cache only saves time: when it is unreachable (Redis down), the error is
logged and the dashboard is computed afresh; no page and no report action fails.
"""

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, Max, Q, Sum
from django.utils import timezone

from awards import figures as awards_figures
from conferences.services import open_conclusions
from khuyenhoc import figure_versions
from khuyenhoc.db_router import replica_reads
from programmes import access
from programmes.figures import share_of_target
from programmes.models import Area, Indicator, Plan

from .models import CommitmentProgress, IndicatorValue, ProgressReport, ReportingPeriod, ReportingUnit
from .rules import RECEIVED, SENT_LATE, SENT_ON_TIME

LAGGING = (
    CommitmentProgress.Status.NOT_STARTED,
    CommitmentProgress.Status.AT_RISK,
    CommitmentProgress.Status.IN_PROGRESS,
)
TREND_PERIODS = 8
GRID_PERIODS = 6
CACHE_TIMEOUT = 10 * 60  # also how long a dashboard may lag a change made while the cache was down
# The shape of a cached ``Dashboard``: changed with its fields or their meaning, so that a
# deployment never reads one pickled by the code before it (2: with the money lines; 3: with the
# open conclusions; 4: the money lines counted in each plan's own half-year).
SHAPE = 4
logger = logging.getLogger(__name__)


_cache = figure_versions.guarded


@dataclass(frozen=True)
class Filters:
    plan_id: int | None = None
    year: int | None = None
    half: str | None = None
    kind: str | None = None  # of the units
    area_id: int | None = None


@dataclass
class IndicatorRow:
    name: str
    unit: str
    aggregation: str
    direction: str
    target: float | None
    value: float | None
    units: int

    @property
    def progress(self) -> float | None:
        share = share_of_target(self.value, self.target)
        return None if share is None else round(share, 1)

    @property
    def unit_label(self) -> str:
        return str(dict(Indicator.Unit.choices).get(self.unit, self.unit))


@dataclass
class Dashboard:
    year: int | None
    half: str | None
    plans_in_force: int = 0
    expected: int = 0
    on_time: int = 0
    late: int = 0
    accepted: int = 0
    returned: int = 0  # sent back to the unit to be fixed: neither received nor missing
    commitments: dict = field(default_factory=dict)  # party -> status -> count
    indicators: list[IndicatorRow] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)
    lagging: list[dict] = field(default_factory=list)
    coming: list[dict] = field(default_factory=list)
    grid_periods: list[tuple[int, str]] = field(default_factory=list)
    # What the pupil lists of the plans gave in the half-year (awards.figures): counts and đồng.
    money: list = field(default_factory=list)
    money_sources: list = field(default_factory=list)
    money_areas: list = field(default_factory=list)
    money_by_province: bool = False
    # The review conferences' conclusions still to do (conferences.services.open_conclusions).
    conclusions_open: int = 0
    conclusions: list = field(default_factory=list)

    @property
    def received(self) -> int:
        return self.on_time + self.late

    @property
    def missing(self) -> int:
        return max(self.expected - self.received - self.returned, 0)

    @property
    def scores(self) -> list[dict]:
        """Per party, the commitments reported done out of those reported as applying: "not
        applicable" is neither done nor owed."""
        rows = []
        for party, counts in self.commitments.items():
            not_applicable = counts.get(CommitmentProgress.Status.NOT_APPLICABLE, 0)
            rows.append(
                {
                    "party": party,
                    "done": counts.get(CommitmentProgress.Status.DONE, 0),
                    "total": sum(counts.values()) - not_applicable,
                    "not_applicable": not_applicable,
                }
            )
        return rows


def scoped_plans(user, filters: Filters):
    """Plans in force of the user's area (the whole country for national staff), by the filters."""
    plans = Plan.objects.filter(access.area_scope(user, roles=access.AREA_WIDE_ROLES), status=Plan.Status.IN_FORCE)
    if filters.plan_id:
        plans = plans.filter(pk=filters.plan_id)
    if filters.area_id:
        area = Area.objects.filter(pk=filters.area_id).first()
        if area:
            plans = plans.filter(
                Q(area__path__startswith=area.path) | Q(reporting_units__organisation__area__path__startswith=area.path)
            ).distinct()
    return plans


def _of_units(queryset, filters: Filters, *, via: str = "", **scope):
    """Rows (reporting units or reports, or through ``via="report__"`` the rows of reports) in
    ``scope`` (``plan__in=plans`` or ``period__in=periods``), for the units the party and area
    filters keep.

    Reports are scoped by their periods alone: a period belongs to one plan, so filtering by the
    plans as well only makes PostgreSQL cross the two lists (issue 12: 9,660 nested-loop probes
    for the national dashboard), for the same rows."""
    queryset = queryset.filter(**scope)
    if filters.kind:
        queryset = queryset.filter(**{f"{via}organisation__kind": filters.kind})
    if filters.area_id:
        area = Area.objects.filter(pk=filters.area_id).first()
        if area:
            queryset = queryset.filter(**{f"{via}organisation__area__path__startswith": area.path})
    return queryset


def _units(plans, filters: Filters):
    return _of_units(ReportingUnit.objects.all(), filters, plan__in=plans)


def scoped_units(user, filters: Filters):
    """The reporting units the dashboard's table lists, in area order."""
    return (
        _units(scoped_plans(user, filters), filters)
        .select_related("organisation__area", "plan")
        .order_by("organisation__area__path", "organisation__name", "plan_id")
    )


def _reports(periods, filters: Filters):
    """Reports of ``periods`` (periods of the plans in scope) for the units the filters keep."""
    return _of_units(ProgressReport.objects.all(), filters, period__in=periods)


def _received_rows(model, periods, filters: Filters):
    """Rows of ``model`` (commitment progress, figures) of the reports received for ``periods``,
    for the units the filters keep. Filtered through the join to their report: ``report__in`` a
    subquery of reports made PostgreSQL probe the reports one by one (issue 12)."""
    return _of_units(
        model.objects.filter(report__status__in=RECEIVED), filters, via="report__", report__period__in=periods
    )


def selected_period(periods: list["PeriodRow"], filters: Filters, today: date) -> tuple[int | None, str | None]:
    """The chosen half-year, or the latest of ``periods`` that has reached its due date (the
    earliest of all when none has)."""
    if filters.year and filters.half:
        return filters.year, filters.half
    due = [(p.year, p.half) for p in periods if p.due_on <= today]
    if due:
        return max(due)
    return min(((p.year, p.half) for p in periods), default=(None, None))


def _scope_key(user) -> str:
    if access.is_unrestricted(user):
        return "all"
    paths = sorted({m.organisation.area.path for m in access.memberships_of(user) if m.role in access.AREA_WIDE_ROLES})
    return "|".join(paths)


def _scope_paths(user) -> list[str] | None:
    """The areas whose figures the user's dashboards show (None: the whole country), with the
    historical units they succeeded, as ``scoped_plans`` reads them."""
    if access.is_unrestricted(user):
        return None
    return access.root_paths(user, roles=access.AREA_WIDE_ROLES)


def dashboard_for(user, filters: Filters) -> Dashboard:
    today = timezone.localdate()
    versions = figure_versions.stamp(_scope_paths(user))
    if versions is None:
        return _compute(user, filters, today)
    digest = hashlib.sha256(f"{SHAPE}:{today}:{_scope_key(user)}:{filters}:{versions}".encode()).hexdigest()[:32]
    key = f"dashboard:{digest}"
    result = _cache(lambda: cache.get(key))
    if result is None:
        result = _compute(user, filters, today)
        _cache(lambda: cache.set(key, result, timeout=CACHE_TIMEOUT))
    return result


class PeriodRow(NamedTuple):
    pk: int
    plan: int
    year: int
    half: str
    starts_on: date
    due_on: date


@replica_reads()
def _compute(user, filters: Filters, today: date) -> Dashboard:
    # The plans in scope and their periods are read once, as lists, which the queries below take
    # as they are instead of each nesting the scope's subqueries again. A query costs about a
    # millisecond of Django's time whatever its size, so what can be read together is (issue 12).
    plans = list(scoped_plans(user, filters).values_list("pk", flat=True))
    periods = [
        PeriodRow(*row)
        for row in ReportingPeriod.objects.filter(plan__in=plans).values_list(
            "pk", "plan", "year", "half", "starts_on", "due_on"
        )
    ]
    year, half = selected_period(periods, filters, today)
    board = Dashboard(year=year, half=half, plans_in_force=len(plans))
    if year is None:
        return board
    chosen = [p for p in periods if (p.year, p.half) == (year, half)]
    units_per_plan = dict(_units(plans, filters).values("plan").annotate(n=Count("pk")).values_list("plan", "n"))
    board.expected = sum(units_per_plan.get(p.plan, 0) for p in chosen if p.starts_on <= today)
    trend_keys = sorted({(p.year, p.half) for p in periods if p.starts_on <= today}, reverse=True)[:TREND_PERIODS]
    counted = _report_counts([p for p in periods if (p.year, p.half) in {*trend_keys, (year, half)}], filters)
    figures = counted.get((year, half), {})
    board.on_time, board.late = figures.get("on_time", 0), figures.get("late", 0)
    board.accepted, board.returned = figures.get("accepted", 0), figures.get("returned", 0)
    board.commitments = _commitment_counts([p.pk for p in chosen], filters)
    board.indicators = _indicators(plans, [p.pk for p in chosen], filters)
    board.trend = _trend(periods, trend_keys, units_per_plan, counted, today)
    board.lagging = _lagging([p.pk for p in chosen], filters)
    board.coming = _coming(plans, today)
    board.grid_periods = [(row["year"], row["half"]) for row in board.trend[-GRID_PERIODS:]]
    _money(board, user, plans, filters)
    _conclusions(board, plans, filters, today)
    return board


def _conclusions(board: Dashboard, plans, filters: Filters, today: date, limit: int = 10) -> None:
    """How many conclusions are still to do, and the first ones by deadline (late first)."""
    conclusions = open_conclusions(conference__plan__in=plans)
    if filters.kind:
        conclusions = conclusions.filter(responsible__kind=filters.kind)
    board.conclusions_open = conclusions.count()
    board.conclusions = [
        {
            "number": c.number,
            "text": c.text,
            "responsible": c.responsible.name,
            "deadline": c.deadline,
            "late": bool(c.deadline and c.deadline < today),
            "conference": c.conference_id,
            "commitment": c.adopted_as.number if c.adopted_as else "",
        }
        for c in conclusions[:limit]
    ]


def _money(board: Dashboard, user, plans, filters: Filters) -> None:
    """The three money lines of the half-year (each plan's own, as its consolidated report counts
    them: ``awards.figures.given_in_half``), by source, and by area: by province where the
    dashboard spans the country, else by the area of the party that drew each list up. The party
    filter keeps what the parties of that kind gave; the area filter, the lists drawn up there."""
    entries = awards_figures.given_in_half(board.year, board.half, plan__in=plans)
    area = Area.objects.filter(pk=filters.area_id).first() if filters.area_id else None
    if filters.kind:
        entries = entries.filter(pupil_list__received_by__kind=filters.kind)
    if area:
        entries = entries.filter(pupil_list__drawn_by__area__path__startswith=area.path)
    paths = _scope_paths(user)
    national = paths is None or any(path.count("/") == 1 for path in paths)
    board.money_by_province = national and (area is None or area.level == Area.Level.NATION)
    board.money, board.money_sources, board.money_areas = awards_figures.summary_by_area(
        entries, provinces=board.money_by_province
    )


def _report_counts(periods: list[PeriodRow], filters: Filters) -> dict:
    """Per half-year of ``periods``: the reports received on time and late, accepted, and
    returned (being fixed), in one grouped query for the headline and the trend."""
    rows = (
        _reports([p.pk for p in periods], filters)
        .filter(status__in=(*RECEIVED, ProgressReport.Status.RETURNED))
        .values("period__year", "period__half")
        .annotate(
            on_time=Count("pk", filter=SENT_ON_TIME),
            late=Count("pk", filter=SENT_LATE),
            accepted=Count("pk", filter=Q(status=ProgressReport.Status.ACCEPTED)),
            returned=Count("pk", filter=Q(status=ProgressReport.Status.RETURNED)),
        )
        .order_by()  # the model's ordering would join every report's organisation for nothing
    )
    return {(row.pop("period__year"), row.pop("period__half")): row for row in rows}


def _commitment_counts(periods, filters: Filters) -> dict:
    counts: dict = defaultdict(lambda: defaultdict(int))
    rows = (
        _received_rows(CommitmentProgress, periods, filters)
        .values("commitment__party", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["commitment__party"]][row["status"]] += row["n"]
    return {party: dict(statuses) for party, statuses in counts.items()}


def _indicators(plans, periods, filters: Filters) -> list[IndicatorRow]:
    """Indicators of the plans in scope, grouped by name and unit: sums add up, means average."""
    values = (
        _received_rows(IndicatorValue, periods, filters)
        .filter(value__isnull=False)
        .values("indicator__name", "indicator__unit", "indicator__aggregation", "indicator__direction")
        .annotate(total=Sum("value"), mean=Avg("value"), units=Count("pk"), plans=Count("indicator", distinct=True))
        .order_by("indicator__name")
    )
    targets = {
        (row["name"], row["unit"]): row
        for row in Indicator.objects.filter(commitment__plan__in=plans)
        .values("name", "unit")
        .annotate(total=Sum("target_value"), mean=Avg("target_value"))
    }
    rows = []
    for row in values:
        summed = row["indicator__aggregation"] == Indicator.Aggregation.SUM
        target = targets.get((row["indicator__name"], row["indicator__unit"]), {})
        rows.append(
            IndicatorRow(
                name=row["indicator__name"],
                unit=row["indicator__unit"],
                aggregation=row["indicator__aggregation"],
                direction=row["indicator__direction"],
                target=float(target.get("total" if summed else "mean") or 0) or None,
                value=float(row["total"] if summed else row["mean"]),
                units=row["units"],
            )
        )
    return rows


def _trend(periods: list[PeriodRow], keys: list[tuple], units_per_plan: dict, counted: dict, today: date) -> list[dict]:
    """Per half-year of ``keys`` (the last started), oldest first: units expected, reports
    received on time and late, returned, and missing."""
    expected: dict = defaultdict(int)
    for period in periods:
        if period.starts_on <= today:
            expected[(period.year, period.half)] += units_per_plan.get(period.plan, 0)
    trend = []
    for year, half in reversed(keys):
        row = {"year": year, "half": half, "expected": expected[(year, half)]}
        row.update({name: counted.get((year, half), {}).get(name, 0) for name in ("on_time", "late", "returned")})
        row["missing"] = max(row["expected"] - row["on_time"] - row["late"] - row["returned"], 0)
        trend.append(row)
    return trend


def _lagging(periods, filters: Filters, limit: int = 10) -> list[dict]:
    """The commitments that the most units report not done, at risk or not started."""
    return list(
        _received_rows(CommitmentProgress, periods, filters)
        .filter(status__in=LAGGING)
        .values("commitment__text", "commitment__number", "commitment__party", "commitment__plan_id", "commitment_id")
        .annotate(
            lagging=Count("report__organisation", distinct=True),
            at_risk=Count("report__organisation", distinct=True, filter=Q(status=CommitmentProgress.Status.AT_RISK)),
        )
        .order_by("-at_risk", "-lagging", "commitment__number")[:limit]
    )


def _coming(plans, today: date, days: int = 60) -> list[dict]:
    """Report deadlines and review conferences in the coming weeks."""
    soon = today + timedelta(days=days)
    due = (
        ReportingPeriod.objects.filter(plan__in=plans, due_on__range=(today, soon))
        .values("year", "half", "due_on")
        .annotate(plans=Count("plan", distinct=True), first_plan=Max("plan_id"), first_period=Max("pk"))
    )
    conferences = (
        ReportingPeriod.objects.filter(plan__in=plans, conference_on__range=(today, soon))
        .values("year", "half", "conference_on")
        .annotate(plans=Count("plan", distinct=True), first_plan=Max("plan_id"), first_period=Max("pk"))
    )
    events = [{**row, "kind": "due", "on": row["due_on"]} for row in due]
    events += [{**row, "kind": "conference", "on": row["conference_on"]} for row in conferences]
    return sorted(events, key=lambda event: event["on"])[:10]


def window_periods(periods: list[tuple[int, str]], field: str = "") -> Q:
    """Periods (or, with ``field="period__"``, reports) of any of the half-years ``periods``."""
    window = Q()
    for year, half in periods:
        window |= Q(**{f"{field}year": year, f"{field}half": half})
    return window


@replica_reads()
def unit_grid(user, filters: Filters, periods: list[tuple[int, str]], units):
    """States of a page of reporting units over the given half-years:
    {(unit, plan): {(year, half): (state, report id or None)}}; a half-year without a report is
    "missing" once its due date has passed, "not_due" before."""
    if not periods or not units:
        return {}
    window = window_periods(periods, "period__")
    # The units were listed from the plans in the user's scope: their own plans are the scope here.
    rows = (
        ProgressReport.objects.filter(
            window, plan__in={u.plan_id for u in units}, organisation__in=[u.organisation_id for u in units]
        )
        .annotate(late=ExpressionWrapper(SENT_LATE, output_field=BooleanField()))
        .values("pk", "organisation_id", "plan_id", "status", "late", "period__year", "period__half")
    )
    grid: dict = defaultdict(dict)
    due = ReportingPeriod.objects.filter(window_periods(periods), plan__in={u.plan_id for u in units})
    today = timezone.localdate()
    for plan_id, year, half, due_on in due.values_list("plan", "year", "half", "due_on"):
        for unit in units:
            if unit.plan_id == plan_id:
                grid[(unit.organisation_id, plan_id)][(year, half)] = ("missing" if due_on < today else "not_due", None)
    for row in rows:
        state = "late" if row["late"] else row["status"]
        grid[(row["organisation_id"], row["plan_id"])][(row["period__year"], row["period__half"])] = (state, row["pk"])
    return grid
