"""What kind of organisation a name denotes: the education sector, the association, a people's
committee, one of the mass organisations the association signs with, or another body.

Read from the folded name (no accents, lower case), so that "UBND phường" and "Ủy ban nhân dân
Phường" are one kind. The side an organisation reports for follows from its kind
(``Organisation.side_of``); a name is read only within the side already known, so that reading
a kind never moves an organisation to another side.
"""

import re

from khuyenhoc.text import fold

# Each kind and the words that name it, most specific first: "Hội Cựu giáo chức" names a
# veteran teachers' association, not the education sector that "giáo" would suggest.
NAMES = (
    ("veteran_teachers", r"\bcuu giao chuc\b"),
    ("association", r"\bkhuyen hoc\b|\bhkh\b"),
    ("people_committee", r"\buy ban nhan dan\b|\bubnd\b"),
    ("fatherland_front", r"\bmat tran to quoc\b|\bmttq\b"),
    (
        "youth_union",
        r"\bdoan thanh nien\b|\bdoan tncs\b|\btinh doan\b|\bthanh doan\b|\bhuyen doan\b|\bdoan xa\b|\bdoan phuong\b",
    ),
    ("labour_federation", r"\blien doan lao dong\b|\bcong doan\b|\bldld\b"),
    ("farmers_union", r"\bhoi nong dan\b"),
    ("womens_union", r"\bphu nu\b"),
    ("education", r"\bgiao duc\b|\bgd ?& ?dt\b|\bgd ?dt\b|\bgddt\b|\bso gd\b|\bphong gd\b"),
)
PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in NAMES]

# The kinds found on each side: a people's committee fills the education side of a commune
# programme since the 2025 reform; every mass organisation other than the association is a partner.
EDUCATION_KINDS = ("education", "people_committee")
ASSOCIATION_KINDS = ("association",)


def kind_named(name: str) -> str:
    """The kind a name denotes, whatever its side; "other" when it names none."""
    folded = fold(name)
    for kind, pattern in PATTERNS:
        if pattern.search(folded):
            return kind
    return "other"


def kind_on_side(name: str, side: str) -> str:
    """The kind of an organisation named ``name`` on ``side`` (education, association, other): the
    kind its name denotes where that kind is on the side, else the side's own kind."""
    named = kind_named(name)
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
