"""Which of a plan's parties carries a commitment, which units report on it, and who is scored.

A commitment names its party by role: the education side's (``department``: an education office,
or since the 2025 reform a commune's people's committee), the association's (``association``), a
partner's (``other``: the Youth Union, the Labour Federation, the veteran teachers of a
three-party programme...), or all of them (``joint``). Where several partners signed, a partner's
commitment may name which one (``Commitment.partner``). The plan's parties say who fills each role,
and name it on the pages, in the scores and in the files.

Who is scored (a "party key"): the education side, the association, and each partner by its kind
(the Youth Union's units for the Youth Union). A unit counts for the key of its side, or for a
partner for its kind; a unit of a kind no partner of the plan has counts for the partners' side
("other"), as before partners had kinds.

A commitment is owed (``owed_by``) by its side; a partner's by the partner it names, else by every
partner that signed; a joint one by its lead and the parties ticked as supporting it
(``Commitment.supporters``), and with none ticked by every side that signed (a Youth Union
programme's by the association and the Youth Union, a three-party programme's by all three), and
by the education side and the association in a plan no partner signed, whether or not both were
recorded, as before parties had kinds. So no existing plan's figure moves: every plan before had
the two classic sides, no partner and no supporter ticked.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects

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


def role_of(organisation: Organisation) -> str:
    """The role whose commitments ``organisation`` carries and reports on."""
    return SIDE_ROLE.get(organisation.side, Role.OTHER)


def supporters_among(commitment: Commitment, organisations) -> list[Organisation]:
    """The ones of ``organisations`` that may support ``commitment``: the plan's parties, for a
    joint commitment; none for any other."""
    if commitment.party != Role.JOINT:
        return []
    signed = {o.pk for o in parties_of(commitment.plan)}
    return [o for o in organisations if o.pk in signed]


def reported_by(organisation: Organisation) -> Q:
    """The commitments a unit reports on, whatever its level: its role's (for a partner's unit,
    those of no named partner and those of a partner of its kind) and the joint ones it takes part
    in: all of them where none names its supporters, else those its side (a partner's unit: its
    partner) leads or supports."""
    role = role_of(organisation)
    if role != Role.OTHER:
        mine, leads = Q(party=role), Q(lead=role)
        supporter = Q(organisation__side=organisation.side)
    else:
        partner = Q(partner__isnull=True) | Q(partner__kind=organisation.kind)
        mine, leads = Q(party=Role.OTHER) & partner, Q(lead=Role.OTHER) & partner
        supporter = Q(organisation__side=Side.OTHER, organisation__kind=organisation.kind)
    supporters = Commitment.supporters.through.objects.filter(commitment=OuterRef("pk"))
    taking_part = ~Exists(supporters) | leads | Exists(supporters.filter(supporter))
    return mine | (Q(party=Role.JOINT) & taking_part)


@dataclass
class Parties:
    """A plan's parties as the scores and the names read them."""

    signed: list[Organisation] = field(default_factory=list)

    @property
    def partner_kinds(self) -> list[str]:
        """The kinds of the partners that signed, in signing order."""
        return list(dict.fromkeys(o.kind for o in self.signed if o.side == Side.OTHER))

    def party_of(self, organisation: Organisation) -> str:
        """The party ``organisation`` counts for."""
        return self.key_of(organisation.side, organisation.kind)

    def key_of(self, side: str, kind: str) -> str:
        """The party a unit of ``side`` and ``kind`` counts for."""
        if side == Side.OTHER and kind in self.partner_kinds:
            return kind
        return side

    def joint(self) -> list[str]:
        """The parties that owe a joint commitment: the classic sides that signed (both, where no
        partner did), then each partner."""
        partners, sides = self.partner_kinds, {o.side for o in self.signed}
        return [s for s in CLASSIC if s in sides or not partners] + partners

    def owed_by(self, commitment: Commitment) -> list[str]:
        """The parties that owe ``commitment`` (it is done when each of them did it); it needs its
        ``partner`` and its ``supporters`` read with it."""
        if commitment.party == Role.JOINT:
            return self.taking_part(commitment) or self.joint()
        if commitment.party == Role.OTHER:
            return self._partners_of(commitment)
        return [ROLE_SIDE[commitment.party]]

    def taking_part(self, commitment: Commitment) -> list[str]:
        """The parties a joint commitment names: its lead and its supporters, in the parties'
        order; none where it ticks no supporter (every party that signed takes part)."""
        supporters = list(commitment.supporters.all())
        if not supporters:
            return []
        named = {self.party_of(o) for o in supporters}
        if commitment.lead == Role.OTHER:
            named.update(self._partners_of(commitment))
        elif commitment.lead:
            named.add(ROLE_SIDE[commitment.lead])
        return [key for key in self.keys() if key in named]

    def _partners_of(self, commitment: Commitment) -> list[str]:
        """The partners that carry (or lead) ``commitment``: the one it names, else every partner."""
        partners = self.partner_kinds
        if commitment.partner_id and commitment.partner.kind in partners:
            return [commitment.partner.kind]
        return partners or [Side.OTHER]

    def keys(self) -> list[str]:
        """Every party that can be scored, in order: the two sides, each partner, other units."""
        return [*CLASSIC, *self.partner_kinds, Side.OTHER]

    def names(self) -> dict[str, str]:
        """The names of the organisations behind each party key: {"youth_union": "Tỉnh Đoàn Lâm Đồng"}."""
        names = defaultdict(list)
        for organisation in self.signed:
            names[self.party_of(organisation)].append(organisation.name)
        return {key: ", ".join(found) for key, found in names.items()}

    def name_of(self, commitment: Commitment) -> str:
        """Who carries ``commitment``, as they signed: its partner, else its role's parties ("" if
        none of the plan's parties fills it, or for a joint one)."""
        if commitment.party == Role.JOINT:
            return ""
        return self._partner_name(commitment) or self.role_names().get(commitment.party, "")

    def lead_of(self, commitment: Commitment) -> str:
        """The lead of a joint commitment, as it signed ("" where no party fills the role)."""
        if commitment.lead == Role.OTHER and commitment.partner_id:
            return self._partner_name(commitment)
        return self.role_names().get(commitment.lead, "")

    def _partner_name(self, commitment: Commitment) -> str:
        return next((o.name for o in self.signed if o.pk == commitment.partner_id), "")

    def role_names(self) -> dict[str, str]:
        """The organisations filling each role: {"department": "Ủy ban nhân dân phường Tân An"}."""
        names = defaultdict(list)
        for organisation in self.signed:
            names[role_of(organisation)].append(organisation.name)
        return {role: ", ".join(found) for role, found in names.items()}


def parties(plan) -> Parties:
    return Parties(parties_of(plan))
