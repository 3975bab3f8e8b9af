"""Preparing the plan that follows (tổng kết → the next plan): a draft with the same parties, the
commitments left undone and the conclusions still open carried over, each indicator copied with
its origin, so that the editor sets the new targets beside the last values (``last_values``)."""

from decimal import Decimal

from django.db import transaction

from programmes import party_roles
from programmes.models import Commitment, Indicator, Plan, Section
from programmes.services.plans import PartyData, _copy, draft_save, require_change
from reports.models import ReportingPeriod
from reports.services.consolidation import consolidate

from .services import open_conclusions

CARRIED_SECTION = "Nội dung chưa hoàn thành của %(plan)s"
CONCLUSIONS_SECTION = "Kết luận hội nghị chưa thực hiện"


def last_period(plan: Plan) -> ReportingPeriod | None:
    """The plan's last half-year that has received reports."""
    return plan.periods.filter(reports__status__in=("submitted", "accepted")).order_by("-starts_on").first()


@transaction.atomic
def plan_succeed(*, user, plan: Plan, title: str, start_year: int, end_year: int, number: str = "") -> Plan:
    """A draft plan that continues ``plan``: its parties and signatories' places, its purposes,
    the commitments its last half-year left undone (with their indicators) and its open
    conclusions, each linked to what it came from; ``predecessor`` is ``plan``."""
    require_change(user, plan.area)
    parties = [
        PartyData(p.organisation, p.signatory_name, p.signatory_title, p.signing_capacity)
        for p in plan.parties.select_related("organisation").order_by("order", "pk")
    ]
    successor = draft_save(
        user=user,
        source=plan,
        parties=parties,
        area=plan.area,
        number=number,
        title=title,
        start_year=start_year,
        end_year=end_year,
        predecessor=plan,
    )
    _carry_unfinished(plan, successor)
    _carry_conclusions(plan, successor)
    return successor


def _carry_unfinished(plan: Plan, successor: Plan) -> None:
    period = last_period(plan)
    if period is None:
        return
    consolidation = consolidate(plan, period, texts=False)
    left = [row.commitment for row in consolidation.rows if not row.done and not row.not_applicable]
    if not left:
        return
    section = Section.objects.create(
        plan=successor, title=CARRIED_SECTION % {"plan": plan.number or plan.title}, order=1
    )
    for order, commitment in enumerate(left, start=1):
        # A one-off's deadline was the old plan's: the editor sets the new one.
        ongoing = Commitment.Recurrence.ONGOING if commitment.recurrence == Commitment.Recurrence.ONCE else None
        copy = _copy(
            commitment,
            plan=successor,
            section=section,
            order=order,
            origin=commitment,
            deadline=None,
            recurrence=ongoing or commitment.recurrence,
        )
        copy.supporters.set(commitment.supporters.all())
        for indicator in commitment.indicators.filter(withdrawn_on__isnull=True):
            _copy(indicator, commitment=copy, origin=indicator, due_date=None)


def _carry_conclusions(plan: Plan, successor: Plan) -> None:
    """Open conclusions not already in the plan (those are carried with the commitments)."""
    conclusions = [c for c in open_conclusions(conference__plan=plan) if c.adopted_as_id is None]
    if not conclusions:
        return
    section = Section.objects.create(plan=successor, title=CONCLUSIONS_SECTION, order=2)
    for order, conclusion in enumerate(conclusions, start=1):
        period = conclusion.conference.period
        Commitment.objects.create(
            plan=successor,
            section=section,
            number=f"KL{period.year}.{period.half[-1]}.{conclusion.number}",
            text=conclusion.text,
            party=party_roles.role_of(conclusion.responsible),
            order=order,
        )


def last_values(plan: Plan) -> dict[int, tuple[Decimal | None, Decimal, ReportingPeriod]]:
    """For a plan that follows another, each indicator copied from it: the figure its last
    half-year reached (None: no unit gave one), the target it had, and that half-year."""
    copied = Indicator.objects.filter(commitment__plan=plan, origin__isnull=False).select_related("origin")
    origins = {i.pk: i.origin for i in copied}
    if not origins or plan.predecessor_id is None:
        return {}
    period = last_period(plan.predecessor)
    if period is None:
        return {}
    reached = {t.indicator.pk: t.value for t in consolidate(plan.predecessor, period, texts=False).totals}
    return {pk: (reached.get(origin.pk), origin.target_value, period) for pk, origin in origins.items()}
