"""What the plan pages show of the review conferences: the figures a plan that follows another
last reached, beside its indicators' old targets."""

from django import template

from conferences.successor import last_values as _last_values

register = template.Library()


@register.simple_tag
def last_values(plan) -> dict:
    """{indicator id: (figure reached, old target, half-year)} for a plan that follows another."""
    return _last_values(plan) if plan.predecessor_id else {}


@register.filter
def of(mapping: dict, key):
    return mapping.get(key) if mapping else None
