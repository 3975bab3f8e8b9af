"""The pages of a review conference. The plan's followers (its province's staff) read them; its
editors change them. 404 for a plan the user cannot see, 403 for one they only read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.selectors import can_follow_plan, plan_can_change, plans_visible_to
from programmes.views.plans import plan_for_change
from reports.models import Proposal, ReportingPeriod
from reports.rules import RECEIVED
from reports.services.consolidation import consolidate

from . import services, successor
from .forms import AdoptForm, CarryForm, CloseForm, ConclusionForm, ConferenceForm, SuccessorForm
from .models import Conference


def _conference(request, pk, *, change=False) -> Conference:
    conference = get_object_or_404(
        Conference.objects.select_related("plan__area", "period").filter(plan__in=plans_visible_to(request.user)),
        pk=pk,
    )
    allowed = plan_can_change if change else can_follow_plan
    if not allowed(request.user, conference.plan):
        raise PermissionDenied
    return conference


def _back(conference: Conference, anchor: str = ""):
    response = redirect("conferences:detail", pk=conference.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
def conference_edit(request, plan_pk, period_pk):
    """Schedule the conference of a half-year, or record how it went."""
    plan = plan_for_change(request, plan_pk)
    period = get_object_or_404(ReportingPeriod, plan=plan, pk=period_pk)
    conference = Conference.objects.filter(period=period).first() or Conference(period=period, plan=plan)
    if conference.pk is None and period.conference_on:
        conference.held_on = period.conference_on
    form = ConferenceForm(request.POST or None, instance=conference, plan=plan)
    if request.method == "POST" and form.is_valid():
        conference = services.conference_save(
            user=request.user, conference=form.save(commit=False), attendance=form.attendance()
        )
        messages.success(request, _("The conference was saved."))
        return redirect("conferences:detail", pk=conference.pk)
    return render(request, "conferences/conference_form.html", {"plan": plan, "period": period, "form": form})


@login_required
def conference_detail(request, pk):
    conference = _conference(request, pk)
    can_change = plan_can_change(request.user, conference.plan)
    consolidation = consolidate(conference.plan, conference.period, texts=False)
    proposals = Proposal.objects.filter(
        report__plan=conference.plan, report__period=conference.period, report__status__in=RECEIVED
    ).select_related("report__organisation")
    context = {
        "conference": conference,
        "plan": conference.plan,
        "period": conference.period,
        "attendance": conference.attendance.select_related("organisation"),
        "consolidation": consolidation,
        "proposals": proposals.order_by("pk"),
        "conclusions": conference.conclusions.select_related(
            "responsible", "commitment", "adopted_as", "proposal__report__organisation"
        ),
        "unfinished": services.unfinished(conference, consolidation),
        "can_change": can_change,
        "adopt_form": AdoptForm(conference=conference) if can_change else None,
        "carry_form": CarryForm(),
        "close_form": CloseForm(),
        "whole_plan": services.whole_plan(conference) if conference.kind == Conference.Kind.FINAL else [],
    }
    return render(request, "conferences/conference_detail.html", context)


@login_required
def conclusion_edit(request, pk, conclusion_pk=None):
    conference = _conference(request, pk, change=True)
    conclusion = get_object_or_404(conference.conclusions, pk=conclusion_pk) if conclusion_pk else None
    form = ConclusionForm(request.POST or None, instance=conclusion, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.conclusion_save(user=request.user, conclusion=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back(conference, "conclusions")
    context = {"conference": conference, "plan": conference.plan, "form": form, "conclusion": conclusion}
    return render(request, "conferences/conclusion_form.html", context)


@login_required
@require_POST
def conclusion_delete(request, pk, conclusion_pk):
    conference = _conference(request, pk, change=True)
    conclusion = get_object_or_404(conference.conclusions, pk=conclusion_pk)
    try:
        services.conclusion_delete(user=request.user, conclusion=conclusion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(conference, "conclusions")


@login_required
@require_POST
def conclusion_close(request, pk, conclusion_pk):
    conference = _conference(request, pk, change=True)
    conclusion = get_object_or_404(conference.conclusions, pk=conclusion_pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.conclusion_close(
                user=request.user,
                conclusion=conclusion,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:  # dropped without a reason
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The conclusion %(number)s was closed.") % {"number": conclusion.number})
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return _back(conference, "conclusions")


@login_required
@require_POST
def conclusions_adopt(request, pk):
    conference = _conference(request, pk, change=True)
    form = AdoptForm(request.POST, conference=conference)
    if form.is_valid():
        made = services.conclusions_adopt(
            user=request.user, conference=conference, conclusions=list(form.cleaned_data["conclusions"])
        )
        messages.success(
            request,
            _("%(count)s conclusions were added to the plan as commitments of the section “%(section)s”.")
            % {"count": len(made), "section": services.adopted_section_title(conference)},
        )
    else:
        messages.error(request, " ".join(form.errors["conclusions"]))
    return _back(conference, "conclusions")


@login_required
@require_POST
def carry_over(request, pk, commitment_pk):
    conference = _conference(request, pk, change=True)
    commitment = get_object_or_404(conference.plan.commitments, pk=commitment_pk)
    form = CarryForm(request.POST)
    if form.is_valid():
        try:
            services.carry_over(
                user=request.user,
                conference=conference,
                commitment=commitment,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return _back(conference, f"unfinished-{commitment.pk}")


@login_required
def plan_successor(request, plan_pk):
    """Prepare the plan that follows: a draft with what is left to do."""
    plan = plan_for_change(request, plan_pk)
    initial = {
        "title": plan.title,
        "start_year": (plan.end_year or plan.start_year or 2026) + 1,
        "end_year": (plan.end_year or 2026) + 1 + ((plan.end_year or 0) - (plan.start_year or 0)),
    }
    form = SuccessorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = successor.plan_succeed(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft of the next plan was prepared. Set its new targets."))
            return redirect("programmes:commitments", pk=made.pk)
    context = {"plan": plan, "form": form, "left": successor.last_period(plan)}
    return render(request, "conferences/successor_form.html", context)
