"""The home page's to-do items that come from reporting, for each role: reads scoped to
the user, in a fixed number of queries whatever the number of units and reports."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, Min, OuterRef, Q

from programmes import access
from programmes.models import Plan

from .models import ProgressReport, Proposal, ReportingPeriod
from .rules import RECEIVED, REVIEW_ROLES, filing_deadline, filing_open
from .selectors import Expected, expected_reports, report_list, review_queue

Status = ProgressReport.Status
Role = access.Role
SHOWN = 5  # the oldest few of each list; the count says how many in all


@dataclass
class ReporterItem:
    """A report the unit owes, with the date that matters and how far it is."""

    row: Expected
    deadline: date  # the due date, or for a returned report the last day it may be fixed
    days: int  # days until ``deadline``; negative once it has passed

    @property
    def days_late(self) -> int:
        return -self.days


@dataclass
class ReporterTodo:
    returned: list[ReporterItem] = field(default_factory=list)
    overdue: list[ReporterItem] = field(default_factory=list)
    due: list[ReporterItem] = field(default_factory=list)
    drafts: list[ReporterItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.returned or self.overdue or self.due or self.drafts)


def reporter_todo(user, *, today: date) -> ReporterTodo:
    """What the user's units must file: returned reports, overdue ones, those due, drafts.

    A report whose filing is closed is listed only for the plan's latest period past its due
    date (the unit may ask the province to reopen it); older gaps are the reviewers' business.
    """
    todo = ReporterTodo()
    seen_due: set[tuple[int, int]] = set()
    for row in expected_reports(user):  # newest period first
        key = (row.plan.pk, row.organisation.pk)
        is_latest_due = row.period.due_on < today and key not in seen_due
        if row.period.due_on < today:
            seen_due.add(key)
        report = row.report
        status = report.status if report else None
        if status == Status.RETURNED:
            until = filing_deadline(report)
            todo.returned.append(ReporterItem(row, until, (until - today).days))
            continue
        if status in RECEIVED:
            continue
        item = ReporterItem(row, row.period.due_on, (row.period.due_on - today).days)
        if not filing_open(report or row.period):
            if is_latest_due:
                todo.overdue.append(item)
        elif report:
            todo.drafts.append(item)
        elif item.days < 0:
            todo.overdue.append(item)
        else:
            todo.due.append(item)
    for items in (todo.returned, todo.overdue, todo.due, todo.drafts):
        items.sort(key=lambda item: (item.deadline, item.row.organisation.name))
    return todo


@dataclass
class ReviewerTodo:
    waiting_count: int = 0
    waiting: list[ProgressReport] = field(default_factory=list)
    proposals_count: int = 0
    proposal_reports: list[tuple[ProgressReport, int]] = field(default_factory=list)
    late_count: int = 0
    late_year: int | None = None
    late_half: str | None = None

    def __bool__(self) -> bool:
        return bool(self.waiting_count or self.proposals_count or self.late_count)


def reviewer_todo(user, *, today: date) -> ReviewerTodo:
    """Reports waiting for review, unanswered proposals, and the units late for the latest
    half-year whose due date has passed (as the report list counts them)."""
    queue = review_queue(user)
    todo = ReviewerTodo(waiting_count=queue.count(), waiting=list(queue[:SHOWN]))

    scope = access.organisation_scope(user, field="report__organisation", roles=REVIEW_ROLES)
    open_proposals = Proposal.objects.filter(scope, answer="", report__plan__status=Plan.Status.IN_FORCE)
    per_report = list(
        open_proposals.values("report").annotate(n=Count("pk"), first=Min("pk")).order_by("first")[:SHOWN]
    )
    todo.proposals_count = open_proposals.count()
    if per_report:
        reports = ProgressReport.objects.select_related("period", "organisation").in_bulk(
            [row["report"] for row in per_report]
        )
        todo.proposal_reports = [(reports[row["report"]], row["n"]) for row in per_report]

    plans = Plan.objects.filter(access.area_scope(user, roles=REVIEW_ROLES), status=Plan.Status.IN_FORCE)
    latest = (
        ReportingPeriod.objects.filter(plan__in=plans, due_on__lt=today)
        .order_by("-year", "-half")
        .values_list("year", "half")
        .first()
    )
    if latest:
        todo.late_year, todo.late_half = latest
        todo.late_count = report_list(user, year=todo.late_year, half=todo.late_half, timing="missing").count()
    return todo


@dataclass
class Few:
    """How many there are, and the first few of them."""

    count: int
    items: list


def plans_to_open(user, *, today: date) -> Few:
    """Plans in force that the user may change whose reporting periods are not opened: none at
    all, or none for the current year while the plan runs through it."""
    year = today.year
    periods = ReportingPeriod.objects.filter(plan=OuterRef("pk"))
    runs_this_year = Q(start_year__lte=year) & (Q(end_year__gte=year) | Q(end_year__isnull=True))
    plans = (
        Plan.objects.filter(access.area_scope(user, roles=access.CHANGE_ROLES), status=Plan.Status.IN_FORCE)
        .exclude(start_year__isnull=True)  # periods are generated from the years
        .filter(~Exists(periods) | (runs_this_year & ~Exists(periods.filter(year=year))))
        .select_related("area")
        .order_by("area__path", "-start_year", "pk")
    )
    return Few(plans.count(), list(plans[:SHOWN]))
