"""Reads of periods and reports that depend on who asks."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from khuyenhoc.pagination import CountingPaginator
from programmes import access, party_roles
from programmes.models import Area, Indicator, Organisation, Plan
from programmes.selectors import plans_visible_to

from .models import ProgressReport, ReportEvent, ReportingPeriod, ReportingUnit
from .rules import (
    RECEIVED,
    RETURN_DAYS,
    REVIEW_ROLES,
    SENT_LATE,
    SENT_ON_TIME,
    filing_deadline,
    filing_open,
    in_force_for,
    may_reopen,
    today,
)

Status = ProgressReport.Status
Role = access.Role


def commitments_for(plan: Plan, organisation: Organisation, period: ReportingPeriod | None = None):
    """The commitments a unit reports on for ``period``: its role's and the joint ones
    (``party_roles.reported_by``), at its level, without those withdrawn before the period started."""
    level = organisation.area.level
    if level == Area.Level.NATION:
        level = Area.Level.PROVINCE
    commitments = plan.commitments.filter(in_force_for(period), party_roles.reported_by(organisation)).select_related(
        "section"
    )
    indicators = Indicator.objects.filter(in_force_for(period, commitment=None)).order_by("order", "pk")
    commitments = commitments.prefetch_related(Prefetch("indicators", queryset=indicators), "supporters").order_by(
        "section__order", "order", "pk"
    )
    return [c for c in commitments if not c.reporting_levels or level in c.reporting_levels]


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    """A reporter sees their own unit's reports; province staff those of the units in their area."""
    return ProgressReport.objects.filter(access.organisation_scope(user)).select_related(
        "plan", "period", "organisation__area"
    )


def periods_visible_to(user) -> QuerySet[ReportingPeriod]:
    """Reporting periods of the plans the user may read."""
    return ReportingPeriod.objects.filter(plan__in=plans_visible_to(user))


def periods_followed_by(user) -> QuerySet[ReportingPeriod]:
    """The periods whose page the user opens: those of the plans they follow (their area's staff),
    as ``views.review.period_detail`` admits them."""
    followed = access.area_scope(user, field="plan__area", roles=access.AREA_WIDE_ROLES)
    return periods_visible_to(user).filter(followed)


@dataclass
class Expected:
    """A report a unit owes, whether or not it has been started."""

    plan: Plan
    period: ReportingPeriod
    organisation: Organisation
    report: ProgressReport | None

    @property
    def state(self) -> str:
        """draft, returned, submitted, accepted, due, overdue, or locked."""
        if self.report and self.report.status != Status.DRAFT:
            return self.report.status
        if not filing_open(self.report or self.period):
            return "locked"
        if today() > self.period.due_on:
            return "overdue"
        return "draft" if self.report else "due"

    @property
    def can_file(self) -> bool:
        return self.state in ("due", "overdue", "draft", "returned") and filing_open(self.report or self.period)


def expected_reports(user) -> list[Expected]:
    """ "Báo cáo của tôi": every report the user's units owe for plans in force, newest period first."""
    organisations = [m.organisation for m in access.memberships_of(user) if m.role == Role.REPORTER]
    if not organisations:
        return []
    units = ReportingUnit.objects.filter(organisation__in=organisations, plan__status=Plan.Status.IN_FORCE)
    units = list(units.select_related("plan", "organisation__area"))
    periods = ReportingPeriod.objects.filter(plan__in={u.plan_id for u in units}, starts_on__lte=today())
    periods = list(periods.order_by("-year", "-half"))
    reports = ProgressReport.objects.filter(organisation__in=organisations, period__in=periods)
    by_key = {(r.period_id, r.organisation_id): r for r in reports}
    rows = []
    for period in periods:
        for unit in units:
            if unit.plan_id == period.plan_id:
                rows.append(
                    Expected(unit.plan, period, unit.organisation, by_key.get((period.pk, unit.organisation_id)))
                )
    return rows


