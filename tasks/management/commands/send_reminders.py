from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tasks import reminders, sending
from tasks.models import Reminder, ReminderOptOut


class Command(BaseCommand):
    help = (
        "Run one reminder sweep now, through the same code as the periodic task, and send what it records: "
        "one e-mail per person and kind. Run twice for the same day, the second run sends nothing."
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
            return self.dry_run(day or reminders.timezone.localdate())
        result = reminders.reminders_sweep(today=day, enqueue=False)
        counts, emails, people = {}, 0, set()
        for group in sending.by_person_and_kind(result.created, lambda r: r.recipient_id):
            sent = sending.reminders_send(reminder_ids=[r.pk for r in group])
            if sent.emails:
                emails, people = emails + sent.emails, people | {group[0].recipient_id}
            for reminder in group:
                status = sent.statuses[reminder.pk]
                counts[status] = counts.get(status, 0) + 1
                self.stdout.write(
                    f"{status:<8} {reminder.kind:<11} to {_person(reminder.recipient)}: {reminder.subject}"
                )
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Reminders: {summary}; {_emails(emails, len(people))}."))

    def dry_run(self, day: date) -> None:
        planned = reminders.plan_reminders(day)
        known = set(Reminder.objects.filter(key__in=[p.key for p in planned]).values_list("key", flat=True))
        fresh = [p for p in {p.key: p for p in planned}.values() if p.key not in known]
        opted_out = set(ReminderOptOut.objects.values_list("user_id", "kind"))
        emails, people = 0, set()
        for group in sending.by_person_and_kind(fresh, lambda p: p.recipient.pk):
            user, kind = group[0].recipient, group[0].kind
            with translation.override(settings.LANGUAGE_CODE):
                subject = sending.group_subject(kind, [p.subject for p in group])
            self.stdout.write(f"would send  {kind:<11} to {_person(user)}: {subject}")
            for item in group:
                if len(group) > 1:
                    self.stdout.write(f"{'':<25}* {item.subject}")
                for unit in item.units:  # what a digest lists
                    self.stdout.write(f"{'':<25}- {unit}")
            if user.email and (user.pk, kind) not in opted_out:
                emails, people = emails + 1, people | {user.pk}
        already = len({p.key for p in planned}) - len(fresh)
        self.stdout.write(
            f"{len(fresh)} reminders would be sent ({already} already sent): {_emails(emails, len(people))}."
        )


def _emails(emails: int, people: int) -> str:
    return f"{emails} e-mail{'s' if emails != 1 else ''} to {people} {'person' if people == 1 else 'people'}"


def _person(user) -> str:
    """A person as an administrator finds them: username, full name and address."""
    name = user.get_full_name()
    return (
        f"{user.get_username()}"
        + (f" ({name})" if name else "")
        + (f" <{user.email}>" if user.email else " <no e-mail>")
    )
