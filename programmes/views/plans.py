from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes import access

from .. import history, party_roles, selectors
from ..files import file_download
from ..forms import DeriveForm, PartyFormSet, PlanFilterForm, PlanForm, StatusForm
from ..import_forms import ImportPreview, ImportSourceForm
from ..models import Plan
from ..services import imports as import_services
from ..services import plans as services


def plan_for_read(request, pk) -> Plan:
    """The plan if the user may see it; 404 otherwise, so that nothing leaks."""
    return get_object_or_404(
        selectors.plans_visible_to(request.user).select_related("area", "parent", "predecessor"), pk=pk
    )


def plan_for_change(request, pk) -> Plan:
    """The plan if the user may change it; 404 if they cannot see it, 403 if they only read it."""
    plan = plan_for_read(request, pk)
    if not selectors.plan_can_change(request.user, plan):
        raise PermissionDenied
    return plan


def can_create_plans(user) -> bool:
    return access.has_role(user, *access.CHANGE_ROLES)


@login_required
def plan_list(request):
    form = PlanFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.plan_list(request.user, **filters), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/plan_list.html",
        {"form": form, "page": page, "can_create": can_create_plans(request.user)},
    )


@login_required
def plan_detail(request, pk):
    plan = party_roles.with_parties(plan_for_read(request, pk))
    return render(
        request,
        "programmes/plan_detail.html",
        {
            "plan": plan,
            "parties": plan.parties.all(),
            "sections": selectors.plan_sections(plan),
            "can_derive": selectors.plans_derivable_areas(request.user, plan).exists(),
            "periods": _period_links(plan),
            "can_follow": selectors.can_follow_plan(request.user, plan),
            "children": selectors.plans_visible_to(request.user).filter(parent=plan).select_related("area"),
            "can_change": selectors.plan_can_change(request.user, plan),
            "status_form": StatusForm(initial={"status": plan.status}),
            "next_statuses": [Plan.Status(s) for s in services.TRANSITIONS.get(plan.status, ())],
        },
    )


def _period_links(plan: Plan) -> list[tuple[str, str]]:
    """The plan's reporting periods, latest first, as (name, address of its page). The address is
    reversed once, not per period: a plan of twenty years has forty."""
    prefix = reverse("reports:period_detail", args=[plan.pk, 0]).removesuffix("0/")
    return [(str(period), f"{prefix}{period.pk}/") for period in plan.periods.order_by("-year", "-half")]


@login_required
def plan_create(request):
    if not can_create_plans(request.user):
        raise PermissionDenied
    return _plan_form(request, Plan())


@login_required
def plan_edit(request, pk):
    return _plan_form(request, plan_for_change(request, pk))


def _plan_form(request, plan: Plan):
    form = PlanForm(request.POST or None, request.FILES or None, instance=plan, user=request.user)
    parties = PartyFormSet(request.POST or None, instance=plan, user=request.user, prefix="parties")
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        created = plan.pk is None
        try:
            plan = services.plan_save(user=request.user, plan=form.save(commit=False), parties=parties.party_data())
        except PermissionDenied:
            form.add_error("area", _("You may not change the plans of this area."))
        else:
            messages.success(request, _("The plan was created.") if created else _("The plan was saved."))
            return redirect("programmes:commitments" if created else "programmes:plan_detail", pk=plan.pk)
    return render(request, "programmes/plan_form.html", {"form": form, "parties": parties, "plan": plan})


@login_required
@require_POST
def plan_status(request, pk):
    plan = plan_for_change(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_set_status(user=request.user, plan=plan, status=form.cleaned_data["status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The plan is now “%(status)s”.") % {"status": plan.get_status_display()})
    return redirect("programmes:plan_detail", pk=plan.pk)


@login_required
def plan_history(request, pk):
    plan = plan_for_read(request, pk)
    return render(request, "programmes/plan_history.html", {"plan": plan, "entries": history.plan_history(plan)})


@login_required
def plan_scan(request, pk):
    """The signed scan, served only to those who may read the plan."""
    plan = plan_for_read(request, pk)
    if not plan.scan:
        raise Http404
    return file_download(plan.scan, f"ke-hoach-{plan.pk}")


@login_required
def plan_derive(request, pk):
    plan = plan_for_read(request, pk)
    if not selectors.plans_derivable_areas(request.user, plan).exists():
        raise PermissionDenied
    form = DeriveForm(request.POST or None, user=request.user, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = services.plan_derive(
                user=request.user,
                parent=plan,
                area=data["area"],
                title=data["title"],
                number=data["number"],
                parties=[services.PartyData(organisation=o) for o in data["parties"]],
            )
        except ValidationError as error:
            # A message about one field (the number taken) goes beside it; the others beside the area.
            form.add_error(None if hasattr(error, "error_dict") else "area", error)
        except PermissionDenied:
            form.add_error("area", _("You may not change the plans of this area."))
        else:
            messages.success(request, _("The derived plan was created as a draft. Check its commitments."))
            return redirect("programmes:commitments", pk=child.pk)
    return render(request, "programmes/plan_derive.html", {"plan": plan, "form": form})


@login_required
def plan_import(request):
    """ "Nhập từ văn bản": paste or upload, review everything, then save as a draft."""
    if not can_create_plans(request.user):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        preview = ImportPreview(request.POST, user=request.user)
        if preview.is_valid():
            try:
                plan = import_services.plan_import_save(user=request.user, **preview.for_service())
            except PermissionDenied:
                preview.plan_form.add_error("area", _("You may not change the plans of this area."))
            else:
                messages.success(request, _("The plan was imported as a draft. Check it, then put it in force."))
                return redirect("programmes:plan_detail", pk=plan.pk)
        return render(request, "programmes/plan_import_preview.html", {"preview": preview})
    source = ImportSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and source.is_valid():
        preview = ImportPreview.from_parsed(source.parsed, user=request.user)
        return render(request, "programmes/plan_import_preview.html", {"preview": preview})
    return render(request, "programmes/plan_import.html", {"form": source})
