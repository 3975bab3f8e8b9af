"""The language switch's names, as settings.LANGUAGES spells them."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def language_names():
    """Each language named in itself, untranslated ("Tiếng Việt", "English").

    Not Django's ``name_local``: its "Tiếng Việt" is decomposed (NFD), so it
    matches neither a search for the word nor the rest of the page."""
    return settings.LANGUAGES
