"""Writes on plans, their parties, sections, commitments and indicators.

Every function takes the acting user and checks that they may change the
plan's area, so that views, commands and the admin get the same guarantee.
``user=None`` means the system itself (a management command, the demo).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import Max
from django.db.models.deletion import Collector, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc import figure_versions
from khuyenhoc.text import fold
from programmes import access

from .. import party_roles
from ..models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section

Status = Plan.Status

# What the plan's own form and services set; the status changes only through plan_set_status,
# so saving an edit made on an older copy never puts back the status it was read with.
PLAN_EDITED_FIELDS = [
    f.name
    for f in Plan._meta.concrete_fields
    if f.name not in {"id", "status", "search_text", "created_by", "created_at"}
]
# Withdrawal and order have their own services: an edit never undoes them.
COMMITMENT_EDITED_FIELDS = [
    f.name
    for f in Commitment._meta.concrete_fields
    if f.name not in {"id", "plan", "order", "origin", "withdrawn_on", "withdrawn_reason", "withdrawn_by"}
]
WITHDRAWAL_FIELDS = ["withdrawn_on", "withdrawn_reason", "withdrawn_by"]
INDICATOR_EDITED_FIELDS = ["name", "unit", "target_value", "direction", "aggregation", "due_date", "order"]


class InUse(ValidationError):
    """Filed reports refer to it: it can be withdrawn, not deleted."""


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


def _figures_changed(*areas: Area) -> None:
    """What is cached from the plans of ``areas`` (dashboards count plans in force, their units,
    commitments, indicators and targets) is stale once this transaction commits. Sections and
    the order of items show in no cached figure, so their changes leave the cache alone."""
    figure_versions.bump_on_commit(area.path for area in areas)


@transaction.atomic
def plan_save(*, user, plan: Plan, parties: list[PartyData] | None = None) -> Plan:
    """Create or update ``plan`` (its fields already set) and, if given, replace its parties."""
    require_change(user, plan.area)
    if plan.pk:
        previous_area = Plan.objects.select_for_update().select_related("area").get(pk=plan.pk).area
        require_change(user, previous_area)
        plan.save(update_fields=PLAN_EDITED_FIELDS)
        _figures_changed(previous_area)
    else:
        if user is not None:
            plan.created_by = user
        plan.save()
    if parties is not None:
        _replace_parties(plan, parties)
    plan_refresh_search(plan)
    _figures_changed(plan.area)
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
    _figures_changed(plan.area)
    return plan


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


def _lock_plan(plan: Plan) -> None:
    """Serialise the writes that renumber a plan's items (orders read, then rewritten)."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()


@transaction.atomic
def section_save(*, user, section: Section) -> Section:
    require_change(user, section.plan.area)
    if not section.pk:
        _lock_plan(section.plan)
        section.order = _next_order(Section.objects.filter(plan=section.plan))
        section.save()
    else:
        section.save(update_fields=["number", "title"])  # a concurrent move keeps its order
    return section


def is_referred(item) -> bool:
    """Whether rows elsewhere (filed reports) protect ``item`` from deletion. Asked through
    Django's deletion collector, so that plans need not know the reports that refer to them."""
    try:
        Collector(using=router.db_for_write(type(item))).collect([item])
    except ProtectedError:
        return True
    return False


def _delete(item, message: str) -> None:
    """Delete ``item`` and what belongs only to it; InUse if a filed report refers to any of it."""
    try:
        with transaction.atomic():
            item.delete()
    except ProtectedError:
        raise InUse(message) from None


@transaction.atomic
def section_delete(*, user, section: Section) -> None:
    require_change(user, section.plan.area)
    if section.commitments.exists():
        raise ValidationError(_("Move or delete the commitments of this section first."))
    _delete(section, _("Units have reported on this section: it cannot be deleted."))


@transaction.atomic
def commitment_save(*, user, commitment: Commitment, indicators=None, supporters=None) -> Commitment:
    """Save a commitment and, if given, its indicator formset (validated by the caller) and the
    parties supporting it (only a joint one has them, and only among the plan's parties)."""
    require_change(user, commitment.plan.area)
    if commitment.section.plan_id != commitment.plan_id:
        raise ValidationError(_("This section belongs to another plan."))
    stored_section = (
        Commitment.objects.select_for_update().filter(pk=commitment.pk).values_list("section_id", flat=True).first()
    )
    moved = stored_section != commitment.section_id
    if moved:  # new, or moved to another section: last place there
        _lock_plan(commitment.plan)
        commitment.order = _next_order(Commitment.objects.filter(section=commitment.section))
    if stored_section is None:
        commitment.save()
    else:  # an edit: withdrawal, origin and (unless moved) order are not the form's to write
        commitment.save(update_fields=COMMITMENT_EDITED_FIELDS + (["order"] if moved else []))
    if supporters is not None or commitment.party != Commitment.Party.JOINT:
        commitment.supporters.set(party_roles.supporters_among(commitment, supporters or []))
    if indicators is not None:
        _save_indicators(commitment, indicators)
    _figures_changed(commitment.plan.area)
    return commitment


def _save_indicators(commitment: Commitment, indicators) -> None:
    """Save a validated indicator formset, numbering the indicators in the order the user gave."""
    indicators.instance = commitment
    changed = indicators.save(commit=False)
    for indicator in indicators.deleted_objects:
        _delete(
            indicator,
            _("Units have given figures for the indicator “%(name)s”: withdraw it instead.") % {"name": indicator.name},
        )
    for position, form in enumerate(indicators.ordered_forms, start=1):
        indicator = form.instance
        if indicator in changed or (indicator.pk and indicator.order != position):
            indicator.commitment = commitment
            indicator.order = position
            if indicator._state.adding:
                indicator.save()
            else:  # a withdrawal made while the form was open stays
                indicator.save(update_fields=INDICATOR_EDITED_FIELDS)


