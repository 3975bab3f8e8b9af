"""The parties of a plan: what kind of body a name is (``party_kind``), which
parties a title, a header or a heading names, and which commitment code
(department, association, joint, other) each party's commitments take.

The kind codes are shared with the rest of the application (an
organisation's kind uses the same ones); ``party_kind`` is the one place
that tells them from a name."""

import re

from .text import fold

KINDS = (
    "education",
    "association",
    "people_committee",
    "youth_union",
    "labour_federation",
    "farmers_union",
    "womens_union",
    "veteran_teachers",
    "fatherland_front",
    "other",
)

# Patterns on folded text (no diacritics, lower case). "Ủy ban Mặt trận" is not
# "Ủy ban nhân dân"; "giai đoạn" folds to "giai doan", hence the words around "đoàn".
KIND_PATTERNS = (
    ("education", r"\b(?:so|phong|nganh|bo)\s+(?:giao duc|gd\b|gd ?& ?dt|gd ?- ?dt|gd va dt|gddt)|\b[sp]gd ?& ?dt\b"),
    ("association", r"hoi khuyen hoc|\bhkh\b|\btinh hoi\b|\bhoi kh\b|\bthanh hoi\b|\bhuyen hoi\b"),
    ("people_committee", r"uy ban nhan dan|\bubnd\b|phong van hoa ?[-–,]? ?xa hoi|phong vh ?[-–]? ?xh"),
    (
        "youth_union",
        r"\b(?:tinh|thanh|huyen|quan|thi|xa|phuong) doan\b|\bdoan (?:thanh nien|tncs|xa|phuong|thi tran)\b",
    ),
    ("labour_federation", r"lien doan lao dong|\bldld\b|\bcong doan\b"),
    ("farmers_union", r"hoi nong dan"),
    ("womens_union", r"hoi lien hiep phu nu|hoi phu nu|\bhlhpn\b"),
    ("veteran_teachers", r"hoi cuu giao chuc"),
    ("fatherland_front", r"mat tran to quoc|\bmttq"),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in KIND_PATTERNS)

JOINT = re.compile(r"phoi hop|hai ben|ca hai|cac ben|ba ben|noi dung chung|hai don vi|hai hoi|trach nhiem chung")
# "Trách nhiệm của X", "Về phía X", "Đối với X", "Nhiệm vụ của X": the heading gives X its items.
RESPONSIBILITY = re.compile(r"^(?:trach nhiem|nhiem vu)(?: cu the)? cua |^ve phia |^doi voi ")
HAS_DUTY = re.compile(r"\s(?:cung\s+)?co trach nhiem\s*:?$|\s(?:cung\s+)?thuc hien\s*:?$")
LEAD = re.compile(r"\bchu tri\b")
# A line above a signing body in a header names its superior, not a party.
PARENT = re.compile(r"^(?:doan tncs ho chi minh|trung uong|tw\b|hoi khuyen hoc viet nam)")
OFFICE_PREFIX = re.compile(r"^(?:TM\.?\s*)?(?:BCH|BTV|Ban [Cc]hấp hành|Ban [Tt]hường vụ|Ban [Tt]hường trực)\s+")


def party_kind(name: str) -> str:
    """The kind of body a name denotes, one of ``KINDS``: the first kind named
    in it ("Công đoàn ngành Giáo dục" is a labour body, not an education one)."""
    found = mentions(name)
    return found[0][1] if found else "other"


def mentions(text: str) -> list[tuple[int, str]]:
    """(position, kind) of every kind of body named in ``text``, in order."""
    folded = fold(text)
    found = []
    for kind, pattern in _COMPILED:
        match = pattern.search(folded)
        if match:
            found.append((match.start(), kind))
    return sorted(found)


def is_party_name(text: str) -> bool:
    """A line that is only the name of a body (as in a header or a signature block)."""
    found = mentions(text)
    return bool(found) and found[0][0] <= 12 and len(text) <= 90


def title_parties(title: str) -> list[str]:
    """The parties a title names after "giữa": "giữa A, B và C năm 2026" -> [A, B, C]."""
    folded = fold(title)
    at = folded.find(" giua ")
    if at < 0:
        return []
    # fold() keeps the length of NFC text, so positions carry over.
    text = title[at + len(" giữa ") :]
    text = re.split(r"\s+(?:năm học|năm|giai đoạn|về việc|về|nhiệm kỳ)\s+\d|\s+(?:về|trong|nhằm|thực hiện)\s+", text)[0]
    # "Giáo dục và Đào tạo" is one name: hide its "và" while splitting on the others.
    protected = re.sub(
        r"(Giáo dục|GD)\s+và\s+(Đào tạo|ĐT)", lambda m: f"{m.group(1)}\x00{m.group(2)}", text, flags=re.I
    )
    parties = [p.strip(" ,.") for p in re.split(r"\s+và\s+|,\s+(?=\S)", protected) if p.strip(" ,.")]
    return [p.replace("\x00", " và ") for p in parties]


