"""Who may file and review, when a unit may file, and when the province may give it more time;
which reports are received, on time and late: decided here, once.

The pages, the services, the selectors, the dashboards, the exports and the reminders all ask
these functions and filters, so that what the unit can do and what it is told always agree, and
every figure counts the same reports.
"""

from datetime import date, timedelta

from django.db.models import F, Q
from django.utils import timezone

from programmes import access
from programmes.models import Organisation

from .models import ProgressReport, ReportingPeriod

Status = ProgressReport.Status
Role = access.Role
# Who reviews a unit's reports: a reviewer or an administrator of an area above it.
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
# Reports the province has received: counted in every figure. A returned report is being fixed.
RECEIVED = (Status.SUBMITTED, Status.ACCEPTED)
# Received reports sent by the due date, or after it, counted in Vietnamese days (``__date`` is in
# the current time zone), for queries of reports; ``ProgressReport.submitted_late`` is the same test
# on one report.
SENT_ON_TIME = Q(status__in=RECEIVED, submitted_at__date__lte=F("period__due_on"))
SENT_LATE = Q(status__in=RECEIVED, submitted_at__date__gt=F("period__due_on"))
# A returned report gets at least this many days to be fixed, counted from the day it is returned.
RETURN_DAYS = 7


def in_force_for(period: ReportingPeriod | None, *, commitment: str | None = "") -> Q:
    """Commitments or indicators a period asks for: not withdrawn, or withdrawn only after the
    period started (its reports, filed or not, keep them). Without a period: not withdrawn.

    Nor a commitment that the review conference of that half-year, or of a later one, added to
    the plan: a conclusion is the next half-year's work, and the half-year it reviewed keeps its
    figures. ``commitment`` is the path from the rows to their commitment ("" for commitments,
    "commitment__" for indicators; None where the commitments were filtered already)."""
    if period is None:
        return Q(withdrawn_on__isnull=True)
    in_force = Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=period.starts_on)
    if commitment is None:
        return in_force
    later = {f"{commitment}from_conclusion__conference__period__starts_on__gte": period.starts_on}
    return in_force & ~Q(**later)


def today() -> date:
    return timezone.localdate()


def filing_deadline(report_or_period: ProgressReport | ReportingPeriod) -> date:
    """The last day the unit may still file: the period's lock date, or the later date the
    province reopened the report until."""
    period = getattr(report_or_period, "period", report_or_period)
    reopened_until = getattr(report_or_period, "reopened_until", None)
    return max(period.locked_after, reopened_until) if reopened_until else period.locked_after


def filing_open(report_or_period: ProgressReport | ReportingPeriod) -> bool:
    """Whether a unit may still file: the period has started and its filing deadline has not passed."""
    period = getattr(report_or_period, "period", report_or_period)
    return period.starts_on <= today() <= filing_deadline(report_or_period)


def return_deadline(report: ProgressReport) -> date | None:
    """The new deadline a report returned today needs: ``RETURN_DAYS`` from today when the lock
    date leaves the unit less than that, else None (the lock date is time enough)."""
    wanted = today() + timedelta(days=RETURN_DAYS)
    return wanted if wanted > filing_deadline(report) else None


def may_reopen(period: ReportingPeriod, report: ProgressReport | None) -> bool:
    """Whether the province may give a unit (more) time to file: a returned report always (its
    deadline can be changed); a unit that has not sent its report only once filing is locked.
    A report that was sent is returned, not reopened."""
    if report is not None and report.status in RECEIVED:
        return False
    if report is not None and report.status == Status.RETURNED:
        return True
    return today() > period.locked_after


def is_reporter_of(user, organisation: Organisation) -> bool:
    return any(m.role == Role.REPORTER and m.organisation_id == organisation.pk for m in access.memberships_of(user))


def reviewable_units(user, organisations) -> set[int]:
    """Which of ``organisations`` (with their area loaded) the user reviews: those in the area of a
    reviewer or administrator membership. Both roles act on a whole area, so this is what
    ``organisation_scope(roles=REVIEW_ROLES)`` admits, decided without a query."""
    return {o.pk for o in organisations if access.covers_area(user, o.area, REVIEW_ROLES)}


def can_review_unit(user, organisation_id: int) -> bool:
    """Whether the user reviews the reports of this unit (a reviewer or administrator above it)."""
    unit = Organisation.objects.select_related("area").filter(pk=organisation_id).first()
    return unit is not None and unit.pk in reviewable_units(user, [unit])


def can_review(user, report: ProgressReport) -> bool:
    return can_review_unit(user, report.organisation_id)


def can_file(user, report: ProgressReport) -> bool:
    """Whether the user may change this report now: its unit's reporter, a draft or returned
    report, and filing open (or reopened)."""
    return is_reporter_of(user, report.organisation) and report.is_editable_status and filing_open(report)
