"""Writes on plans, their parties, sections, commitments and indicators.

Every function takes the acting user and checks that they may change the
plan's area, so that views, commands and the admin get the same guarantee.
``user=None`` means the system itself (a management command, the demo).
"""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from khuyenhoc import access
from khuyenhoc.text import fold

from ..models import Area, Commitment, Organisation, Plan, PlanParty, Section

Status = Plan.Status

# Which status may follow which; anything else is refused.
TRANSITIONS = {
    Status.DRAFT: {Status.IN_FORCE},
    Status.IN_FORCE: {Status.ENDED, Status.SUPERSEDED, Status.DRAFT},
    Status.ENDED: {Status.IN_FORCE},
    Status.SUPERSEDED: {Status.IN_FORCE},
}


@dataclass
class PartyData:
    organisation: Organisation
    signatory_name: str = ""
    signatory_title: str = ""
    signing_capacity: str = ""


def require_change(user, area: Area) -> None:
    """Raise PermissionDenied unless ``user`` (None: the system) may change what belongs to ``area``."""
    if user is not None and not access.can_change_area(user, area):
        raise PermissionDenied(_("You may not change the plans of this area."))


def plan_refresh_search(plan: Plan) -> None:
    """Recompute the diacritic-free text that the plan list searches."""
    parties = " ".join(PlanParty.objects.filter(plan=plan).values_list("organisation__name", flat=True))
    text = fold(" ".join([plan.number, plan.title, plan.place, plan.area.name, parties]))
    Plan.objects.filter(pk=plan.pk).update(search_text=text)
    plan.search_text = text


@transaction.atomic
def plan_save(*, user, plan: Plan, parties: list[PartyData] | None = None) -> Plan:
    """Create or update ``plan`` (its fields already set) and, if given, replace its parties."""
    require_change(user, plan.area)
    if plan.pk:
        previous_area = Plan.objects.select_related("area").get(pk=plan.pk).area
        require_change(user, previous_area)
    elif user is not None:
        plan.created_by = user
    plan.save()
    if parties is not None:
        _replace_parties(plan, parties)
    plan_refresh_search(plan)
    return plan


def _replace_parties(plan: Plan, parties: list[PartyData]) -> None:
    keep = []
    for order, data in enumerate(parties):
        party, _created = PlanParty.objects.update_or_create(
            plan=plan,
            organisation=data.organisation,
            defaults={
                "signatory_name": data.signatory_name,
                "signatory_title": data.signatory_title,
                "signing_capacity": data.signing_capacity,
                "order": order,
            },
        )
        keep.append(party.pk)
    for party in PlanParty.objects.filter(plan=plan).exclude(pk__in=keep):
        party.delete()  # one by one, so that the history records each removal


@transaction.atomic
def plan_set_status(*, user, plan: Plan, status: str) -> Plan:
    """Move the plan to ``status`` if the transition is allowed."""
    require_change(user, plan.area)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status not in TRANSITIONS.get(plan.status, set()):
        raise ValidationError(
            _("A plan cannot go from “%(old)s” to “%(new)s”.")
            % {"old": plan.get_status_display(), "new": Status(status).label}
        )
    if status == Status.IN_FORCE and not plan.commitments.exists():
        raise ValidationError(_("A plan without commitments cannot come into force."))
    plan.status = status
    plan.save()
    return plan


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def section_save(*, user, section: Section) -> Section:
    require_change(user, section.plan.area)
    if not section.pk:
        section.order = _next_order(Section.objects.filter(plan=section.plan))
    section.save()
    return section


@transaction.atomic
def section_delete(*, user, section: Section) -> None:
    require_change(user, section.plan.area)
    if section.commitments.exists():
        raise ValidationError(_("Move or delete the commitments of this section first."))
    section.delete()


