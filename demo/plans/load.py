"""The loader of the demo plans.

Loading is idempotent: each plan is looked up by its area and number (by its
area and title when it has no number) and, if it already exists, left as it is,
so that a second run neither duplicates rows nor undoes changes made in the
portal. A new plan is created with its parties, sections, commitments and
indicators in one transaction.
"""

from django.db import transaction

from programmes.models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
from programmes.services.plans import plan_refresh_search

from .ben_tre import BEN_TRE
from .binh_duong_thuan_an import BINH_DUONG, THUAN_AN
from .hoa_binh import HOA_BINH
from .spec import DemoPlan

# In loading order: a parent before the plans that carry it out.
DEMO_PLANS = [BEN_TRE, HOA_BINH, BINH_DUONG, THUAN_AN]


@transaction.atomic
def demo_plans_load() -> list[Plan]:
    """Create the demo plans that do not exist yet; return all of them, in ``DEMO_PLANS`` order.

    Needs the areas and organisations of ``demo.core.demo_load``.
    """
    plans: dict[str, Plan] = {}
    for spec in DEMO_PLANS:
        plan = _find(spec)
        if plan is None:
            plan = demo_plan_create(spec, parent=plans.get(spec.parent))
        plan_refresh_search(plan)
        plans[spec.key] = plan
    return list(plans.values())


def _find(spec: DemoPlan) -> Plan | None:
    plans = Plan.objects.filter(area__code=spec.area, number=spec.number)
    if not spec.number:
        plans = plans.filter(title=spec.title)
    return plans.first()


def _lines(items: tuple[str, ...]) -> str:
    return "\n".join(items)


def demo_plan_create(spec: DemoPlan, parent: Plan | None = None) -> Plan:
    """Create the plan that ``spec`` describes, with its parties, sections, commitments and indicators."""
    parties = [
        (Organisation.objects.get(name=signatory.organisation, area__code=signatory.area), signatory)
        for signatory in spec.parties
    ]
    plan = Plan.objects.create(
        kind=spec.kind,
        number=spec.number,
        title=spec.title,
        area=Area.objects.get(code=spec.area),
        signed_on=spec.signed_on,
        place=spec.place,
        start_year=spec.start_year,
        end_year=spec.end_year,
        status=spec.status,
        parent=parent,
        legal_bases=_lines(spec.legal_bases),
        purposes=_lines(spec.purposes),
        requirements=_lines(spec.requirements),
        recipients=_lines(spec.recipients),
        review_cadence=spec.review_cadence,
    )
    for order, (organisation, signatory) in enumerate(parties):
        PlanParty.objects.create(
            plan=plan,
            organisation=organisation,
            signatory_name=signatory.name,
            signatory_title=signatory.title,
            signing_capacity=signatory.capacity,
            order=order,
        )
    for section_order, part in enumerate(spec.parts, start=1):
        section = Section.objects.create(plan=plan, number=part.number, title=part.title, order=section_order)
        for order, item in enumerate(part.items, start=1):
            commitment = Commitment.objects.create(
                plan=plan,
                section=section,
                number=item.number,
                text=item.text,
                party=item.party,
                lead=item.lead,
                supporting=item.supporting,
                recurrence=item.recurrence,
                deadline=item.deadline,
                yearly_day=item.yearly_day,
                yearly_month=item.yearly_month,
                reporting_levels=list(item.levels),
                order=order,
            )
            commitment.supporters.set(o for o, _signatory in parties if o.name in item.supporters)
            for indicator_order, target in enumerate(item.targets, start=1):
                Indicator.objects.create(
                    commitment=commitment,
                    name=target.name,
                    unit=target.unit,
                    target_value=target.target_value,
                    direction=target.direction,
                    aggregation=target.aggregation,
                    due_date=target.due_date,
                    order=indicator_order,
                )
    return plan
