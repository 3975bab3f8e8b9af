"""Reads of areas and organisations that depend on who asks."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from khuyenhoc.text import fold
from programmes import access

from .models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return access.organisations_visible_to(user).select_related("area", "parent")


def organisation_list(user, *, kind: str = "", level: str = "", query: str = "") -> QuerySet[Organisation]:
    """Organisations the user may see, filtered for the directory page."""
    organisations = organisations_visible_to(user)
    if kind:
        organisations = organisations.filter(kind=kind)
    if level:
        organisations = organisations.filter(area__level=level)
    if query:
        organisations = organisations.filter(name__icontains=query)
    return organisations.annotate(member_count=Count("memberships", distinct=True)).order_by(
        "area__is_historical", "area__path", "side", "name"
    )


def reporting_organisations_of(user) -> list[Organisation]:
    """The organisations for which the user files reports."""
    return [m.organisation for m in access.memberships_of(user) if m.role == access.Role.REPORTER]


# Plans ---------------------------------------------------------------------


def plans_visible_to(user) -> QuerySet[Plan]:
    """Plans of the user's areas, and the plans in force above them (a commune
    reads the provincial plan it reports against). Drafts stay with the area
    that writes them."""
    own = access.area_scope(user, field="area")
    above = access.area_scope(user, field="area", include_ancestors=True) & ~Q(status=Plan.Status.DRAFT)
    return Plan.objects.filter(own | above)


def plan_can_change(user, plan: Plan) -> bool:
    return access.can_change_area(user, plan.area)


def can_follow_plan(user, plan: Plan) -> bool:
    """Whether the user follows the plan's reporting (province staff of its area): the completeness
    table and the consolidation."""
    return access.covers_area(user, plan.area, access.AREA_WIDE_ROLES)


def plan_list(
    user,
    *,
    query: str = "",
    status: str = "",
    kind: str = "",
    year: int | None = None,
    area: Area | None = None,
    party: Organisation | None = None,
) -> QuerySet[Plan]:
    """Visible plans matching the list page's filters; ``query`` ignores diacritics."""
    plans = plans_visible_to(user)
    for word in fold(query).split():
        plans = plans.filter(search_text__contains=word)
    if status:
        plans = plans.filter(status=status)
    if kind:
        plans = plans.filter(kind=kind)
    if year:
        plans = (
            plans.filter(Q(start_year__lte=year) | Q(start_year__isnull=True))
            .filter(Q(end_year__gte=year) | Q(end_year__isnull=True))
            .exclude(start_year__isnull=True, end_year__isnull=True)
        )
    if area:
        plans = plans.filter(area__path__startswith=area.path)
    if party:
        plans = plans.filter(parties__organisation=party)
    return (
        plans.select_related("area")
        .prefetch_related(Prefetch("parties", queryset=PlanParty.objects.select_related("organisation")))
        .annotate(commitment_count=Count("commitments", distinct=True))
        .order_by("-start_year", "-signed_on", "title", "pk")
    )


@dataclass
class PlanEnding:
    plan: Plan
    ends_on: date
    days: int  # from today


def plans_ending(user, *, today: date, within_days: int) -> list[PlanEnding]:
    """Plans in force that the user may change and that end (on 31/12 of their last year, as
    the reminders count) within ``within_days`` from ``today``, soonest first."""
    last_year = (today + timedelta(days=within_days)).year
    plans = Plan.objects.filter(
        access.area_scope(user, roles=access.CHANGE_ROLES),
        status=Plan.Status.IN_FORCE,
        end_year__gte=today.year,
        end_year__lte=last_year,
    ).select_related("area")
    rows = []
    for plan in plans:
        ends = date(plan.end_year, 12, 31)
        if (ends - today).days <= within_days:
            rows.append(PlanEnding(plan, ends, (ends - today).days))
    return sorted(rows, key=lambda row: (row.days, row.plan.pk))


def plan_filter_choices(user) -> dict:
    """The areas and parties that appear in the user's visible plans, for the filter form."""
    visible = plans_visible_to(user)
    return {
        "areas": Area.objects.filter(pk__in=visible.values("area")).order_by("is_historical", "path"),
        "parties": Organisation.objects.filter(plan_parties__plan__in=visible).distinct().order_by("name"),
    }


def plan_sections(plan: Plan) -> list[Section]:
    """The plan's sections with their commitments, the parties supporting them and their
    indicators, in four queries."""
    commitments = Commitment.objects.order_by("order", "pk").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")), "supporters"
    )
    return list(plan.sections.order_by("order", "pk").prefetch_related(Prefetch("commitments", queryset=commitments)))


def plans_derivable_areas(user, plan: Plan) -> QuerySet[Area]:
    """Areas below the plan's own where the user may write a derived plan."""
    return (
        Area.objects.filter(access.area_scope(user, field="", roles=access.CHANGE_ROLES))
        .filter(path__startswith=plan.area.path)
        .exclude(pk=plan.area_id)
        .exclude(level=Area.Level.NATION)
        .order_by("is_historical", "path")
    )


def closest_for_area(queryset, area: Area):
    """The row of ``queryset`` (a model with an ``area`` field) that belongs to the
    nearest area above ``area`` (or above the current unit that took it over),
    else the one without an area (the national default), else None."""
    paths = area.ancestor_paths()
    if area.is_historical and area.successor_id:
        paths += area.successor.ancestor_paths()
    rows = list(queryset.filter(Q(area__path__in=paths) | Q(area__isnull=True)).select_related("area"))
    return max(rows, key=lambda row: len(row.area.path) if row.area else 0, default=None)
