"""The demo publishes Phú Thọ's figures: its public page is open without an account."""

from programmes.models import Area
from public.models import Publication

from .reports.plan import PROVINCE


def demo_public_load() -> Publication:
    publication, _created = Publication.objects.get_or_create(
        area=Area.objects.get(code=PROVINCE), defaults={"published": True}
    )
    return publication
