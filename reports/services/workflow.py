"""A report's life: started, saved, submitted, returned or accepted, reopened.

Every function takes the acting user and re-checks what they may do, so the
views, the admin, commands and tasks share the same rules.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feed import events as feed_events
from khuyenhoc import figure_versions
from programmes import access
from programmes.models import Organisation, Plan
from programmes.validators import display_name, evidence_type, stored_name

from .. import period_totals
from ..models import (
    Attachment,
    CommitmentProgress,
    IndicatorValue,
    ProgressReport,
    Proposal,
    ReportEvent,
    ReportingPeriod,
)
from ..rules import (
    RECEIVED,
    can_review,
    can_review_unit,
    filing_open,
    is_reporter_of,
    may_reopen,
    return_deadline,
    today,
)
from ..selectors import commitments_for

Status = ProgressReport.Status
Role = access.Role


class StaleReport(ValidationError):
    """The report changed since the form was opened."""


@dataclass
class ProgressData:
    commitment_id: int
    status: str
    note: str = ""


def _require_filing(user, plan: Plan, period: ReportingPeriod, organisation: Organisation, report=None) -> None:
    if not is_reporter_of(user, organisation):
        raise PermissionDenied(_("Only the unit's reporters file its reports."))
    if plan.status != Plan.Status.IN_FORCE:
        raise ValidationError(_("The plan is not in force: no report can be filed for it."))
    if not plan.reporting_units.filter(organisation=organisation).exists():
        raise ValidationError(_("This unit does not report on this plan."))
    if today() < period.starts_on:
        raise ValidationError(_("This period has not started yet."))
    if not filing_open(report or period):
        raise ValidationError(_("Filing for this period is closed. Ask the province to reopen your report."))


def _event(report: ProgressReport, action: str, user, comment: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, actor=user, comment=comment)


def _figures_changed(report: ProgressReport) -> None:
    """The cached dashboards and period pages that count the report's plan are stale once this
    transaction commits. Called when a report's status changes (submitted, returned, accepted),
    when one is reopened and when its proposal is answered (the period page shows the answers).
    Not when a draft or a returned report is started or saved, nor for its
    attachments: dashboards count submitted and accepted reports (their progress and figures)
    and returned ones (by status alone), never the content of a report the unit may still change."""
    path = Plan.objects.filter(pk=report.plan_id).values_list("area__path", flat=True).get()
    figure_versions.bump_on_commit([path])
    period_totals.prebuild_on_commit(report.period_id)  # for the next reader of the period's page


@transaction.atomic
def report_start(*, user, plan: Plan, period: ReportingPeriod, organisation: Organisation) -> ProgressReport:
    """The unit's report for the period, created as a draft the first time. Two starts at
    once (a double click) give the same report: the loser of the insert finds the winner's."""
    existing = ProgressReport.objects.filter(plan=plan, period=period, organisation=organisation).first()
    if existing:
        return existing
    _require_filing(user, plan, period, organisation)
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(plan=plan, period=period, organisation=organisation)
    except IntegrityError:
        # The unique (plan, organisation, period) row was committed meanwhile; on PostgreSQL
        # the insert waited for it, and this new statement sees it.
        return ProgressReport.objects.get(plan=plan, period=period, organisation=organisation)
    _event(report, ReportEvent.Action.CREATED, user)
    return report


