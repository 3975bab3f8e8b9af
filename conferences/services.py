"""What the province does around a review conference: schedules and records it, writes its
conclusions, adds the chosen ones to the plan as the next half-year's commitments, decides what
becomes of the commitments left undone, and prepares the plan that follows. Each step checks that
the user may change the plan, whatever page or command calls it."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from programmes import access as programme_access
from programmes import party_roles
from programmes.models import Commitment, Organisation, Plan, Section
from programmes.selectors import plans_visible_to
from programmes.services.plans import (
    _figures_changed,
    _lock_plan,
    _next_order,
    commitment_withdraw,
    require_change,
)
from reports.models import ReportingPeriod, half_year_label
from reports.services.consolidation import Consolidation, consolidate, plan_so_far

from .models import Attendance, CarryOver, Conclusion, Conference

ADOPTED_SECTION = "Kết luận hội nghị sơ kết %(half)s"
ADOPTED_FINAL_SECTION = "Kết luận hội nghị tổng kết %(plan)s"


def _plan_changed(plan: Plan) -> None:
    """The dashboards count open conclusions and show the conference dates: stale once this commits."""
    _figures_changed(plan.area)


@transaction.atomic
def conference_save(*, user, conference: Conference, attendance: dict[int, str] | None = None) -> Conference:
    """Schedule or record the conference of a half-year, with who came for each party. Its date
    becomes the period's conference date, which the conference reminder counts from."""
    plan = conference.period.plan
    require_change(user, plan.area)
    conference.plan = plan
    if not conference.pk:
        conference.created_by = user
    conference.save()
    ReportingPeriod.objects.filter(pk=conference.period_id).update(conference_on=conference.held_on)
    if attendance is not None:
        signed = {o.pk for o in party_roles.parties_of(plan)}
        for organisation_id, people in attendance.items():
            if organisation_id in signed:
                Attendance.objects.update_or_create(
                    conference=conference, organisation_id=organisation_id, defaults={"people": people}
                )
    _plan_changed(plan)
    _announce(conference)
    return conference


def _announce(conference: Conference) -> None:
    """The plan's feed says when and where the conference is (once per date and place)."""
    from feed.services import record  # the feed reads the reports, which read the conferences

    record(
        plan=conference.plan,
        kind="conference",
        title=_("%(kind)s of the %(half)s: %(day)s, %(place)s")
        % {
            "kind": conference.get_kind_display(),
            "half": half_year_label(conference.period.year, conference.period.half).lower(),
            "day": conference.held_on.strftime("%d/%m/%Y"),
            "place": conference.place,
        },
        link=reverse("conferences:detail", args=[conference.pk]),
        key=f"conference:{conference.pk}:{conference.held_on.isoformat()}:{conference.place}"[:200],
    )


def responsible_choices(plan: Plan) -> list[Organisation]:
    """Who a conclusion may be given to: the plan's parties."""
    return party_roles.parties_of(plan)


@transaction.atomic
def conclusion_save(*, user, conclusion: Conclusion) -> Conclusion:
    """A conclusion, numbered next if new; given to one of the plan's parties. Once added to the
    plan it is the commitment's to change, not the conclusion's."""
    conference = Conference.objects.select_for_update().select_related("plan__area").get(pk=conclusion.conference_id)
    require_change(user, conference.plan.area)
    if conclusion.responsible_id not in {o.pk for o in responsible_choices(conference.plan)}:
        raise ValidationError({"responsible": _("Choose one of the plan's parties.")})
    if conclusion.pk and Conclusion.objects.filter(pk=conclusion.pk, adopted_as__isnull=False).exists():
        raise ValidationError(_("This conclusion is already in the plan: change the commitment instead."))
    if not conclusion.number:
        conclusion.number = (conference.conclusions.aggregate(top=Max("number"))["top"] or 0) + 1
    conclusion.save()
    _plan_changed(conference.plan)
    return conclusion


@transaction.atomic
def conclusion_delete(*, user, conclusion: Conclusion) -> None:
    require_change(user, conclusion.conference.plan.area)
    if Conclusion.objects.filter(pk=conclusion.pk, adopted_as__isnull=False).exists():
        raise ValidationError(_("This conclusion is in the plan as a commitment: close it instead."))
    conclusion.delete()
    _plan_changed(conclusion.conference.plan)


