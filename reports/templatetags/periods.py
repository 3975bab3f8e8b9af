"""``{% half_year year half %}``: "6 tháng đầu năm 2026" where a template has only the codes."""

from django import template

from reports.models import half_year_label

register = template.Library()


@register.simple_tag
def half_year(year, half):
    return half_year_label(year, half)
