"""The reminder sweep: who must be reminded of what today, and sending each reminder once.

The sweep is data-driven: every date comes from the reporting periods and the
plans, every lead time from ``ReminderSettings``. Each reminder has a window
rather than a single day (the 14-day reminder is due from 14 days before
until the 3-day one takes over), so a sweep that did not run for a few days
catches up without sending stale reminders, and the unique key on
``Reminder`` makes a second sweep, a second beat or a retried task send
nothing twice.

One reminder per person, kind and period: a reporter is reminded about their
own unit; staff (the province's digest of late units, the copy of the last
overdue step to the parent association) get one reminder that lists every
unit concerned, never one per unit. The key of such a digest names no unit,
so it goes once per step: it lists the units late when the sweep recorded
it, and a unit that turns late later in the same step adds no second digest
(the period page it links to is always current; the next step's digest
lists it).

Every link opens for its recipient: a reporter's leads to the report's edit
page while the unit may still file, else to the report or to "My reports";
staff's lead to the period page when they follow the plan, else to the one
report concerned, else to their notifications. Never to a page that would
answer 403.

Staff hear about other units' lateness through one kind, ``LATE_DIGEST``:
the copy of the last overdue step to the parent association and the
province's digest. The sweep queues the pending reminders grouped by
recipient and kind, and each group goes as one e-mail (``sending``), so a
reviewer gets one digest per sweep listing every plan's late units (and both
steps, when a sweep catches up), while each reminder keeps its own row and
notification.

Every step reads in a number of queries that does not grow with the units
(``sweep_reads``): at national scale the busiest day records thousands of
reminders.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError

from conferences.services import conclusions_due
from programmes import access
from programmes.models import Area, Organisation, Plan, PlanParty, User
from programmes.selectors import can_follow_plan, plans_visible_to
from reports.models import ProgressReport, ReportEvent, ReportingPeriod
from reports.rules import filing_deadline

from .models import Kind, Notification, Reminder, ReminderSettings
from .sending import by_person_and_kind, reminder_send  # noqa: F401 (reminder_send: the API callers know)
from .sweep_reads import OPEN, People, PeriodState, SettingsBook, period_states  # noqa: F401 (OPEN, PeriodState: the API)

logger = logging.getLogger(__name__)

Role = access.Role
STALE_CLAIM = timedelta(minutes=30)
LIST_HORIZON = 90  # days: no province reminds of a list further ahead than this
STAFF_ROLES = [Role.REVIEWER, Role.LEADER]
GROUPS_PER_TASK = 50  # e-mails per sending task: one SMTP connection and a few queries for them all


@dataclass
class Planned:
    kind: str
    step: int
    recipient: User
    subject: str
    lines: list[str]
    link: str
    plan: Plan | None = None
    period: ReportingPeriod | None = None
    organisation: Organisation | None = None
    report: ProgressReport | None = None
    extra: str = ""  # what else makes this reminder distinct (a return event)
    units: list[Organisation] = field(default_factory=list)  # the units a digest lists
    key_kind: str = ""  # the kind its key names, when not its own (see _escalations)

    @property
    def key(self) -> str:
        parts = [
            self.key_kind or self.kind,
            self.step,
            self.recipient.pk,
            getattr(self.plan, "pk", ""),
            getattr(self.period, "pk", ""),
        ]
        parts += [getattr(self.organisation, "pk", ""), self.extra]
        return ":".join(str(part) for part in parts)


@dataclass
class SweepResult:
    planned: list[Planned] = field(default_factory=list)
    created: list[Reminder] = field(default_factory=list)


def _facts(state: PeriodState) -> list[str]:
    period = state.period
    return [
        _("Plan: %(plan)s") % {"plan": period.plan},
        _("Period: %(period)s") % {"period": period},
        _("Reports due: %(date)s") % {"date": _day(period.due_on)},
    ]


def settings_for(area: Area) -> ReminderSettings:
    return SettingsBook()(area)


def _ids(organisations) -> list[int]:
    return [o.pk for o in organisations]


def _window(days: int, steps: list[int], lower: int = 0) -> int | None:
    """The step (from descending ``steps``) whose window holds ``days``: step s covers
    (next smaller step, s]; the smallest covers (lower, s]."""
    for index, step in enumerate(steps):
        floor = steps[index + 1] if index + 1 < len(steps) else lower
        if floor < days <= step:
            return step
    return None


def _url(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _plan_label(plan: Plan) -> str:
    return plan.number or plan.title[:60]


def _can_file_on(report: ProgressReport, day: date) -> bool:
    return report.is_editable_status and report.period.starts_on <= day <= filing_deadline(report)


def _reporter_link(report: ProgressReport | None, day: date) -> str:
    """The edit page while the unit may still file, else the report, else "My reports"."""
    if report is None:
        return _url("reports:my_reports")
    if _can_file_on(report, day):
        return _url("reports:report_edit", report.pk)
    return _url("reports:report_detail", report.pk)


def _staff_link(user: User, state: PeriodState, units: list[Organisation]) -> str:
    """The period page for staff who follow the plan; else the one report concerned, if they
    see it; else their notifications, which hold the list. Decided without a query once the
    recipients' scopes are loaded (``People.prefetch_scopes``)."""
    period = state.period
    if can_follow_plan(user, period.plan):
        return _url("reports:period_detail", period.plan_id, period.pk)
    concerned = [o for o in units if o.pk in state.reports]
    if len(units) == 1 and concerned and access.covers_organisation(user, concerned[0]):
        return _url("reports:report_detail", state.reports[concerned[0].pk].pk)
    return _url("tasks:notifications")


