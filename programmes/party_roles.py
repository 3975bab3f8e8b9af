"""Which of a plan's parties carries a commitment, and which units report on it.

A commitment names its party by role: the education side's (``department``: an education office,
or since the 2025 reform a commune's people's committee), the association's (``association``), a
partner's (``other``: the Youth Union, the Labour Federation, the veteran teachers of a
three-party programme...), or all of them (``joint``). The plan's parties say who fills each role:
the parties on that side, named on the page, in the scores and in the files. A unit reports on
its side's commitments and on the joint ones.

A commitment is joint among the sides of the plan's parties (``joint_sides``): a Youth Union
programme's joint work is the association's and the Youth Union's, a three-party programme's all
three sides'. No existing plan's figure moves: every plan before had the two classic sides.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects

from .models import Commitment, Organisation, PlanParty

Role = Commitment.Party
Side = Organisation.Side
SIDE_ROLE = {Side.EDUCATION: Role.DEPARTMENT, Side.ASSOCIATION: Role.ASSOCIATION, Side.OTHER: Role.OTHER}
ROLE_SIDE = {role: side for side, role in SIDE_ROLE.items()}
CLASSIC = (Side.EDUCATION, Side.ASSOCIATION)  # the two sides of a plan before partners signed


def parties_of(plan) -> list[Organisation]:
    """The organisations that signed ``plan``, in the order they signed; not read again where the
    page prefetched them (``with_parties``)."""
    prefetched = "parties" in getattr(plan, "_prefetched_objects_cache", {})
    parties = plan.parties.all() if prefetched else PlanParty.objects.filter(plan=plan).select_related("organisation")
    return [party.organisation for party in parties]


def with_parties(plan):
    """``plan`` with its parties and their organisations read once, for a page that names them
    per commitment."""
    prefetch_related_objects([plan], Prefetch("parties", queryset=PlanParty.objects.select_related("organisation")))
    return plan


def role_names(plan) -> dict[str, str]:
    """Who fills each role of ``plan``, as the page names a commitment's party or lead."""
    names = side_names(parties_of(plan))
    return {role: names[side] for role, side in ROLE_SIDE.items() if side in names}


def role_of(organisation: Organisation) -> str:
    """The role whose commitments ``organisation`` carries and reports on."""
    return SIDE_ROLE.get(organisation.side, Role.OTHER)


def side_names(parties: Iterable[Organisation]) -> dict[str, str]:
    """The names of the parties on each side, in signing order: {"education": "UBND phường Tân An"}."""
    names = defaultdict(list)
    for organisation in parties:
        names[organisation.side].append(organisation.name)
    return {side: ", ".join(found) for side, found in names.items()}


def joint_sides(parties: Iterable[Organisation]) -> list[str]:
    """The sides a joint commitment of a plan signed by ``parties`` applies to: the sides that
    signed. A plan no partner signed owes it on the education side and the association's, whether
    or not both were recorded, as before parties had kinds."""
    signed = {organisation.side for organisation in parties}
    if Side.OTHER not in signed:
        signed |= set(CLASSIC)
    return [side for side in Side.values if side in signed]