@transaction.atomic
def commitment_delete(*, user, commitment: Commitment) -> None:
    """Delete a commitment nobody reported on. One that filed reports refer to raises InUse:
    it is withdrawn instead (``commitment_withdraw``), so that those reports keep it."""
    require_change(user, commitment.plan.area)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    _delete(
        commitment,
        _("Units have reported on this commitment: it cannot be deleted. Withdraw it instead, giving the reason."),
    )
    _figures_changed(commitment.plan.area)


def _withdraw(item: Commitment | Indicator, user, reason: str) -> None:
    item.withdrawn_on = timezone.localdate()
    item.withdrawn_reason = reason
    item.withdrawn_by = user
    item._history_user = user  # who, in the plan's history, even from a command or a task
    item.save(update_fields=WITHDRAWAL_FIELDS)  # recorded in the plan's history like any change


def _withdrawal_reason(item, reason: str) -> str:
    if item.withdrawn_on:
        raise ValidationError(_("It has already been withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for the withdrawal."))
    return reason


@transaction.atomic
def commitment_withdraw(*, user, commitment: Commitment, reason: str) -> Commitment:
    """End a commitment today, with its indicators: the reports and exports that used it keep
    it, and the forms of periods that start after today no longer ask for it."""
    require_change(user, commitment.plan.area)
    commitment = Commitment.objects.select_for_update().select_related("plan").get(pk=commitment.pk)
    reason = _withdrawal_reason(commitment, reason)
    _withdraw(commitment, user, reason)
    for indicator in commitment.indicators.select_for_update().filter(withdrawn_on__isnull=True):
        _withdraw(indicator, user, reason)
    _figures_changed(commitment.plan.area)
    return commitment


@transaction.atomic
def indicator_withdraw(*, user, indicator: Indicator, reason: str) -> Indicator:
    """End one indicator today; as for a commitment, filed figures keep it."""
    indicator = Indicator.objects.select_for_update().select_related("commitment__plan__area").get(pk=indicator.pk)
    require_change(user, indicator.commitment.plan.area)
    _withdraw(indicator, user, _withdrawal_reason(indicator, reason))
    _figures_changed(indicator.commitment.plan.area)
    return indicator


@transaction.atomic
def item_move(*, user, item: Section | Commitment, offset: int) -> None:
    """Move a section within its plan, or a commitment within its section, by ``offset`` places."""
    plan = item.plan
    require_change(user, plan.area)
    _lock_plan(plan)
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


def draft_save(*, user, source: Plan, parties: list[PartyData], **fields) -> Plan:
    """Save a new draft plan that carries on ``source`` (a plan it implements or follows): its kind,
    purposes, requirements and cadence, its legal bases led by ``source`` itself; ``fields`` give
    the rest (area, number, title, years, the link). A number the area already has is an error
    beside the number, even one given to another plan an instant earlier."""
    area, number = fields["area"], fields.get("number", "")
    taken = ValidationError({"number": _("Another plan of this area already has this number.")})
    if Plan.number_taken(area, number):
        raise taken
    try:
        # A savepoint, so that a plan given the same number an instant earlier is a form error
        # rather than a broken transaction.
        with transaction.atomic():
            return plan_save(
                user=user,
                plan=Plan(
                    kind=source.kind,
                    status=Status.DRAFT,
                    legal_bases="\n".join([str(source), source.legal_bases]).strip(),
                    purposes=source.purposes,
                    requirements=source.requirements,
                    review_cadence=source.review_cadence,
                    **fields,
                ),
                parties=parties,
            )
    except IntegrityError:
        if number and Plan.objects.filter(area=area, number=number).exists():
            raise taken from None
        raise


@transaction.atomic
def plan_derive(*, user, parent: Plan, area: Area, title: str, parties: list[PartyData], number: str = "") -> Plan:
    """Create a draft plan for a lower level that implements ``parent``.

    It copies the sections and the commitments that the new plan's level
    reports on (with their indicators), each linked to its origin.
    """
    require_change(user, area)
    if not area.path.startswith(parent.area.path) or area == parent.area:
        raise ValidationError(_("A derived plan must be for an area below the parent plan's area."))
    child = draft_save(
        user=user,
        source=parent,
        parties=parties,
        area=area,
        number=number,
        title=title,
        start_year=parent.start_year,
        end_year=parent.end_year,
        parent=parent,
    )
    level = area.level
    # A partner's commitment goes to the child's partner of the same kind (the district Youth
    # Union for the provincial one), or to every partner where none of that kind signed.
    # A joint commitment's supporters go to the child's parties of the same side (a partner: kind).
    partners = {o.kind: o for o in party_roles.parties_of(child) if o.side == Organisation.Side.OTHER}
    signed = party_roles.parties(child)
    by_party = {signed.party_of(o): o for o in signed.signed}
    prefetched = ("commitments__indicators", "commitments__partner", "commitments__supporters")
    for section in parent.sections.prefetch_related(*prefetched):
        carried = [
            c
            for c in section.commitments.all()
            if not c.withdrawn_on and (not c.reporting_levels or level in c.reporting_levels)
        ]
        if not carried:
            continue
        copy = _copy(section, plan=child)
        for commitment in carried:
            partner = partners.get(commitment.partner.kind) if commitment.partner_id else None
            new = _copy(
                commitment, plan=child, section=copy, reporting_levels=[level], origin=commitment, partner=partner
            )
            supporters = {by_party.get(signed.party_of(o)) for o in commitment.supporters.all()}
            new.supporters.set(supporters - {None})
            for indicator in commitment.indicators.all():
                if not indicator.withdrawn_on:
                    _copy(indicator, commitment=new, origin=indicator)
    return child