def period_state(period: ReportingPeriod) -> PeriodState:
    return period_states([period])[0]


def plan_reminders(today: date) -> list[Planned]:
    """Every reminder that is due on ``today``, whether already recorded or not. Each step reads
    what it needs for every period at once: the queries do not grow with the units."""
    planned: list[Planned] = []
    periods = (
        ReportingPeriod.objects.filter(plan__status=Plan.Status.IN_FORCE, starts_on__lte=today)
        .filter(Q(locked_after__gte=today) | Q(conference_on__gte=today))
        .select_related("plan__area__successor")
    )
    states = period_states(periods)
    people, settings_of = People(), SettingsBook()
    # Everyone the periods may remind: the late units' reporters, their parents' staff, the parties.
    people.load(
        pk
        for state in states
        for pk in [*_ids(state.late), *(o.parent_id for o in state.late if o.parent_id), *_ids(state.parties)]
    )
    people.prefetch_scopes([Role.EDITOR, *STAFF_ROLES])
    for state in states:
        planned += _period_reminders(state, today, settings_of(state.period.plan.area), people)
    planned += returned_reminders(today, people=people)
    planned += _plan_ending_reminders(today, people, settings_of)
    planned += _list_reminders(today, people, settings_of)
    return planned


def _period_reminders(state: PeriodState, today: date, config: ReminderSettings, people: People) -> list[Planned]:
    planned = []
    period = state.period
    days_left = (period.due_on - today).days
    if today <= period.locked_after:
        step, kind = None, None
        if days_left > 0:
            step, kind = _window(days_left, config.due_steps), Kind.DUE_SOON
        elif days_left == 0:
            step, kind = 0, Kind.DUE_TODAY
        else:
            reached = [s for s in config.overdue_steps if -days_left >= s]
            step, kind = (-reached[-1], Kind.OVERDUE) if reached else (None, None)
        if step is not None:
            planned += unit_reminders(state, kind, step, today, people=people)
            if kind == Kind.OVERDUE and step == -max(config.overdue_steps):
                planned += _escalations(state, step, people)
        if -days_left >= config.digest_days:
            planned += late_digests(state, -config.digest_days, people=people)
    if period.conference_on and 0 <= (period.conference_on - today).days <= config.conference_days:
        planned += _conference_reminders(state, config.conference_days, people)
    return planned


def late_digests(state: PeriodState, step: int, *, extra: str = "", people: People | None = None) -> list[Planned]:
    """One digest of the late units to each reviewer and leader of the plan's parties."""
    if not state.late:
        return []
    plan = state.period.plan
    subject = ngettext(
        "%(count)s unit has not reported for %(period)s (%(plan)s)",
        "%(count)s units have not reported for %(period)s (%(plan)s)",
        len(state.late),
    ) % {"count": len(state.late), "period": state.period, "plan": _plan_label(plan)}
    people = people or People()
    return [
        _digest(Kind.LATE_DIGEST, step, user, state, state.late, subject, extra)
        for user in people.people(_ids(state.parties), STAFF_ROLES)
    ]


