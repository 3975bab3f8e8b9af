"""A commitment's party named as the plan's parties signed, not by its role alone."""

from django import template

from programmes import party_roles

register = template.Library()


@register.simple_tag
def party_name(plan, commitment) -> str:
    """The party carrying ``commitment``: "Ủy ban nhân dân phường Tân An" rather than "Ngành Giáo
    dục"; a joint commitment, or a role no party of the plan fills, by its role."""
    return party_roles.parties(plan).name_of(commitment) or commitment.get_party_display()


@register.simple_tag
def lead_name(plan, commitment) -> str:
    """The lead of a joint commitment, named as its party signed."""
    return party_roles.parties(plan).lead_of(commitment) or commitment.get_lead_display()