@transaction.atomic
def report_save(
    *,
    user,
    report: ProgressReport,
    version: int,
    narrative: dict[str, str],
    progress: list[ProgressData],
    values: dict[int, Decimal | None],
) -> ProgressReport:
    """Save a draft (or a returned report being fixed). Refused if someone saved it since
    ``version`` was read, so that nobody's typing is overwritten silently."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan", "period", "organisation")
        .get(pk=report.pk)
    )
    _require_filing(user, report.plan, report.period, report.organisation, report)
    if not report.is_editable_status:
        raise ValidationError(_("This report has been submitted: it can no longer be changed."))
    if report.version != version:
        raise StaleReport(
            _(
                "Someone else saved this report while you were editing it. Your text is kept below: copy what you need, reload the report and apply your changes again."
            )
        )
    allowed = {c.pk: c for c in commitments_for(report.plan, report.organisation, report.period)}
    for field, text in narrative.items():
        setattr(report, field, text)
    report.version += 1
    report.save()
    for item in progress:
        if item.commitment_id in allowed:
            CommitmentProgress.objects.update_or_create(
                report=report, commitment_id=item.commitment_id, defaults={"status": item.status, "note": item.note}
            )
    indicator_ids = {i.pk for c in allowed.values() for i in c.indicators.all()}
    for indicator_id, value in values.items():
        if indicator_id in indicator_ids:
            IndicatorValue.objects.update_or_create(report=report, indicator_id=indicator_id, defaults={"value": value})
    return report


@transaction.atomic
def report_submit(*, user, report: ProgressReport) -> ProgressReport:
    """Send the report to the province; from then on it is read-only to the unit."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan", "period", "organisation")
        .get(pk=report.pk)
    )
    _require_filing(user, report.plan, report.period, report.organisation, report)
    if not report.is_editable_status:
        raise ValidationError(_("This report has already been submitted."))
    expected = {c.pk for c in commitments_for(report.plan, report.organisation, report.period)}
    reported = set(report.progress.values_list("commitment_id", flat=True))
    if expected - reported:
        raise ValidationError(_("Give a status for every commitment before submitting."))
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.version += 1
    report.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    _sync_proposals(report)
    _event(report, ReportEvent.Action.SUBMITTED, user)
    _figures_changed(report)
    return report


def _sync_proposals(report: ProgressReport) -> None:
    """One proposal per line of the report's proposals; answered ones are kept."""
    lines = [line.strip(" -•\t") for line in report.proposals_text.splitlines() if line.strip(" -•\t")]
    existing = {p.text: p for p in report.proposals.all()}
    for line in lines:
        if line not in existing:
            Proposal.objects.create(report=report, text=line)
    report.proposals.filter(answer="").exclude(text__in=lines).delete()


def _require_review(user, report: ProgressReport) -> None:
    if not can_review(user, report):
        raise PermissionDenied(_("Only the province's reviewers review this report."))


@transaction.atomic
def report_return(*, user, report: ProgressReport, comment: str, until: date | None = None) -> ProgressReport:
    """Send the report back to the unit with what to fix.

    If filing locks too soon for the unit to fix it (see ``rules.return_deadline``), or the
    reviewer gives ``until``, the report is reopened until that date, so that a returned
    report can always be fixed."""
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("period").get(pk=report.pk)
    _require_review(user, report)
    if report.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ValidationError(_("Say what the unit should fix."))
    until = until or return_deadline(report)
    if until is not None and until < today():
        raise ValidationError(_("Give the unit a date that has not passed."))
    report.status = Status.RETURNED
    report.return_comment = comment.strip()
    report.reviewed_at = timezone.now()
    if until is not None:
        report.reopened_until = until
    report.version += 1
    report.save(update_fields=["status", "return_comment", "reviewed_at", "reopened_until", "version", "updated_at"])
    _event(report, ReportEvent.Action.RETURNED, user, comment.strip())
    if until is not None:
        _event(report, ReportEvent.Action.REOPENED, user, _until(until))
    _figures_changed(report)
    return report


def _until(day: date) -> str:
    return _("until %(date)s") % {"date": day.strftime("%d/%m/%Y")}