def _digest(
    kind: str,
    step: int,
    user: User,
    state: PeriodState,
    units: list[Organisation],
    subject: str,
    extra: str = "",
    key_kind: str = "",
) -> Planned:
    period = state.period
    lines = [*_facts(state), _("Units still late:"), *[_unit_line(o, state.reports.get(o.pk)) for o in units]]
    link = _staff_link(user, state, units)
    return Planned(
        kind, step, user, subject, lines, link, period.plan, period, extra=extra, units=list(units), key_kind=key_kind
    )


def _unit_line(organisation: Organisation, report: ProgressReport | None) -> str:
    state = report.get_status_display() if report else _("not started")
    return f"- {organisation} ({state})"


def _escalations(state: PeriodState, step: int, people: People) -> list[Planned]:
    """The last overdue step, copied to the reviewers and leaders of each late unit's parent
    association: one digest per person, naming their late units. A late-units digest, so that
    it goes in the same e-mail as the province's digest and any other plan's copy; its key still
    says "overdue", as when copies were overdue reminders, so a copy recorded then is not sent again."""
    by_parent: dict[int, list[Organisation]] = {}
    for organisation in state.late:
        if organisation.parent_id:
            by_parent.setdefault(organisation.parent_id, []).append(organisation)
    units_of: dict[int, tuple[User, list[Organisation]]] = {}
    for membership in people.members(list(by_parent), STAFF_ROLES):
        user, units = units_of.setdefault(membership.user_id, (membership.user, []))
        units += [o for o in by_parent[membership.organisation_id] if o not in units]
    planned = []
    for user, units in units_of.values():
        subject = ngettext(
            "%(count)s unit has not sent its report for %(period)s, %(days)s days late (%(plan)s)",
            "%(count)s units have not sent their report for %(period)s, %(days)s days late (%(plan)s)",
            len(units),
        ) % {"count": len(units), "period": state.period, "days": -step, "plan": _plan_label(state.period.plan)}
        planned.append(_digest(Kind.LATE_DIGEST, step, user, state, units, subject, key_kind=Kind.OVERDUE))
    return planned


def _conference_reminders(state: PeriodState, step: int, people: People) -> list[Planned]:
    period = state.period
    received = len(state.units) - len(state.late)
    lines = [
        *_facts(state),
        _("Review conference: %(date)s") % {"date": _day(period.conference_on)},
        _("%(received)s of %(expected)s units have reported.") % {"received": received, "expected": len(state.units)},
    ]
    subject = _("Review conference of %(period)s on %(date)s") % {"period": period, "date": _day(period.conference_on)}
    return [
        Planned(Kind.CONFERENCE, step, user, subject, lines, _staff_link(user, state, []), period.plan, period)
        for user in people.people(_ids(state.parties), [Role.EDITOR, *STAFF_ROLES])
    ]


def unit_reminders(
    state: PeriodState,
    kind: str,
    step: int,
    today: date,
    *,
    days: int | None = None,
    extra: str = "",
    people: People | None = None,
) -> list[Planned]:
    """One reminder to each reporter of each unit that has not submitted. ``days`` (default: the
    step's) is what the subject counts."""
    period = state.period
    # The plan in every subject: a unit may report on two plans in the same half-year.
    subjects = {
        Kind.DUE_SOON: _("The report for %(period)s is due in %(days)s days (%(plan)s)"),
        Kind.DUE_TODAY: _("The report for %(period)s is due today (%(plan)s)"),
        Kind.OVERDUE: _("The report for %(period)s is %(days)s days late (%(plan)s)"),
    }
    days = abs(step if days is None else days)
    subject = subjects[kind] % {"period": period, "days": days, "plan": _plan_label(period.plan)}
    planned = []
    facts = _facts(state)
    for membership in (people or People()).members(_ids(state.late), [Role.REPORTER]):
        organisation = membership.organisation
        report = state.reports.get(organisation.pk)
        lines = [_("Unit: %(unit)s") % {"unit": organisation}, *facts]
        link = _reporter_link(report, today)
        planned.append(
            Planned(kind, step, membership.user, subject, lines, link, period.plan, period, organisation, report, extra)
        )
    return planned


