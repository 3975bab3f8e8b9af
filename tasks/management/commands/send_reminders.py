from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tasks import reminders
from tasks.models import Reminder


class Command(BaseCommand):
    help = (
        "Run one reminder sweep now, through the same code as the periodic task, and send what it records. "
        "Run twice for the same day, the second run sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to sweep for, YYYY-MM-DD (default: today in Vietnam)")
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent, record nothing")

    def handle(self, *args, today, dry_run, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}.") from error
        if dry_run:
            planned = reminders.plan_reminders(day or reminders.timezone.localdate())
            known = set(Reminder.objects.filter(key__in=[p.key for p in planned]).values_list("key", flat=True))
            fresh = [p for p in {p.key: p for p in planned}.values() if p.key not in known]
            for item in fresh:
                self.stdout.write(f"would send  {item.kind:<11} to {_person(item.recipient)}: {item.subject}")
                for unit in item.units:  # what a digest lists
                    self.stdout.write(f"{'':<25}- {unit}")
            already = len({p.key for p in planned}) - len(fresh)
            self.stdout.write(f"{len(fresh)} reminders would be sent ({already} already sent).")
            return
        result = reminders.reminders_sweep(today=day, enqueue=False)
        counts = {}
        for reminder in result.created:
            status = reminders.reminder_send(reminder.pk)
            counts[status] = counts.get(status, 0) + 1
            self.stdout.write(f"{status:<8} {reminder.kind:<11} to {_person(reminder.recipient)}: {reminder.subject}")
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Reminders: {summary}."))


def _person(user) -> str:
    """A person as an administrator finds them: username, full name and address."""
    name = user.get_full_name()
    return f"{user.get_username()}" + (f" ({name})" if name else "") + (f" <{user.email}>" if user.email else " <no e-mail>")
