"""``{% date_input %}``: the dd/mm/yyyy date field (khuyenhoc/dates.py) in a form written by hand."""

from django import template

from khuyenhoc.dates import DateWidget

register = template.Library()


@register.simple_tag
def date_input(name, value=None, **attrs):
    """E.g. ``{% date_input "until" id="until-3" class="form-control form-control-sm" required=True %}``."""
    return DateWidget(attrs=attrs).render(name, value)
