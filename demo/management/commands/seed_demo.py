import time

from django.core.management.base import BaseCommand

from demo.core import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo data: the places and bodies of the seed documents and one user per role. Safe to run twice. "
        "With --scale national, then generate a national data set for benchmarks (every province and commune, "
        "years of semi-annual reports; a few minutes on PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "national"],
            default="demo",
            help="demo (default): the demo data only; national: the demo, then the national benchmark data set.",
        )
        parser.add_argument("--years", type=int, default=10, help="National scale: years of reports (default 10).")
        parser.add_argument("--seed", type=int, default=1, help="National scale: random seed (default 1).")
        parser.add_argument(
            "--provinces", type=int, default=None, help="National scale: only the first N provinces (for a quick try)."
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        users = demo_load(progress=lambda message: self.stdout.write(f"Loading {message}..."))
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins (password: %s):" % DEMO_PASSWORD))
        for user in users:
            self.stdout.write(f"  {user.username:<11} {user.role:<9} {user.organisation}")
        if options["scale"] != "national":
            return

        from demo.national import national_load

        self.stdout.write(f"Loading the national data set ({options['years']} years)...")
        national_started = time.monotonic()
        counts = national_load(
            years=options["years"],
            seed=options["seed"],
            provinces=options["provinces"],
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        self.stdout.write(self.style.SUCCESS("National data set loaded. Rows created:"))
        for name, count in counts.items():
            self.stdout.write(f"  {name:<20} {count:>12,}")
        self.stdout.write(f"  {'total':<20} {sum(counts.values()):>12,}")
        elapsed = time.monotonic()
        self.stdout.write(
            f"Elapsed: {elapsed - started:.1f} s in all, {elapsed - national_started:.1f} s for the national data set."
        )
