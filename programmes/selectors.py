"""Reads of areas and organisations that depend on who asks."""
from django.db.models import Count, QuerySet

from khuyenhoc import access

from .models import Organisation


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return access.organisations_visible_to(user).select_related("area", "parent")


def organisation_list(user, *, side: str = "", level: str = "", query: str = "") -> QuerySet[Organisation]:
    """Organisations the user may see, filtered for the directory page."""
    organisations = organisations_visible_to(user)
    if side:
        organisations = organisations.filter(side=side)
    if level:
        organisations = organisations.filter(area__level=level)
    if query:
        organisations = organisations.filter(name__icontains=query)
    return organisations.annotate(member_count=Count("memberships", distinct=True)).order_by(
        "area__is_historical", "area__path", "side", "name"
    )


def reporting_organisations_of(user) -> list[Organisation]:
    """The organisations for which the user files reports."""
    return [m.organisation for m in access.memberships_of(user) if m.role == access.Role.REPORTER]
