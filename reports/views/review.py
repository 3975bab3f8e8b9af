"""What the province does: a report's page, the period's completeness and consolidation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conferences.models import Conference
from programmes.models import Organisation
from programmes.selectors import can_follow_plan, plan_can_change, plans_visible_to
from programmes.services.plans import require_change

from .. import period_page, rules, selectors
from ..exports.docx import report_docx
from ..exports.period_files import period_file
from ..exports.xlsx import report_xlsx
from ..forms import AnswerForm, PeriodFormSet, ReopenForm, ReportingUnitsForm, ReturnForm
from ..models import ProgressReport, Proposal, ReportingPeriod
from ..services import periods as period_services
from ..services import workflow
from .filing import report_for_read

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_detail(request, pk):
    report = selectors.report_detail(report_for_read(request, pk))
    can_review = rules.can_review(request.user, report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "rows": selectors.report_rows(report),
            "can_review": can_review and report.status == ProgressReport.Status.SUBMITTED,
            "can_answer": can_review,
            "can_reopen": can_review and rules.may_reopen(report.period, report),
            "can_edit": rules.can_file(request.user, report),
            "deadline": selectors.filing_deadline_shown(report),
            "reopen_until": selectors.reopen_proposal(report),
            "return_form": ReturnForm(report=report),
        },
    )


def _report_for_review(request, pk) -> ProgressReport:
    report = report_for_read(request, pk)
    if not rules.can_review(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_POST
def report_return(request, pk):
    report = _report_for_review(request, pk)
    form = ReturnForm(request.POST, report=report)
    if not form.is_valid():
        if "comment" in form.errors:
            messages.error(request, _("Say what the unit should fix."))
        else:
            messages.error(request, " ".join(form.errors["until"]))
        return redirect("reports:report_detail", pk=report.pk)
    try:
        workflow.report_return(
            user=request.user, report=report, comment=form.cleaned_data["comment"], until=form.cleaned_data["until"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report was returned to the unit."))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_accept(request, pk):
    """Confirm, then accept: the page asks first (no script needed), the POST accepts."""
    report = _report_for_review(request, pk)
    if report.status != ProgressReport.Status.SUBMITTED:
        return redirect("reports:report_detail", pk=report.pk)
    if request.method == "GET":
        return render(request, "reports/report_accept.html", {"report": report})
    try:
        workflow.report_accept(user=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report was accepted."))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_POST
def proposal_answer(request, pk):
    proposal = get_object_or_404(Proposal.objects.filter(report__in=selectors.reports_visible_to(request.user)), pk=pk)
    if not rules.can_review(request.user, proposal.report):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        workflow.proposal_answer(user=request.user, proposal=proposal, answer=form.cleaned_data["answer"])
        messages.success(request, _("The answer was saved."))
    return redirect("reports:report_detail", pk=proposal.report_id)


def _period_for_follow(request, plan_pk, period_pk) -> ReportingPeriod:
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__area").filter(plan__in=plans_visible_to(request.user)),
        plan_id=plan_pk,
        pk=period_pk,
    )
    if not can_follow_plan(request.user, period.plan):
        raise PermissionDenied
    return period


@login_required
def period_detail(request, plan_pk, period_pk):
    """The completeness of the period's reports and their consolidation."""
    period = _period_for_follow(request, plan_pk, period_pk)
    body = period_page.body(request.user, period, request.GET.get("page", 1))
    context = {
        "plan": period.plan,
        "period": period,
        "body": body,
        "conference": Conference.objects.filter(period=period).first(),
        "can_change": plan_can_change(request.user, period.plan),
    }
    return render(request, "reports/period_detail.html", context)


@login_required
@require_POST
def report_reopen(request, plan_pk, period_pk, organisation_pk):
    period = _period_for_follow(request, plan_pk, period_pk)
    organisation = get_object_or_404(Organisation.objects.filter(reporting_for__plan=period.plan), pk=organisation_pk)
    if not rules.can_review_unit(request.user, organisation.pk):
        raise PermissionDenied
    form = ReopenForm.for_unit(request.POST, organisation.pk)
    if form.is_valid():
        try:
            workflow.report_reopen(
                user=request.user,
                plan=period.plan,
                period=period,
                organisation=organisation,
                until=form.cleaned_data["until"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report of %(unit)s is open for filing again.") % {"unit": organisation})
    else:
        messages.error(request, " ".join(form.errors["until"]))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("reports:period_detail", plan_pk=plan_pk, period_pk=period_pk)


@login_required
def period_export(request, plan_pk, period_pk, kind):
    period = _period_for_follow(request, plan_pk, period_pk)
    name = f"bao-cao-so-ket-{period.year}-{period.half.lower()}-{slugify(period.plan.number or period.plan.pk)}"
    return download(period_file(period, kind), f"{name}.{kind}", DOCX if kind == "docx" else XLSX)


@login_required
def report_export(request, pk, kind):
    report = report_for_read(request, pk)
    name = f"bao-cao-{report.period.year}-{report.period.half.lower()}-{slugify(report.organisation.name)}"
    if kind == "docx":
        return download(report_docx(report), f"{name}.docx", DOCX)
    return download(report_xlsx(report), f"{name}.xlsx", XLSX)


@login_required
@require_POST
def plan_open_reporting(request, plan_pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_pk)
    require_change(request.user, plan.area)
    periods, units = period_services.plan_open_reporting(user=request.user, plan=plan)
    messages.success(
        request,
        _("%(periods)s reporting periods and %(units)s reporting units were added.")
        % {"periods": periods, "units": units},
    )
    return redirect("programmes:plan_detail", pk=plan.pk)


@login_required
def plan_reporting(request, plan_pk):
    """The plan's own reporting: its period dates and the units that report."""
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_pk)
    require_change(request.user, plan.area)
    periods = PeriodFormSet(request.POST or None, queryset=plan.periods.order_by("year", "half"), prefix="periods")
    units = ReportingUnitsForm(request.POST or None, user=request.user, plan=plan)
    if request.method == "POST" and periods.is_valid() and units.is_valid():
        period_services.plan_reporting_update(
            user=request.user,
            plan=plan,
            periods=[form.save(commit=False) for form in periods.forms if form.has_changed()],
            organisations=list(units.cleaned_data["organisations"]),
        )
        messages.success(request, _("The reporting of the plan was saved."))
        return redirect("programmes:plan_detail", pk=plan.pk)
    return render(request, "reports/plan_reporting.html", {"plan": plan, "periods": periods, "units": units})