@transaction.atomic
def conclusion_close(*, user, conclusion: Conclusion, status: str, note: str) -> Conclusion:
    """Done, or dropped with a reason; a dropped conclusion needs one."""
    require_change(user, conclusion.conference.plan.area)
    if status == Conclusion.Status.DROPPED and not note.strip():
        raise ValidationError({"note": _("Say why the conclusion is dropped.")})
    conclusion.status, conclusion.closed_note = status, note.strip()
    conclusion.save(update_fields=["status", "closed_note"])
    _plan_changed(conclusion.conference.plan)
    return conclusion


def adopted_section_title(conference: Conference) -> str:
    if conference.kind == Conference.Kind.FINAL:
        return ADOPTED_FINAL_SECTION % {"plan": conference.plan.number or conference.plan.title}
    return ADOPTED_SECTION % {"half": half_year_label(conference.period.year, conference.period.half).lower()}


@transaction.atomic
def conclusions_adopt(*, user, conference: Conference, conclusions: list[Conclusion]) -> list[Commitment]:
    """Add the chosen conclusions to the plan as commitments of the next half-year, in a section
    "Kết luận hội nghị sơ kết 6 tháng …", each carried by its responsible party's role, due by
    its deadline (else throughout), and linked both ways (``Conclusion.adopted_as``). A conclusion
    already added is left as it is; the commitments' history records who added them."""
    plan = conference.plan
    require_change(user, plan.area)
    _lock_plan(plan)
    title = adopted_section_title(conference)
    section = plan.sections.filter(title=title).first()
    if section is None:
        section = Section.objects.create(plan=plan, title=title, order=_next_order(plan.sections.all()))
    partners = [o for o in party_roles.parties_of(plan) if o.side == Organisation.Side.OTHER]
    made = []
    for conclusion in Conclusion.objects.select_for_update().filter(
        pk__in=[c.pk for c in conclusions], conference=conference, adopted_as__isnull=True
    ):
        role = party_roles.role_of(conclusion.responsible)
        commitment = Commitment.objects.create(
            plan=plan,
            section=section,
            number=_free_number(plan, conference, conclusion),
            text=conclusion.text,
            party=role,
            partner=conclusion.responsible if role == Commitment.Party.OTHER and len(partners) > 1 else None,
            recurrence=Commitment.Recurrence.ONCE if conclusion.deadline else Commitment.Recurrence.ONGOING,
            deadline=conclusion.deadline,
            order=_next_order(section.commitments.all()),
        )
        conclusion.adopted_as = commitment
        conclusion.save(update_fields=["adopted_as"])
        made.append(commitment)
    _plan_changed(plan)
    return made


def _free_number(plan: Plan, conference: Conference, conclusion: Conclusion) -> str:
    """The commitment's number: "KL2026.1.3" (the conclusion 3 of the first half of 2026's
    conference), made unique should the plan already use it."""
    period = conference.period
    base = f"KL{period.year}.{period.half[-1]}.{conclusion.number}"
    number, extra = base, 1
    while plan.commitments.filter(number__iexact=number).exists():
        extra += 1
        number = f"{base}-{extra}"
    return number


@dataclass
class Unfinished:
    """A commitment not done by the end of the half-year, with who owes it and what the
    conference decided (None: not yet)."""

    commitment: Commitment
    parties: str
    decision: CarryOver | None


def unfinished(conference: Conference, consolidation: Consolidation | None = None) -> list[Unfinished]:
    """The commitments of the half-year that the units have not all reported done (and that apply),
    in the plan's order, by who owes them; what the conference decided for each. Added up afresh
    (the page is read a few times a half-year) unless the caller has ``consolidation``."""
    consolidation = consolidation or consolidate(conference.plan, conference.period, texts=False)
    signed = party_roles.parties(conference.plan)
    names = signed.names()
    decided = {c.commitment_id: c for c in conference.carry_overs.all()}
    rows = []
    for row in consolidation.rows:
        withdrawn_otherwise = row.commitment.withdrawn_on and row.commitment.pk not in decided
        if row.done or row.not_applicable or withdrawn_otherwise:
            continue
        commitment = row.commitment
        owed = ", ".join(names.get(key) or str(key) for key in signed.owed_by(commitment))
        rows.append(Unfinished(commitment, owed, decided.get(commitment.pk)))
    return rows


