from django.core.management.base import BaseCommand

from programmes.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load the demo data: the places and bodies of the seed documents and one user per role. Safe to run twice."

    def handle(self, *args, **options):
        users = demo_load(progress=lambda message: self.stdout.write(f"Loading {message}..."))
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins (password: %s):" % DEMO_PASSWORD))
        for user in users:
            self.stdout.write(f"  {user.username:<11} {user.role:<9} {user.organisation}")