def returned_reminders(
    today: date, *, days: int | None = 30, plan: Plan | None = None, people: People | None = None
) -> list[Planned]:
    """Tell a unit's reporters that its report was returned (returns of the last ``days``;
    ``None``: every report still returned), with the date until which they may fix it."""
    planned = []
    # Only the return in force: an earlier one was fixed, sent again and superseded.
    latest = ReportEvent.objects.filter(report=OuterRef("report"), action=ReportEvent.Action.RETURNED).order_by(
        "-at", "-pk"
    )
    events = ReportEvent.objects.filter(
        action=ReportEvent.Action.RETURNED,
        report__status=ProgressReport.Status.RETURNED,
        pk=Subquery(latest.values("pk")[:1]),
    ).select_related("report__plan", "report__period", "report__organisation")
    if days is not None:
        events = events.filter(at__date__gte=today - timedelta(days=days))
    if plan is not None:
        events = events.filter(report__plan=plan)
    events = list(events)
    people = people or People()
    people.load(event.report.organisation_id for event in events)
    for event in events:
        report = event.report
        subject = _("Your report for %(period)s was returned (%(plan)s)") % {
            "period": report.period,
            "plan": _plan_label(report.plan),
        }
        deadline = _day(filing_deadline(report))
        if _can_file_on(report, today):
            until = _("You can correct it and send it again until %(date)s.") % {"date": deadline}
        else:
            until = _("Filing closed on %(date)s: ask the province to reopen your report.") % {"date": deadline}
        lines = [
            _("Plan: %(plan)s") % {"plan": report.plan},
            _("What to fix: %(comment)s") % {"comment": event.comment},
            until,
        ]
        for user in people.people([report.organisation_id], [Role.REPORTER]):
            planned.append(
                Planned(
                    Kind.RETURNED,
                    0,
                    user,
                    subject,
                    lines,
                    _reporter_link(report, today),
                    report.plan,
                    report.period,
                    report.organisation,
                    report,
                    extra=f"event{event.pk}",
                )
            )
    return planned


def _plan_ending_reminders(today: date, people: People, settings_of: SettingsBook) -> list[Planned]:
    planned = []
    plans = Plan.objects.filter(status=Plan.Status.IN_FORCE, end_year__isnull=False, end_year__lte=today.year + 1)
    ending = []
    for plan in plans.select_related("area__successor"):
        config = settings_of(plan.area)
        ends = date(plan.end_year, 12, 31)
        if 0 <= (ends - today).days <= config.plan_ending_days:
            ending.append((plan, config, ends))
    parties: dict[int, list[int]] = {}
    names: dict[int, list[str]] = {}
    signed = PlanParty.objects.filter(plan__in=[plan for plan, _config, _ends in ending]).select_related("organisation")
    for party in signed.order_by("plan", "order", "pk"):
        parties.setdefault(party.plan_id, []).append(party.organisation_id)
        names.setdefault(party.plan_id, []).append(party.organisation.name)
    for plan, config, ends in ending:
        # One visibility query per editor of an ending plan: a few plans a year, not per unit.
        for user in people.people(parties.get(plan.pk, []), [Role.EDITOR]):
            visible = plans_visible_to(user).filter(pk=plan.pk).exists()
            planned.append(
                Planned(
                    Kind.PLAN_ENDING,
                    config.plan_ending_days,
                    user,
                    _("The plan %(plan)s ends on %(date)s")
                    % {"plan": plan.number or plan.title[:80], "date": _day(ends)},
                    [
                        _("Prepare the plan for the next period together with its parties: %(parties)s.")
                        % {"parties": ", ".join(names.get(plan.pk, [])) or "—"},
                        _("Plan: %(plan)s") % {"plan": plan},
                    ],
                    _url("programmes:plan_detail", plan.pk) if visible else _url("tasks:notifications"),
                    plan,
                )
            )
    return planned


