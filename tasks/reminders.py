"""The reminder sweep: who must be reminded of what today, and sending each reminder once.

The sweep is data-driven: every date comes from the reporting periods and the
plans, every lead time from ``ReminderSettings``. Each reminder has a window
rather than a single day (the 14-day reminder is due from 14 days before
until the 3-day one takes over), so a sweep that did not run for a few days
catches up without sending stale reminders, and the unique key on
``Reminder`` makes a second sweep, a second beat or a retried task send
nothing twice.

Sending claims a reminder with a conditional UPDATE (pending → sending), so
two workers never send the same one; a failure of the mail server puts it
back to pending and the task retries; a claim left by a crashed worker is
released by the next sweep.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from khuyenhoc import access
from programmes.models import Area, Membership, Organisation, Plan
from programmes.selectors import closest_for_area
from reports.models import ProgressReport, ReportEvent, ReportingPeriod

from .models import Kind, Notification, Reminder, ReminderOptOut, ReminderSettings

Role = access.Role
OPEN = (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED)
STALE_CLAIM = timedelta(minutes=30)


@dataclass
class Planned:
    kind: str
    step: int
    recipient_id: int
    subject: str
    lines: list[str]
    link: str
    plan: Plan | None = None
    period: ReportingPeriod | None = None
    organisation: Organisation | None = None
    report: ProgressReport | None = None
    extra: str = ""  # what else makes this reminder distinct (a return event)

    @property
    def key(self) -> str:
        parts = [self.kind, self.step, self.recipient_id, getattr(self.plan, "pk", ""), getattr(self.period, "pk", "")]
        parts += [getattr(self.organisation, "pk", ""), self.extra]
        return ":".join(str(part) for part in parts)


@dataclass
class SweepResult:
    planned: list[Planned] = field(default_factory=list)
    created: list[Reminder] = field(default_factory=list)


def settings_for(area: Area) -> ReminderSettings:
    return closest_for_area(ReminderSettings.objects.all(), area) or ReminderSettings()


def _members(organisations, roles) -> list[Membership]:
    return list(
        Membership.objects.filter(organisation__in=organisations, role__in=roles, user__is_active=True).select_related(
            "user", "organisation"
        )
    )


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


def plan_reminders(today: date) -> list[Planned]:
    """Every reminder that is due on ``today``, whether already recorded or not."""
    planned: list[Planned] = []
    periods = (
        ReportingPeriod.objects.filter(plan__status=Plan.Status.IN_FORCE, starts_on__lte=today)
        .filter(Q(locked_after__gte=today) | Q(conference_on__gte=today))
        .select_related("plan__area")
    )
    for period in periods:
        planned += _period_reminders(period, today, settings_for(period.plan.area))
    planned += _returned_reminders(today)
    planned += _plan_ending_reminders(today)
    return planned


def _period_reminders(period: ReportingPeriod, today: date, config: ReminderSettings) -> list[Planned]:
    plan = period.plan
    planned = []
    units = list(plan.reporting_units.select_related("organisation__parent"))
    reports = {r.organisation_id: r for r in ProgressReport.objects.filter(plan=plan, period=period)}
    late = [u.organisation for u in units if reports.get(u.organisation_id) is None or reports[u.organisation_id].status in OPEN]
    days_left = (period.due_on - today).days
    parties = [p.organisation for p in plan.parties.select_related("organisation")]
    facts = [
        _("Plan: %(plan)s") % {"plan": plan},
        _("Period: %(period)s") % {"period": period},
        _("Reports due: %(date)s") % {"date": period.due_on.strftime("%d/%m/%Y")},
    ]
    if today <= period.locked_after:
        step, kind = None, None
        if days_left > 0:
            step, kind = _window(days_left, config.due_steps), Kind.DUE_SOON
        elif days_left == 0:
            step, kind = 0, Kind.DUE_TODAY
        else:
            overdue = config.overdue_steps
            reached = [s for s in overdue if -days_left >= s]
            step, kind = (-reached[-1], Kind.OVERDUE) if reached else (None, None)
        if step is not None:
            reporters: dict[int, list] = {}
            for membership in _members(late, [Role.REPORTER]):
                reporters.setdefault(membership.organisation_id, []).append(membership.user)
            for organisation in late:
                recipients = list(reporters.get(organisation.pk, []))
                if kind == Kind.OVERDUE and step == -max(config.overdue_steps) and organisation.parent_id:
                    recipients += [m.user for m in _members([organisation.parent], [Role.REVIEWER, Role.LEADER, Role.REPORTER])]
                for user in dict.fromkeys(recipients):
                    planned.append(_unit_reminder(kind, step, user, plan, period, organisation, reports.get(organisation.pk), facts))
        if -days_left >= config.digest_days and late:
            names = [f"- {o}" for o in late]
            for membership in _members(parties, [Role.REVIEWER, Role.LEADER]):
                planned.append(
                    Planned(
                        Kind.LATE_DIGEST,
                        -config.digest_days,
                        membership.user_id,
                        _("%(count)s units have not reported for %(period)s") % {"count": len(late), "period": period},
                        [*facts, _("Units still late:"), *names],
                        _url("reports:period_detail", plan.pk, period.pk),
                        plan,
                        period,
                    )
                )
    if period.conference_on and 0 <= (period.conference_on - today).days <= config.conference_days:
        received = len(units) - len(late)
        lines = [
            *facts,
            _("Review conference: %(date)s") % {"date": period.conference_on.strftime("%d/%m/%Y")},
            _("%(received)s of %(expected)s units have reported.") % {"received": received, "expected": len(units)},
        ]
        for membership in _members(parties, [Role.EDITOR, Role.REVIEWER, Role.LEADER]):
            planned.append(
                Planned(
                    Kind.CONFERENCE,
                    config.conference_days,
                    membership.user_id,
                    _("Review conference of %(period)s on %(date)s")
                    % {"period": period, "date": period.conference_on.strftime("%d/%m/%Y")},
                    lines,
                    _url("reports:period_detail", plan.pk, period.pk),
                    plan,
                    period,
                )
            )
    return planned


def _unit_reminder(kind, step, user, plan, period, organisation, report, facts) -> Planned:
    subjects = {
        Kind.DUE_SOON: _("The report for %(period)s is due in %(days)s days"),
        Kind.DUE_TODAY: _("The report for %(period)s is due today"),
        Kind.OVERDUE: _("The report for %(period)s is %(days)s days late"),
    }
    subject = subjects[kind] % {"period": period, "days": abs(step)}
    link = _url("reports:report_edit", report.pk) if report else _url("reports:my_reports")
    lines = [_("Unit: %(unit)s") % {"unit": organisation}, *facts]
    return Planned(kind, step, user.pk, subject, lines, link, plan, period, organisation, report)


def _returned_reminders(today: date) -> list[Planned]:
    planned = []
    events = ReportEvent.objects.filter(
        action=ReportEvent.Action.RETURNED,
        report__status=ProgressReport.Status.RETURNED,
        at__date__gte=today - timedelta(days=30),
    ).select_related("report__plan", "report__period", "report__organisation")
    for event in events:
        report = event.report
        for membership in _members([report.organisation], [Role.REPORTER]):
            planned.append(
                Planned(
                    Kind.RETURNED,
                    0,
                    membership.user_id,
                    _("Your report for %(period)s was returned") % {"period": report.period},
                    [
                        _("Plan: %(plan)s") % {"plan": report.plan},
                        _("What to fix: %(comment)s") % {"comment": event.comment},
                    ],
                    _url("reports:report_edit", report.pk),
                    report.plan,
                    report.period,
                    report.organisation,
                    report,
                    extra=f"event{event.pk}",
                )
            )
    return planned


def _plan_ending_reminders(today: date) -> list[Planned]:
    planned = []
    plans = Plan.objects.filter(status=Plan.Status.IN_FORCE, end_year__isnull=False, end_year__lte=today.year + 1)
    for plan in plans.select_related("area"):
        config = settings_for(plan.area)
        ends = date(plan.end_year, 12, 31)
        if not 0 <= (ends - today).days <= config.plan_ending_days:
            continue
        editors = _members([p.organisation for p in plan.parties.select_related("organisation")], [Role.EDITOR])
        for membership in editors:
            planned.append(
                Planned(
                    Kind.PLAN_ENDING,
                    config.plan_ending_days,
                    membership.user_id,
                    _("The plan %(plan)s ends on %(date)s") % {"plan": plan.number or plan.title[:80], "date": ends.strftime("%d/%m/%Y")},
                    [_("Prepare the plan for the next period with the other party."), _("Plan: %(plan)s") % {"plan": plan}],
                    _url("programmes:plan_detail", plan.pk),
                    plan,
                )
            )
    return planned


@transaction.atomic
def reminders_sweep(*, today: date | None = None, enqueue: bool = True) -> SweepResult:
    """Record every reminder due today that is not recorded yet, and queue the
    pending ones for sending once the transaction commits."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        planned = plan_reminders(today)
    keys = [p.key for p in planned]
    known = set(Reminder.objects.filter(key__in=keys).values_list("key", flat=True))
    fresh = [p for p in dict((p.key, p) for p in planned).values() if p.key not in known]
    Reminder.objects.bulk_create(
        [
            Reminder(
                key=p.key,
                kind=p.kind,
                step=p.step,
                recipient_id=p.recipient_id,
                plan=p.plan,
                period=p.period,
                organisation=p.organisation,
                report=p.report,
                subject=p.subject[:255],
                body="\n".join(p.lines),
                link=p.link,
            )
            for p in fresh
        ],
        ignore_conflicts=True,  # a concurrent sweep recorded it first: it sends it
    )
    # Release claims left by a worker that died while sending.
    Reminder.objects.filter(status=Reminder.Status.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM).update(status=Reminder.Status.PENDING)
    created = list(Reminder.objects.filter(key__in=[p.key for p in fresh]))
    if enqueue:
        pending = list(Reminder.objects.filter(status=Reminder.Status.PENDING).values_list("pk", flat=True))
        transaction.on_commit(lambda: _enqueue(pending))
    return SweepResult(planned=planned, created=created)


