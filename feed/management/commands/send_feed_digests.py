from datetime import date

from django.core.management.base import BaseCommand

from feed.digest import digests_send


class Command(BaseCommand):
    help = (
        "Send the weekly e-mail of the feeds (the week before the given day) to everyone who asked for it and has "
        "not had it. Run it on Mondays from cron where Celery beat does not run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today, Asia/Ho_Chi_Minh)")

    def handle(self, *args, today=None, **options):
        run = digests_send(today=today)
        self.stdout.write(
            f"Week of {run.week:%d/%m/%Y}: {run.emails} e-mail(s) sent, {run.empty} without entries, "
            f"{run.failed} refused."
        )
