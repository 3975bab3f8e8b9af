"""What kind of organisation a name denotes: the education sector, the association, a people's
committee, one of the mass organisations the association signs with, or another body.

A name is read as the importer reads a party's (``importer.parser.parties.party_kind``), so that
an imported party and an organisation agree. The side an organisation reports for follows from
its kind (``side_of``); a name is read only within the side already known, so that reading a kind
never moves an organisation to another side.
"""

from .importer.parser.parties import party_kind

# The kinds found on each side: a people's committee fills the education side of a commune
# programme since the 2025 reform; every mass organisation other than the association is a partner.
EDUCATION_KINDS = ("education", "people_committee")
ASSOCIATION_KINDS = ("association",)


def kind_on_side(name: str, side: str) -> str:
    """The kind of an organisation named ``name`` on ``side`` (education, association, other): the
    kind its name denotes where that kind is on the side, else the side's own kind."""
    named = party_kind(name)
    if side == "education":
        return named if named in EDUCATION_KINDS else "education"
    if side == "association":
        return "association"
    return "other" if named in EDUCATION_KINDS + ASSOCIATION_KINDS else named


def side_of(kind: str) -> str:
    """The side an organisation of ``kind`` reports for."""
    if kind in EDUCATION_KINDS:
        return "education"
    if kind in ASSOCIATION_KINDS:
        return "association"
    return "other"