def header_parties(lines: list[str]) -> list[str]:
    """The signing bodies a document's header names, one per kind: of "ĐOÀN TNCS HỒ
    CHÍ MINH / BCH ĐOÀN PHƯỜNG X" the second; of "UBND TỈNH / SỞ GD&ĐT" the Sở; of
    "UBND XÃ X / PHÒNG VĂN HÓA - XÃ HỘI" (one body acting for the other) the first."""
    names: list[str] = []
    for line in lines:
        if not is_party_name(line):
            continue
        name = OFFICE_PREFIX.sub("", line).strip(" .:")
        previous = names[-1] if names else ""
        if previous and _superior(previous, name):
            names[-1] = name
        elif not previous or party_kind(previous) != party_kind(name):
            names.append(name)
    return names


def _superior(previous: str, name: str) -> bool:
    kind, above = party_kind(name), party_kind(previous)
    if kind == above:
        return bool(PARENT.search(fold(previous)))
    return above == "people_committee" and kind == "education"


def same_party(a: str, b: str) -> bool:
    """Whether two names (a title's and a signature block's, say) denote one party."""
    kind = party_kind(a)
    if kind != party_kind(b):
        return False
    if kind != "other":
        return True
    words_a, words_b = set(fold(a).split()), set(fold(b).split())
    return len(words_a & words_b) * 2 >= min(len(words_a), len(words_b))


def named_in(text: str, names: list[str]) -> list[str]:
    """The parties among ``names`` that ``text`` names, in the order it names them."""
    return [name for _position, name in _named_at(text, names)]


def _named_at(text: str, names: list[str]) -> list[tuple[int, str]]:
    """(position, name) of the parties ``text`` names: by kind, or for a body of no
    known kind by the first words of its name."""
    found: list[tuple[int, str]] = []
    for position, kind in mentions(text):
        name = next((n for n in names if party_kind(n) == kind and n not in [f for _p, f in found]), None)
        if name:
            found.append((position, name))
    folded = fold(text)
    for name in names:
        position = folded.find(fold(" ".join(name.split()[:3]))) if party_kind(name) == "other" else -1
        if position >= 0:
            found.append((position, name))
    return sorted(found)


def is_duty_heading(text: str) -> bool:
    """ "Trách nhiệm của X", "Về phía X", "X có trách nhiệm:", "Trách nhiệm chung:"."""
    folded = fold(text).strip(" :.")
    return bool(RESPONSIBILITY.search(folded) or HAS_DUTY.search(folded) or folded.startswith("trach nhiem chung"))


def heading_party(text: str, names: list[str]) -> str | None:
    """The party a heading gives its items to: a party's name, "joint", or None
    when the heading names no party. A responsibility heading ("Trách nhiệm của X")
    names X; any other heading names a party only when it begins with its name,
    not when it mentions one further on ("Tham mưu với UBND tỉnh")."""
    folded = fold(text).strip(" :.")
    named = _named_at(text, names)
    duty = is_duty_heading(text)
    if duty and len(named) == 1:
        return named[0][1]
    if JOINT.search(folded) or len(named) > 1:
        return "joint"
    if named and (duty or named[0][0] <= 12):
        return named[0][1]
    return None


def name_in_heading(text: str) -> str:
    """The name of the one body a responsibility heading (or a heading that is a name)
    names, for a party the document did not name before: "Trách nhiệm của Phòng
    GD&ĐT:" -> "Phòng GD&ĐT"; "" when it names none or more than one."""
    found = mentions(text)
    if len(found) != 1 or JOINT.search(fold(text)) or not (is_duty_heading(text) or found[0][0] <= 3):
        return ""
    name = re.split(r"\s+(?:cùng\s+)?(?:có trách nhiệm|thực hiện|trong|về)\b|:", text[found[0][0] :], flags=re.I)[0]
    return name.strip(" .:;,")


def lead_of(text: str, names: list[str]) -> str:
    """The lead party (*chủ trì*) a joint commitment names, or ""."""
    folded = fold(text)
    match = LEAD.search(folded)
    if not match:
        return ""
    before = named_in(text[: match.start()], names)
    return before[-1] if before else ""


def party_codes(names: list[str]) -> dict[str, str]:
    """The commitment code of each party: the (first) association is ``association``;
    the education body, else the people's committee, else the first other party is
    ``department``; any further party is ``other``."""
    kinds = {name: party_kind(name) for name in names}
    codes: dict[str, str] = {}
    association = next((n for n in names if kinds[n] == "association"), None)
    if association:
        codes[association] = "association"
    rest = [n for n in names if n != association]
    department = next(
        (n for wanted in ("education", "people_committee") for n in rest if kinds[n] == wanted),
        rest[0] if rest else None,
    )
    for name in rest:
        codes[name] = "department" if name == department else "other"
    return codes