def _list_reminders(today: date, people: People, settings_of: SettingsBook) -> list[Planned]:
    """A pupil list not sent yet, due within the province's first lead time: once, to the people
    of the party that owes it who may send it."""
    from awards.access import DRAW_ROLES
    from awards.models import PupilList

    lists = PupilList.objects.filter(
        status__in=[PupilList.Status.DRAFT, PupilList.Status.RETURNED],
        due_on__gte=today,
        due_on__lte=today + timedelta(days=LIST_HORIZON),
    ).select_related("plan__area__successor", "drawn_by", "received_by")
    planned = []
    for pupil_list in lists:
        step = max(settings_of(pupil_list.plan.area).due_steps, default=None)
        if step is None or (pupil_list.due_on - today).days > step:
            continue
        for user in people.people([pupil_list.drawn_by_id], DRAW_ROLES):
            planned.append(
                Planned(
                    Kind.LIST_DUE,
                    step,
                    user,
                    _("The list “%(list)s” is due on %(date)s")
                    % {"list": pupil_list.title[:80], "date": _day(pupil_list.due_on)},
                    [
                        _("Send it to %(party)s, with each pupil's consent recorded.")
                        % {"party": pupil_list.received_by},
                        _("School year: %(year)s") % {"year": pupil_list.school_year_label},
                    ],
                    _url("awards:list_detail", pupil_list.pk),
                    pupil_list.plan,
                    organisation=pupil_list.drawn_by,
                    extra=f"list-{pupil_list.pk}",
                )
            )
    return planned


def _record(planned: list[Planned]) -> list[Reminder]:
    """Record the planned reminders that are not recorded yet; return the new ones."""
    fresh = {p.key: p for p in planned}
    known = set(Reminder.objects.filter(key__in=list(fresh)).values_list("key", flat=True))
    fresh = {key: p for key, p in fresh.items() if key not in known}
    Reminder.objects.bulk_create(
        [
            Reminder(
                key=p.key,
                kind=p.kind,
                step=p.step,
                recipient=p.recipient,
                plan=p.plan,
                period=p.period,
                organisation=p.organisation,
                report=p.report,
                subject=" ".join(p.subject.split())[:255],  # a line break in a plan's title is no header
                body="\n".join(p.lines),
                link=p.link,
            )
            for p in fresh.values()
        ],
        batch_size=1000,
        ignore_conflicts=True,  # a concurrent sweep recorded it first: it sends it
    )
    return list(Reminder.objects.filter(key__in=list(fresh)))


@transaction.atomic
def reminders_sweep(*, today: date | None = None, enqueue: bool = True) -> SweepResult:
    """Record every reminder due today that is not recorded yet, and queue the
    pending ones for sending once the transaction commits."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        planned = plan_reminders(today)
        conclusions_due(today)  # into the plans' feeds, which notify their readers
    created = _record(planned)
    # Release claims left by a worker that died while sending.
    Reminder.objects.filter(status=Reminder.Status.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM).update(
        status=Reminder.Status.PENDING
    )
    if enqueue:
        pending = Reminder.objects.filter(status=Reminder.Status.PENDING).order_by("pk")
        groups = by_person_and_kind(pending.only("pk", "recipient_id", "kind"), lambda r: r.recipient_id)
        # Many e-mails per task, each group whole: one person's reminders of one kind are one e-mail.
        ids = [
            [r.pk for group in groups[i : i + GROUPS_PER_TASK] for r in group]
            for i in range(0, len(groups), GROUPS_PER_TASK)
        ]
        transaction.on_commit(lambda: _enqueue(ids))
    return SweepResult(planned=planned, created=created)


@transaction.atomic
def reminders_notify_only(*, planned: list[Planned], because: str) -> list[Reminder]:
    """Record reminders like the sweep and put them in the recipients' inboxes, without
    e-mail (the demo's inbox). A later sweep never sends them."""
    created = _record(planned)
    Notification.objects.bulk_create(
        [Notification(user_id=r.recipient_id, reminder=r, title=r.subject, body=r.body, link=r.link) for r in created]
    )
    Reminder.objects.filter(pk__in=[r.pk for r in created]).update(
        status=Reminder.Status.SKIPPED, skipped_because=because
    )
    return created


def _enqueue(batches: list[list[int]]) -> None:
    """Queue the sends, one task per batch of whole (person, kind) groups. With the broker down the
    reminders simply stay pending: the next sweep queues every pending reminder again, so nothing is lost."""
    from .tasks import send_reminders_batch

    for ids in batches:
        try:
            send_reminders_batch.delay(ids)
        except OperationalError as error:
            logger.warning("Broker unavailable, reminders left pending for the next sweep: %s", type(error).__name__)
            return