@transaction.atomic
def report_accept(*, user, report: ProgressReport, announce: bool = True) -> ProgressReport:
    """Accept a submitted report. The row is locked, so of an accept and a return at once
    exactly one wins and the other is told the report is no longer submitted. With ``announce``
    the plan's feed says so; a bulk acceptance says it once for all (``bulk.reports_accept``)."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _require_review(user, report)
    if report.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."))
    report.status = Status.ACCEPTED
    report.reviewed_at = timezone.now()
    report.version += 1
    report.save(update_fields=["status", "reviewed_at", "version", "updated_at"])
    _event(report, ReportEvent.Action.ACCEPTED, user)
    _figures_changed(report)
    if announce:
        feed_events.report_accepted(report)
    return report


@transaction.atomic
def report_reopen(
    *, user, plan: Plan, period: ReportingPeriod, organisation: Organisation, until: date
) -> ProgressReport:
    """Let one unit file until ``until``: after the lock date for a unit that has not sent its
    report, or at any time to change the deadline of a returned report (``rules.may_reopen``)."""
    if not can_review_unit(user, organisation.pk):
        raise PermissionDenied(_("Only the province's reviewers review this report."))
    if until < today():
        raise ValidationError(_("Reopen until a date that has not passed."))
    # Lock the report row itself (not the joined period and unit) and write only the deadline:
    # a draft the unit saves meanwhile is kept and its version stands. The version is not bumped:
    # it guards the unit's typing (the stale-edit check, the browser's kept copy), which a new
    # deadline does not touch, so a unit given more time can go on typing in the open form.
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .filter(plan=plan, period=period, organisation=organisation)
        .order_by()
        .first()
    )
    if not may_reopen(period, report):
        if report is not None and report.status in RECEIVED:
            raise ValidationError(_("This report has been sent: return it to the unit instead."))
        raise ValidationError(_("Filing is still open for this period: there is nothing to reopen."))
    if report is None:
        report = ProgressReport.objects.create(plan=plan, period=period, organisation=organisation)
        _event(report, ReportEvent.Action.CREATED, user)
    report.reopened_until = until
    report.save(update_fields=["reopened_until", "updated_at"])
    _event(report, ReportEvent.Action.REOPENED, user, _until(until))
    # No figure reads the deadline, but a reopening is rare and a future one ("reopened") may.
    _figures_changed(report)
    return report


@transaction.atomic
def proposal_answer(*, user, proposal: Proposal, answer: str) -> Proposal:
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("report").get(pk=proposal.pk)
    _require_review(user, proposal.report)
    proposal.answer = answer.strip()
    proposal.answered_by = user if proposal.answer else None
    proposal.answered_at = timezone.now() if proposal.answer else None
    proposal.save(update_fields=["answer", "answered_by", "answered_at"])
    _figures_changed(proposal.report)
    return proposal


@transaction.atomic
def attachment_add(*, user, report: ProgressReport, upload) -> Attachment:
    # Locked so that a submit at the same moment cannot slip between the check and the insert.
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan", "period", "organisation")
        .get(pk=report.pk)
    )
    _require_filing(user, report.plan, report.period, report.organisation, report)
    if not report.is_editable_status:
        raise ValidationError(_("This report has been submitted: it can no longer be changed."))
    # Stored under a generated name with the extension of what the file is; the uploaded name is only shown.
    extension = evidence_type(upload)
    name = display_name(upload.name, extension)
    upload.name = stored_name(extension)
    return Attachment.objects.create(report=report, file=upload, name=name, uploaded_by=user)


@transaction.atomic
def attachment_remove(*, user, attachment: Attachment) -> None:
    """Remove a wrong evidence file while the unit can still change its report. The report's
    history keeps the file's name, so a reviewer can see what was withdrawn and by whom."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan", "period", "organisation")
        .get(pk=attachment.report_id)
    )
    _require_filing(user, report.plan, report.period, report.organisation, report)
    if not report.is_editable_status:
        raise ValidationError(_("This report has been submitted: it can no longer be changed."))
    stored = attachment.file
    attachment.delete()
    # The file goes only once the row is gone for good; a rollback keeps both.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    _event(report, ReportEvent.Action.ATTACHMENT_REMOVED, user, attachment.name)
