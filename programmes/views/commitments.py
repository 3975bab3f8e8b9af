"""The commitments editor: sections and commitments edited in place with htmx.

Every action is also a plain form post, so the editor works without
JavaScript: without htmx the views redirect back to the editor page.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import party_roles, selectors
from ..forms import CommitmentForm, IndicatorFormSet, SectionForm, WithdrawForm
from ..models import Commitment, Indicator, Section
from ..services import plans as services
from .plans import plan_for_change


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def back_to_editor(plan, anchor=""):
    return redirect(reverse("programmes:commitments", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


def render_editor(request, plan, section_form=None):
    """The editor: the whole page, or for htmx only its body (sections, commitments, messages)."""
    template = "programmes/includes/_editor_body.html" if is_htmx(request) else "programmes/commitments_editor.html"
    context = {
        "plan": party_roles.with_parties(plan),  # each row names its commitment's party
        "sections": selectors.plan_sections(plan),
        "section_form": section_form or SectionForm(prefix="new-section"),
    }
    response = render(request, template, context)
    if is_htmx(request):
        # Whatever element asked, the answer is the whole editor body.
        response["HX-Retarget"] = "#editor-body"
        response["HX-Reswap"] = "outerHTML"
    return response


@login_required
def commitments_editor(request, pk):
    return render_editor(request, plan_for_change(request, pk))


@login_required
@require_POST
def section_create(request, pk):
    plan = plan_for_change(request, pk)
    form = SectionForm(request.POST, prefix="new-section", instance=Section(plan=plan))
    if form.is_valid():
        services.section_save(user=request.user, section=form.save(commit=False))
        return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan)
    return render_editor(request, plan, form)


def _section(request, pk, section_pk):
    plan = plan_for_change(request, pk)
    return plan, get_object_or_404(Section, plan=plan, pk=section_pk)


@login_required
def section_edit(request, pk, section_pk):
    plan, section = _section(request, pk, section_pk)
    form = SectionForm(request.POST or None, instance=section, prefix=f"section-{section.pk}")
    if request.method == "POST" and form.is_valid():
        services.section_save(user=request.user, section=form.save(commit=False))
        if is_htmx(request):
            return render(request, "programmes/includes/_section_heading.html", {"plan": plan, "section": section})
        return back_to_editor(plan, f"section-{section.pk}")
    template = "programmes/includes/_section_form.html" if is_htmx(request) else "programmes/section_form_page.html"
    return render(request, template, {"plan": plan, "section": section, "form": form})


@login_required
@require_POST
def section_delete(request, pk, section_pk):
    plan, section = _section(request, pk, section_pk)
    try:
        services.section_delete(user=request.user, section=section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan)


def _offset(request) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@login_required
@require_POST
def section_move(request, pk, section_pk):
    plan, section = _section(request, pk, section_pk)
    services.item_move(user=request.user, item=section, offset=_offset(request))
    return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan, f"section-{section.pk}")


def _commitment(request, pk, commitment_pk):
    plan = plan_for_change(request, pk)
    return plan, get_object_or_404(Commitment.objects.select_related("section"), plan=plan, pk=commitment_pk)


def _commitment_form_response(request, plan, form, indicators, commitment=None):
    context = {"plan": plan, "form": form, "indicators": indicators, "commitment": commitment}
    if is_htmx(request):
        return render(request, "programmes/includes/_commitment_form.html", context)
    return render(request, "programmes/commitment_form_page.html", context)


@login_required
def commitment_create(request, pk):
    plan = plan_for_change(request, pk)
    initial = {"section": request.GET.get("section")} if request.GET.get("section") else None
    form = CommitmentForm(request.POST or None, plan=plan, initial=initial, prefix="new")
    indicators = IndicatorFormSet(request.POST or None, instance=Commitment(), prefix="new-indicators")
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        commitment = services.commitment_save(
            user=request.user,
            commitment=form.save(commit=False),
            indicators=indicators,
            supporters=form.cleaned_data.get("supporters"),
        )
        return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan, f"commitment-{commitment.pk}")
    return _commitment_form_response(request, plan, form, indicators)


@login_required
def commitment_row(request, pk, commitment_pk):
    """One commitment as the editor shows it; what "Cancel" goes back to."""
    plan, commitment = _commitment(request, pk, commitment_pk)
    return render(request, "programmes/includes/_commitment_row.html", {"plan": plan, "commitment": commitment})


@login_required
def commitment_edit(request, pk, commitment_pk):
    plan, commitment = _commitment(request, pk, commitment_pk)
    prefix = f"c{commitment.pk}"
    form = CommitmentForm(request.POST or None, instance=commitment, plan=plan, prefix=prefix)
    indicators = IndicatorFormSet(request.POST or None, instance=commitment, prefix=f"{prefix}-indicators")
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        moved = "section" in form.changed_data
        commitment = services.commitment_save(
            user=request.user,
            commitment=form.save(commit=False),
            indicators=indicators,
            supporters=form.cleaned_data.get("supporters"),
        )
        if is_htmx(request):
            if moved:
                return render_editor(request, plan)
            return render(request, "programmes/includes/_commitment_row.html", {"plan": plan, "commitment": commitment})
        return back_to_editor(plan, f"commitment-{commitment.pk}")
    return _commitment_form_response(request, plan, form, indicators, commitment)


@login_required
@require_POST
def commitment_delete(request, pk, commitment_pk):
    plan, commitment = _commitment(request, pk, commitment_pk)
    try:
        services.commitment_delete(user=request.user, commitment=commitment)
    except ValidationError as error:  # filed reports refer to it: the row offers "Withdraw"
        messages.error(request, " ".join(error.messages))
        return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan, f"commitment-{commitment.pk}")
    return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan)


def _withdraw(request, plan, withdraw, anchor):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            withdraw(user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Withdrawn. Reports already filed keep it."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give the reason for the withdrawal."))
    return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan, anchor)


@login_required
@require_POST
def commitment_withdraw(request, pk, commitment_pk):
    plan, commitment = _commitment(request, pk, commitment_pk)
    withdraw = partial(services.commitment_withdraw, commitment=commitment)
    return _withdraw(request, plan, withdraw, f"commitment-{commitment.pk}")


@login_required
@require_POST
def indicator_withdraw(request, pk, indicator_pk):
    plan = plan_for_change(request, pk)
    indicator = get_object_or_404(Indicator, commitment__plan=plan, pk=indicator_pk)
    withdraw = partial(services.indicator_withdraw, indicator=indicator)
    return _withdraw(request, plan, withdraw, f"commitment-{indicator.commitment_id}")


@login_required
@require_POST
def commitment_move(request, pk, commitment_pk):
    plan, commitment = _commitment(request, pk, commitment_pk)
    services.item_move(user=request.user, item=commitment, offset=_offset(request))
    return render_editor(request, plan) if is_htmx(request) else back_to_editor(plan, f"commitment-{commitment.pk}")