@transaction.atomic
def commitment_save(*, user, commitment: Commitment, indicators=None) -> Commitment:
    """Save a commitment and, if given, its indicator formset (validated by the caller)."""
    require_change(user, commitment.plan.area)
    if commitment.section.plan_id != commitment.plan_id:
        raise ValidationError(_("This section belongs to another plan."))
    stored_section = Commitment.objects.filter(pk=commitment.pk).values_list("section_id", flat=True).first()
    if stored_section != commitment.section_id:  # new, or moved to another section: last place there
        commitment.order = _next_order(Commitment.objects.filter(section=commitment.section))
    commitment.save()
    if indicators is not None:
        _save_indicators(commitment, indicators)
    return commitment


def _save_indicators(commitment: Commitment, indicators) -> None:
    """Save a validated indicator formset, numbering the indicators in the order the user gave."""
    indicators.instance = commitment
    changed = indicators.save(commit=False)
    for indicator in indicators.deleted_objects:
        indicator.delete()
    for position, form in enumerate(indicators.ordered_forms, start=1):
        indicator = form.instance
        if indicator in changed or (indicator.pk and indicator.order != position):
            indicator.commitment = commitment
            indicator.order = position
            indicator.save()


@transaction.atomic
def commitment_delete(*, user, commitment: Commitment) -> None:
    require_change(user, commitment.plan.area)
    commitment.delete()


@transaction.atomic
def item_move(*, user, item: Section | Commitment, offset: int) -> None:
    """Move a section within its plan, or a commitment within its section, by ``offset`` places."""
    plan = item.plan
    require_change(user, plan.area)
    siblings = list(
        Section.objects.filter(plan=plan)
        if isinstance(item, Section)
        else Commitment.objects.filter(section_id=item.section_id)
    )
    siblings.sort(key=lambda sibling: (sibling.order, sibling.pk))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = max(0, min(len(siblings) - 1, index + offset))
    siblings.insert(target, siblings.pop(index))
    for order, sibling in enumerate(siblings, start=1):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])


def _copy(instance, **changes):
    """A new row with the field values of ``instance``, except ``changes``."""
    values = {}
    for field in type(instance)._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in changes:
            values[field.name] = changes[field.name]
        else:
            values[field.attname] = getattr(instance, field.attname)
    return type(instance).objects.create(**values)


@transaction.atomic
def plan_derive(
    *, user, parent: Plan, area: Area, title: str, parties: list[PartyData], number: str = ""
) -> Plan:
    """Create a draft plan for a lower level that implements ``parent``.

    It copies the sections and the commitments that the new plan's level
    reports on (with their indicators), each linked to its origin.
    """
    require_change(user, area)
    if not area.path.startswith(parent.area.path) or area == parent.area:
        raise ValidationError(_("A derived plan must be for an area below the parent plan's area."))
    taken = ValidationError({"number": _("Another plan of this area already has this number.")})
    if number and Plan.objects.filter(area=area, number__iexact=number).exists():
        raise taken
    try:
        # A savepoint, so that a plan given the same number an instant earlier
        # is a form error beside the number rather than a broken transaction.
        with transaction.atomic():
            child = plan_save(
                user=user,
                plan=Plan(
                    kind=parent.kind,
                    number=number,
                    title=title,
                    area=area,
                    start_year=parent.start_year,
                    end_year=parent.end_year,
                    status=Status.DRAFT,
                    parent=parent,
                    legal_bases="\n".join([str(parent), parent.legal_bases]).strip(),
                    purposes=parent.purposes,
                    requirements=parent.requirements,
                    review_cadence=parent.review_cadence,
                ),
                parties=parties,
            )
    except IntegrityError:
        if number and Plan.objects.filter(area=area, number=number).exists():
            raise taken from None
        raise
    level = area.level
    for section in parent.sections.prefetch_related("commitments__indicators"):
        carried = [c for c in section.commitments.all() if not c.reporting_levels or level in c.reporting_levels]
        if not carried:
            continue
        copy = _copy(section, plan=child)
        for commitment in carried:
            new = _copy(commitment, plan=child, section=copy, reporting_levels=[level], origin=commitment)
            for indicator in commitment.indicators.all():
                _copy(indicator, commitment=new, origin=indicator)
    return child