def review_queue(user, *, area=None, plan=None, year=None, half=None, timing="") -> QuerySet[ProgressReport]:
    """Submitted reports the user reviews, oldest submission first; optionally only those of units
    in ``area``'s subtree, of ``plan``, of the half-year ``year``/``half``, or sent ``timing``
    ("late" or "on_time")."""
    reports = ProgressReport.objects.filter(
        access.organisation_scope(user, roles=REVIEW_ROLES), status=Status.SUBMITTED
    )
    if area is not None:
        reports = reports.filter(organisation__area__path__startswith=area.path)
    if plan is not None:
        reports = reports.filter(plan=plan)
    if year and half:
        reports = reports.filter(period__year=year, period__half=half)
    if timing == "late":
        reports = reports.filter(SENT_LATE)
    elif timing == "on_time":
        reports = reports.filter(SENT_ON_TIME)
    return reports.select_related("plan", "period", "organisation__area").only(*LIST_ROW).order_by("submitted_at", "pk")


# The columns a row of the report lists shows (the review queue, the reviewer's to-do list, the
# report list), not every report's narrative and every plan's texts: PostgreSQL sorts the whole
# list to find its first page, so the narrower the row the cheaper the page (issue 12).
LIST_ROW = (
    "status",
    "submitted_at",
    "plan__number",
    "plan__title",
    "period__year",
    "period__half",
    "period__due_on",
    "organisation__name",
    "organisation__area__name",
    "organisation__area__is_historical",
)


def review_plans(user) -> QuerySet[Plan]:
    """Plans whose reports the user may review: those of their areas, and those above that their units report on."""
    return Plan.objects.filter(access.area_scope(user, roles=REVIEW_ROLES, include_ancestors=True))


@dataclass
class CompletenessRow:
    organisation: Organisation
    report: ProgressReport | None
    period: ReportingPeriod

    @property
    def timing(self) -> str:
        """on_time, late, returned (being fixed by the unit), or missing (nothing received)."""
        if self.report and self.report.status == Status.RETURNED:
            return "returned"
        if not self.report or self.report.status == Status.DRAFT or not self.report.submitted_at:
            return "missing"
        return "late" if self.report.submitted_late else "on_time"

    @property
    def deadline(self) -> date | None:
        return filing_deadline_shown(self.report) if self.report else None

    @property
    def can_reopen(self) -> bool:
        return may_reopen(self.period, self.report)

    @property
    def reopen_until(self) -> date:
        return reopen_proposal(self.report)


def filing_deadline_shown(report: ProgressReport) -> date | None:
    """Until when the unit may still file, for the pages: shown while the report is being fixed
    or once the province has reopened it; None when it is sent or nothing differs from the lock date."""
    if report.status in RECEIVED:
        return None
    if report.reopened_until or report.status == Status.RETURNED:
        return filing_deadline(report)
    return None


def reopen_proposal(report: ProgressReport | None) -> date:
    """The date a reopen form proposes: the current new deadline if it has not passed, else a week from today."""
    if report is not None and report.reopened_until and report.reopened_until >= today():
        return report.reopened_until
    return today() + timedelta(days=RETURN_DAYS)


# The units a period page lists at a time: a national plan has thousands.
UNITS_PER_PAGE = 50


def completeness(plan: Plan, period: ReportingPeriod, page_number=1) -> tuple[Page, list[CompletenessRow]]:
    """A page of the units expected to report on the plan, in the order of their areas, each with
    its report for the period if any.

    The rows read each report's status, dates and period (``submitted_late``, the deadline): the
    narrative is left in the database, and every report gets the one period it is of, so that no
    row queries it again (issue 12). Of a unit, its name and its area's name, path (who reviews
    it) and whether it is historical."""
    # The units' organisations straight, not through ReportingUnit: a third fewer objects to build.
    units = (
        Organisation.objects.filter(reporting_for__plan=plan)
        .select_related("area")
        .only("name", "area__name", "area__path", "area__is_historical")
        .order_by("area__path", "name", "pk")
    )
    page = CountingPaginator(units, UNITS_PER_PAGE).get_page(page_number)
    reports = ProgressReport.objects.filter(plan=plan, period=period, organisation__in=[unit.pk for unit in page]).only(
        "plan_id", "period_id", "organisation_id", "status", "submitted_at", "reopened_until"
    )
    reports = {r.organisation_id: r for r in reports}
    for report in reports.values():
        report.period = period
    return page, [CompletenessRow(unit, reports.get(unit.pk), period) for unit in page]


