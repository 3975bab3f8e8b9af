"""The demo's inbox: a few notifications, as the reminders would have left them, never e-mailed."""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation

from programmes.models import Plan
from reports.models import ReportingPeriod
from tasks import reminders
from tasks.models import Kind, Reminder

from .reports.plan import PLAN_NUMBER, PROVINCE

# Demo reminders carry this in their key: the real sweep's own reminders stay due.
DEMO = "demo"


def demo_notifications_load(*, today: date | None = None) -> list[Reminder]:
    """Fill the demo personas' inboxes from the demo plan's state today: to each unit that
    owes a report still open for filing, how many days are left (or how late it is); to each
    unit whose report was returned, what to fix and until when; to the province, the units
    late for the latest half-year that is due. Loading twice adds nothing."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(number=PLAN_NUMBER, area__code=PROVINCE, status=Plan.Status.IN_FORCE).first()
    if plan is None:
        return []
    periods = list(ReportingPeriod.objects.filter(plan=plan, starts_on__lte=today).select_related("plan__area"))
    planned = []
    with translation.override(settings.LANGUAGE_CODE):
        for period in periods:
            if today > period.locked_after:
                continue
            days_left = (period.due_on - today).days
            kind = Kind.DUE_SOON if days_left > 0 else Kind.DUE_TODAY if days_left == 0 else Kind.OVERDUE
            state = reminders.period_state(period)
            planned += reminders.unit_reminders(state, kind, 0, today, days=days_left, extra=DEMO)
        for period in sorted((p for p in periods if p.due_on < today), key=lambda p: p.due_on, reverse=True):
            digests = reminders.late_digests(reminders.period_state(period), 0, extra=DEMO)
            if digests:  # the latest half-year due that still has late units
                planned += digests
                break
        planned += reminders.returned_reminders(today, days=None, plan=plan)
    return reminders.reminders_notify_only(planned=planned, because="demo data: in the portal only")
