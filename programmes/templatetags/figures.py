"""``{{ value|figure:indicator.unit }}`` and ``{{ progress|share }}``: figures written by the one
rule of ``programmes.figures``, with the reader's separators (32.000; 98,5 in Vietnamese)."""

from django import template
from django.utils.formats import number_format

from .. import figures

register = template.Library()


def _written(number) -> str:
    return "" if number is None else number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def figure(value, unit) -> str:
    return _written(figures.figure(value, unit))


@register.filter
def share(value) -> str:
    return _written(figures.share(value))