def previous_report(report: ProgressReport) -> ProgressReport | None:
    """The same unit's report on the same plan for the period before."""
    return (
        ProgressReport.objects.filter(plan=report.plan, organisation=report.organisation)
        .filter(period__starts_on__lt=report.period.starts_on)
        .order_by("-period__starts_on")
        .prefetch_related("values")
        .first()
    )


def report_detail(report: ProgressReport) -> ProgressReport:
    """The report with what its page shows, in a fixed number of queries."""
    return (
        ProgressReport.objects.select_related("plan", "period", "organisation__area")
        .prefetch_related(
            "values",
            "attachments",
            "proposals__answered_by",
            Prefetch("progress"),
            Prefetch("events", queryset=ReportEvent.objects.select_related("actor")),
        )
        .get(pk=report.pk)
    )


def report_list(
    user,
    *,
    plan=None,
    year=None,
    half=None,
    kind=None,
    area=None,
    status="",
    timing="",
    commitment_status="",
):
    """Reports in the user's area by the dashboard's filters; with ``timing="missing"``, the
    units (with their plan) that owe a report for the half-year and have not sent it."""
    plans = Plan.objects.filter(access.area_scope(user, roles=access.AREA_WIDE_ROLES))
    if plan:
        plans = plans.filter(pk=plan.pk)
    if timing == "missing":
        periods = ReportingPeriod.objects.filter(plan__in=plans, year=year, half=half, starts_on__lte=today())
        # A returned report is being fixed, not missing: it is listed with status=returned.
        received = ProgressReport.objects.filter(
            plan=OuterRef("plan"),
            organisation=OuterRef("organisation"),
            period__year=year,
            period__half=half,
            status__in=(*RECEIVED, Status.RETURNED),
        )
        units = ReportingUnit.objects.filter(plan__in=periods.values("plan")).exclude(Exists(received))
        if kind:
            units = units.filter(organisation__kind=kind)
        if area:
            units = units.filter(organisation__area__path__startswith=area.path)
        return units.select_related("organisation__area", "plan").order_by(
            "organisation__area__path", "organisation__name"
        )
    reports = ProgressReport.objects.filter(
        access.organisation_scope(user, roles=access.AREA_WIDE_ROLES), plan__in=plans
    )
    if year and half:
        reports = reports.filter(period__year=year, period__half=half)
    if kind:
        reports = reports.filter(organisation__kind=kind)
    if area:
        reports = reports.filter(organisation__area__path__startswith=area.path)
    if status:
        reports = reports.filter(status=status)
    if timing == "on_time":
        reports = reports.filter(SENT_ON_TIME, status__in=RECEIVED)
    elif timing == "late":
        reports = reports.filter(SENT_LATE, status__in=RECEIVED)
    if commitment_status:
        reports = reports.filter(progress__status=commitment_status).distinct()
    return (
        reports.select_related("organisation__area", "plan", "period")
        .only(*LIST_ROW)
        .order_by("-period__year", "-period__half", "organisation__area__path", "organisation__name")
    )


def report_rows(report: ProgressReport) -> list[dict]:
    """The report page's rows: each commitment the unit reports on, its progress, and each
    indicator's figure beside the previous period's."""
    previous = previous_report(report)
    progress = {p.commitment_id: p for p in report.progress.select_related("commitment__section")}
    values = {v.indicator_id: v.value for v in report.values.all()}
    earlier = {v.indicator_id: v.value for v in previous.values.all()} if previous else {}
    commitments = commitments_for(report.plan, report.organisation, report.period)
    listed = {c.pk for c in commitments}
    # A report keeps what it holds even if the plan changed since (as its exports do).
    commitments += sorted(
        (p.commitment for p in progress.values() if p.commitment_id not in listed),
        key=lambda c: (c.section.order, c.order, c.pk),
    )
    return [
        {
            "commitment": commitment,
            "progress": progress.get(commitment.pk),
            "figures": [(i, values.get(i.pk), earlier.get(i.pk)) for i in commitment.indicators.all()],
        }
        for commitment in commitments
    ]
