from django.core.management.base import BaseCommand

from programmes.services.areas import areas_load_current


class Command(BaseCommand):
    help = "Load the provinces and communes after the July 2025 reform from the vietnam-provinces package."

    def handle(self, *args, **options):
        result = areas_load_current(progress=lambda message: self.stdout.write(f"Loading {message}..."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Areas: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
            )
        )
