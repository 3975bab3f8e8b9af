"""Who reads a plan's feed and who posts in it: the one place that decides.

A feed is read by the members (any role) of the plan's parties and of the units that report on
it (``ReportingUnit``): a unit reads the feeds of the plans it reports on, and no other. Superusers
read every feed. Nobody else, whatever their area: a feed URL answers them 404.

A member with the role editor, reviewer or administrator of one of the plan's parties posts in
it, as that party.
"""

from django.db.models import Q, QuerySet

from programmes import access
from programmes.models import Membership, Organisation, Plan, PlanParty
from reports.models import ReportingUnit

Role = access.Role
POST_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})


def _organisation_ids(user, roles=None) -> list[int]:
    return [m.organisation_id for m in access.memberships_of(user) if roles is None or m.role in roles]


def feeds_readable_by(user) -> QuerySet[Plan]:
    """The plans whose feed ``user`` reads: where they are a member of a party or of a unit that
    reports on the plan; every plan for a superuser, none for anyone signed out."""
    if access.is_unrestricted(user):
        return Plan.objects.all()
    mine = _organisation_ids(user)
    if not mine:
        return Plan.objects.none()
    parties = PlanParty.objects.filter(organisation_id__in=mine).values("plan_id")
    units = ReportingUnit.objects.filter(organisation_id__in=mine).values("plan_id")
    return Plan.objects.filter(Q(pk__in=parties) | Q(pk__in=units))


def readers_of(plan: Plan, *, parties_only: bool = False) -> QuerySet:
    """The ids of the active users who read ``plan``'s feed through a membership, as
    ``feeds_readable_by`` decides it, in one query: the members of its parties and, unless
    ``parties_only``, of the units that report on it. Superusers read every feed but are not
    counted here: they are nobody's reader by membership."""
    organisations = Q(organisation_id__in=PlanParty.objects.filter(plan=plan).values("organisation_id"))
    if not parties_only:
        organisations |= Q(organisation_id__in=ReportingUnit.objects.filter(plan=plan).values("organisation_id"))
    return (
        Membership.objects.filter(organisations, organisation__is_active=True, user__is_active=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def posting_parties(user, plan: Plan) -> list[Organisation]:
    """The parties of ``plan`` that ``user`` may post for (editor, reviewer or administrator of
    it), in the plan's order; empty for everyone else, a superuser included."""
    mine = set(_organisation_ids(user, POST_ROLES))
    if not mine:
        return []
    parties = plan.parties.filter(organisation_id__in=mine, organisation__is_active=True)
    return [party.organisation for party in parties.select_related("organisation")]