@transaction.atomic
def carry_over(*, user, conference: Conference, commitment: Commitment, decision: str, reason: str) -> CarryOver:
    """Carry a commitment left undone into the next half-year (a one-off gets the next half-year's
    end as its deadline, its history keeps the one before), or close it with a reason (it is
    withdrawn from the plan, and the reports that counted it keep it)."""
    plan = conference.plan
    require_change(user, plan.area)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk, plan=plan)
    if CarryOver.objects.filter(conference=conference, commitment=commitment).exists():
        raise ValidationError(_("The conference has already decided on this commitment."))
    record = CarryOver(
        conference=conference, commitment=commitment, decision=decision, reason=reason.strip(), decided_by=user
    )
    if decision == CarryOver.Decision.CLOSED:
        if not record.reason:
            raise ValidationError({"reason": _("Say why the commitment is closed.")})
        commitment_withdraw(user=user, commitment=commitment, reason=record.reason)
    else:
        record.previous_deadline = commitment.deadline
        following = next_period(conference.period)
        if commitment.recurrence == Commitment.Recurrence.ONCE and following:
            record.new_deadline = following.ends_on
            commitment.deadline = following.ends_on
            commitment._change_reason = _("Carried over by the review conference")
            commitment.save(update_fields=["deadline"])
    record.save()
    _plan_changed(plan)
    return record


def next_period(period: ReportingPeriod) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(plan=period.plan_id, starts_on__gt=period.ends_on).order_by("starts_on").first()
    )


def whole_plan(conference: Conference) -> list[Consolidation]:
    """For the final review (tổng kết): every half-year of the plan up to this one, consolidated,
    so that the conference reads the whole period."""
    return plan_so_far(conference.plan, conference.period)


DUE_DAYS = 7  # how long before its deadline a conclusion is said due in the plan's feed


def conclusions_due(today) -> int:
    """Say in each plan's feed which open conclusions fall due within a week (once each, by
    key, whatever the number of sweeps); how many were said."""
    from feed.services import record

    said = 0
    for conclusion in open_conclusions(deadline__range=(today, today + timedelta(days=DUE_DAYS))):
        entry = record(
            plan=conclusion.conference.plan,
            kind="conclusion_due",
            title=_("Conclusion %(number)s of the %(conference)s is due on %(day)s: %(text)s")
            % {
                "number": conclusion.number,
                "conference": str(conclusion.conference).lower(),
                "day": conclusion.deadline.strftime("%d/%m/%Y"),
                "text": conclusion.text[:120],
            },
            party=conclusion.responsible,
            link=reverse("conferences:detail", args=[conclusion.conference_id]) + "#conclusions",
            key=f"conclusion_due:{conclusion.pk}:{conclusion.deadline.isoformat()}",
        )
        said += entry is not None
    return said


def conferences_followed_by(user):
    """The conferences whose pages the user reads: those of the plans they follow (their province's
    staff), as ``views._conference`` admits them; the feed shows its links to them alone."""
    followed = programme_access.area_scope(user, field="plan__area", roles=programme_access.AREA_WIDE_ROLES)
    return Conference.objects.filter(followed, plan__in=plans_visible_to(user))


def open_conclusions(**filters):
    """Conclusions still to do, soonest deadline first (none last)."""
    return (
        Conclusion.objects.filter(status=Conclusion.Status.OPEN, **filters)
        .select_related("conference__period", "conference__plan", "responsible", "adopted_as")
        .order_by(F("deadline").asc(nulls_last=True), "conference__plan_id", "number", "pk")
    )


def open_conclusions_for(plan: Plan, organisation: Organisation) -> list[Conclusion]:
    """The open conclusions of the plan whose responsible party is the unit's: the association's
    for a commune association, a partner's for that partner's units (``party_roles``)."""
    signed = party_roles.parties(plan)
    mine = signed.party_of(organisation)
    return [c for c in open_conclusions(conference__plan=plan) if signed.party_of(c.responsible) == mine]