def _enqueue(ids: list[int]) -> None:
    from .tasks import send_reminder

    for pk in ids:
        send_reminder.delay(pk)


def reminder_send(reminder_id: int) -> str:
    """Send one reminder if nobody has; returns its status afterwards.

    Raises the mail server's error after putting the reminder back to
    pending, so that the task retries it with backoff.
    """
    claimed = Reminder.objects.filter(pk=reminder_id, status=Reminder.Status.PENDING).update(
        status=Reminder.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return Reminder.objects.filter(pk=reminder_id).values_list("status", flat=True).first() or "missing"
    reminder = Reminder.objects.select_related("recipient").get(pk=reminder_id)
    user = reminder.recipient
    if ReminderOptOut.objects.filter(user=user, kind=reminder.kind).exists():
        return _finish(reminder, Reminder.Status.SKIPPED, "turned off by the user")
    Notification.objects.get_or_create(
        reminder=reminder, defaults={"user": user, "title": reminder.subject, "body": reminder.body, "link": reminder.link}
    )
    if not user.email:
        return _finish(reminder, Reminder.Status.SKIPPED, "no e-mail address")
    try:
        _mail(reminder).send()
    except Exception as error:
        Reminder.objects.filter(pk=reminder.pk).update(status=Reminder.Status.PENDING, last_error=str(error)[:255])
        raise
    return _finish(reminder, Reminder.Status.SENT)


def _finish(reminder: Reminder, status: str, because: str = "") -> str:
    Reminder.objects.filter(pk=reminder.pk).update(
        status=status, skipped_because=because, sent_at=timezone.now() if status == Reminder.Status.SENT else None
    )
    return status


def _mail(reminder: Reminder) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": reminder.recipient.get_full_name() or reminder.recipient.get_username(),
            "subject": reminder.subject,
            "lines": reminder.body.splitlines(),
            "link": reminder.link,
            "settings_link": _url("tasks:preferences"),
        }
        text = render_to_string("emails/reminder.txt", context)
        html = render_to_string("emails/reminder.html", context)
    message = EmailMultiAlternatives(reminder.subject, text, to=[reminder.recipient.email])
    message.attach_alternative(html, "text/html")
    return message
