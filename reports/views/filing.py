"""What a reporting unit does: its list of reports, the report form, submitting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.figures import report_figures
from conferences.services import open_conclusions_for
from programmes import access
from programmes.files import file_download

from .. import rules, selectors
from ..forms import AttachmentForm, ReportForm
from ..models import Attachment
from ..services import workflow


def report_for_read(request, pk):
    return get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)


def report_for_filing(request, pk):
    """The report if the user files for its unit; 404 if unseen, 403 if only read."""
    report = report_for_read(request, pk)
    if not rules.is_reporter_of(request.user, report.organisation):
        raise PermissionDenied
    return report


@login_required
def my_reports(request):
    if not access.has_role(request.user, access.Role.REPORTER):
        raise PermissionDenied
    return render(request, "reports/my_reports.html", {"rows": selectors.expected_reports(request.user)})


@login_required
@require_POST
def report_start(request, period_pk, organisation_pk):
    # Both scoped: another province's period answers as a missing one would.
    period = get_object_or_404(selectors.periods_visible_to(request.user).select_related("plan"), pk=period_pk)
    organisation = get_object_or_404(access.organisations_visible_to(request.user), pk=organisation_pk)
    if not rules.is_reporter_of(request.user, organisation):
        raise PermissionDenied
    try:
        report = workflow.report_start(user=request.user, plan=period.plan, period=period, organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:my_reports")
    return redirect("reports:report_edit", pk=report.pk)


def _report_form(report, data=None) -> ReportForm:
    commitments = workflow.commitments_for(report.plan, report.organisation, report.period)
    previous = selectors.previous_report(report)
    earlier = {v.indicator_id: v.value for v in previous.values.all()} if previous else {}
    given = report_figures(report, commitments)
    form = ReportForm(data, report=report, commitments=commitments, previous=earlier, given=given)
    form.conclusions = open_conclusions_for(report.plan, report.organisation)
    return form


def _render_form(request, report, form, attachment_form=None):
    context = {"report": report, "form": form, "attachment_form": attachment_form or AttachmentForm()}
    return render(request, "reports/report_form.html", context)


def _save(request, report, form: ReportForm):
    """The typed draft, saved with the version it was typed on (``workflow.report_save``)."""
    return workflow.report_save(
        user=request.user,
        report=report,
        version=form.cleaned_data["version"],
        narrative=form.narrative(),
        progress=form.progress(),
        values=form.values(),
    )


def _save_typed(request, report, form: ReportForm):
    """Save the draft as typed (with the version check); None, with the errors on the form, if not."""
    if not form.is_valid():
        return None
    try:
        return _save(request, report, form)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _attach(request, report) -> AttachmentForm:
    attachment_form = AttachmentForm(request.POST, request.FILES)
    if attachment_form.is_valid():
        try:
            workflow.attachment_add(user=request.user, report=report, upload=attachment_form.cleaned_data["file"])
        except ValidationError as error:
            attachment_form.add_error("file", error)
        else:
            messages.success(request, _("The file was attached."))
            return AttachmentForm()
    return attachment_form


def _remove(request, attachment) -> None:
    try:
        workflow.attachment_remove(user=request.user, attachment=attachment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file “%(name)s” was removed.") % {"name": attachment.name})


def _file_the_form(request, report, remove: Attachment | None = None):
    """Save what was typed, then change the evidence, so attaching or removing a file
    never loses the typing. A form that cannot be saved comes back with every value."""
    form = _report_form(report, request.POST) if "version" in request.POST else None
    saved = _save_typed(request, report, form) if form else report
    if saved is None:  # nothing changes, the evidence neither: the page shows what to fix
        return _render_form(request, report, form)
    attachment_form = AttachmentForm()
    if remove:
        _remove(request, remove)
    if request.FILES.get("file") or "attach" in request.POST:
        attachment_form = _attach(request, report)
    if attachment_form.errors:  # the typing is saved; only the file must be chosen again
        messages.error(request, " ".join(attachment_form.errors["file"]))
    if "submit" in request.POST:
        return redirect("reports:report_submit", pk=report.pk)
    if form and not remove and "attach" not in request.POST:
        messages.success(request, _("The draft was saved."))
    return redirect("reports:report_edit", pk=report.pk)


def _closed(request, report):
    """The unit can no longer change this report: show it instead."""
    messages.info(request, _("This report can no longer be changed."))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
def report_edit(request, pk):
    report = report_for_filing(request, pk)
    if not rules.can_file(request.user, report):
        return _closed(request, report)
    if request.method == "POST":
        return _file_the_form(request, report)
    return _render_form(request, report, _report_form(report))


@login_required
def report_submit(request, pk):
    """Confirm, then submit: after this the unit can no longer change the report."""
    report = report_for_filing(request, pk)
    if not report.is_editable_status:
        return redirect("reports:report_detail", pk=report.pk)
    if request.method == "POST":
        try:
            workflow.report_submit(user=request.user, report=report)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:report_edit", pk=report.pk)
        messages.success(request, _("The report was sent to the province."))
        return redirect("reports:report_detail", pk=report.pk)
    reported = set(report.progress.values_list("commitment_id", flat=True))
    missing = [
        c for c in workflow.commitments_for(report.plan, report.organisation, report.period) if c.pk not in reported
    ]
    return render(request, "reports/report_submit.html", {"report": report, "missing": missing})


@login_required
@require_POST
def report_draft(request, pk):
    """The report form's fields, sent by static/js/offline.js when the connection returns,
    saved with the version they were typed on (the same check as the form's own save). JSON:
    the new version; or 409 with what the portal holds, so the page can set it beside what
    the phone kept and nothing is overwritten; or 400 with the errors."""
    report = report_for_filing(request, pk)
    form = _report_form(report, request.POST)
    if not rules.can_file(request.user, report):
        return _draft_refused(report, _("This report can no longer be changed."), editable=False)
    if not form.is_valid():
        return JsonResponse({"errors": [str(e) for errors in form.errors.values() for e in errors]}, status=400)
    try:
        saved = _save(request, report, form)
    except workflow.StaleReport as error:
        return _draft_refused(report, " ".join(error.messages), editable=True)
    except ValidationError as error:
        return _draft_refused(report, " ".join(error.messages), editable=False)
    return JsonResponse({"version": saved.version})


def _draft_refused(report, message: str, *, editable: bool) -> JsonResponse:
    report.refresh_from_db()
    fields = _report_form(report).shown()
    return JsonResponse(
        {"message": message, "editable": editable, "version": report.version, "fields": fields}, status=409
    )


@login_required
@require_POST
def attachment_add(request, pk):
    """The report form's "Attach" button: it posts the whole form, which is saved first."""
    report = report_for_filing(request, pk)
    if not rules.can_file(request.user, report):
        return _closed(request, report)
    return _file_the_form(request, report)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    """A wrong evidence file's "Remove" button: it too posts the whole form, saved first."""
    report = report_for_filing(request, pk)
    attachment = get_object_or_404(Attachment, report=report, pk=attachment_pk)
    if not rules.can_file(request.user, report):
        return _closed(request, report)
    return _file_the_form(request, report, remove=attachment)


@login_required
def attachment_download(request, pk, attachment_pk):
    report = report_for_read(request, pk)
    attachment = get_object_or_404(Attachment, report=report, pk=attachment_pk)
    return file_download(attachment.file, attachment.name)
