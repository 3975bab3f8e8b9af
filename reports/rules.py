"""When a unit may file, and when the province may give it more time: decided here, once.

The edit page, the services, the period page and the reminders all ask these
functions, so that what the unit can do and what it is told always agree.
"""
from datetime import date, timedelta

from django.db.models import F, Q
from django.utils import timezone

from .models import ProgressReport, ReportingPeriod

Status = ProgressReport.Status
# Reports the province has received: counted in every figure. A returned report is being fixed.
RECEIVED = (Status.SUBMITTED, Status.ACCEPTED)
# Received reports sent by the due date, or after it, counted in Vietnamese days (``__date`` is in
# the current time zone), for queries of reports; ``ProgressReport.submitted_late`` is the same test
# on one report.
SENT_ON_TIME = Q(status__in=RECEIVED, submitted_at__date__lte=F("period__due_on"))
SENT_LATE = Q(status__in=RECEIVED, submitted_at__date__gt=F("period__due_on"))
# A returned report gets at least this many days to be fixed, counted from the day it is returned.
RETURN_DAYS = 7


def in_force_for(period: ReportingPeriod | None) -> Q:
    """Commitments or indicators a period asks for: not withdrawn, or withdrawn only after the
    period started (its reports, filed or not, keep them). Without a period: not withdrawn."""
    if period is None:
        return Q(withdrawn_on__isnull=True)
    return Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=period.starts_on)


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
    if report is not None and report.status in (Status.SUBMITTED, Status.ACCEPTED):
        return False
    if report is not None and report.status == Status.RETURNED:
        return True
    return today() > period.locked_after
