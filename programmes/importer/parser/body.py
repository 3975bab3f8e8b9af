"""The body of a plan: sections, headings and the items under them, which
become commitments (see the package docstring for how they are numbered).

``read_body`` walks the blocks once; ``_BodyReader`` holds what carries from
one block to the next and has one step for each kind of block. While reading,
a commitment's ``party`` holds the name of its party (one of the plan's
parties) or "joint"; ``assign_codes`` turns names into the codes at the end,
once every party is known."""

import re
from dataclasses import dataclass

from ..targets import indicators_in, timing_of
from .data import ParsedCommitment, ParsedPlan, ParsedSection
from .parties import heading_party, is_duty_heading, lead_of, name_in_heading, party_codes
from .recognise import AIMS, recase
from .text import Block, fold

NUMBERED = ("single", "multi", "letter")  # "1.", "1.1.", "a)"
SECTIONS = ("roman", "article")  # "II.", "Điều 3."
UNPRINTED_DEPTH = 8  # an unnumbered heading ("Trách nhiệm của ...:") sits above lettered items only


@dataclass
class _Heading:
    number: str  # the full number, e.g. "II.1"
    party: str | None
    depth: int = 1  # of the printed number: "1." is 1, "2.1." is 2, "a)" is deeper than any
    items: int = 0
    route: str = ""  # "purposes" / "requirements" inside the aims section
    bullet: str = ""  # the bullet character of a bulleted heading ("-" over "+" items)
    unprinted: int = 0  # how many unnumbered headings it holds


def read_body(plan: ParsedPlan, blocks: list[Block]) -> None:
    """Add the body's sections, purposes, requirements and commitments to ``plan``;
    ``plan.parties`` holds the parties found so far and gains any a heading names."""
    reader = _BodyReader(plan, has_sections=any(b.marker in SECTIONS for b in blocks))
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        reader.read(block, following)
    for commitment in plan.commitments:
        _read_timing_and_targets(commitment)
    assign_codes(plan)


def assign_codes(plan: ParsedPlan) -> None:
    """Each commitment's party code and party name (for a joint one, its lead or "")."""
    codes = party_codes(plan.parties)
    for commitment in plan.commitments:
        if commitment.party == "joint":
            commitment.party_name = lead_of(commitment.text, plan.parties)
        else:
            commitment.party_name = commitment.party
            commitment.party = codes.get(commitment.party, "other")


def _read_timing_and_targets(commitment: ParsedCommitment) -> None:
    commitment.text = re.sub(r"[ \t]+", " ", commitment.text).strip()
    timing = timing_of(commitment.text)
    commitment.recurrence = timing.recurrence
    commitment.deadline = timing.deadline
    commitment.yearly_day, commitment.yearly_month = timing.yearly_day, timing.yearly_month
    commitment.indicators = indicators_in(commitment.text)


def _heading_like(block: Block, following: Block | None) -> bool:
    """A numbered line that heads what follows rather than stating a commitment."""
    body = block.body.strip()
    if len(body) > 150:
        return False
    opens = following is not None and (
        following.marker == "bullet"
        or (following.marker == "letter" and block.marker != "letter")
        or (following.marker == "multi" and following.number.startswith(block.number + "."))
    )
    if opens:
        return True
    short_label = len(body) <= 90 and not body.rstrip(' ”")').endswith((".", ";", "!", "?"))
    return short_label and following is not None and not following.marker and following.text[:1].isupper()


def _aims_route(folded_title: str) -> str:
    return "requirements" if "yeu cau" in folded_title and "muc dich" not in folded_title else "purposes"


def _bullet_char(block: Block) -> str:
    return block.text[:1] if block.marker == "bullet" else ""


def _unnumbered_heading(block: Block, following: Block | None) -> bool:
    """A prose or bulleted line that heads the items under it: "Trách nhiệm của Phòng GD&ĐT:",
    "Về phía Hội Khuyến học", or a "-" line ending in a colon over "+" items."""
    text = block.body if block.marker else block.text
    if following is None or len(text) > 120 or following.marker not in ("bullet", "letter", "single"):
        return False
    if block.marker == "bullet" and _bullet_char(following) == _bullet_char(block):
        return False
    if block.marker == "bullet" and text.endswith(":") and following.marker == "bullet":
        return True
    shaped = text.endswith(":") or not text.endswith((".", ";", "!", "?"))
    return shaped and is_duty_heading(text)


class _BodyReader:
    """Where the reading stands: the current section and the party it names,
    whether it is the aims section ("Mục đích, yêu cầu"), the open headings,
    the last item (which prose goes on), and the numbers already taken."""

    def __init__(self, plan: ParsedPlan, *, has_sections: bool):
        self.plan = plan
        self.has_sections = has_sections  # "II.", "Điều 2." are the sections; else the top-level numbers are
        self.section: ParsedSection | None = None
        self.section_party: str | None = None
        self.section_unprinted = 0
        self.in_aims = False
        self.headings: list[_Heading] = []
        self.open_item: ParsedCommitment | None = None
        self.taken: set[str] = set()

    def read(self, block: Block, following: Block | None) -> None:
        """One block, by what it is and where it stands."""
        if block.marker in SECTIONS:
            self.start_section(block.number, block.body)
        elif not self.has_sections and block.marker == "single" and self.top_level(block, following):
            self.top_level_number(block, following)
        elif self.in_aims:
            self.aims_line(block, following)
        elif self.section is None and not block.marker:
            self.plan.preamble.append(block.text)
        else:
            self.section_content(block, following)

    def top_level(self, block: Block, following: Block | None) -> bool:
        """Whether a top-level number starts a section: always, but inside the aims,
        where only a heading that is not about aims ends them."""
        if not self.in_aims:
            return True
        return _heading_like(block, following) and not AIMS.search(fold(block.body))

    def party_of(self, text: str) -> str | None:
        """The party a heading names (see ``heading_party``); a responsibility heading
        that names a body the plan has not named yet adds it to the parties."""
        party = heading_party(text, self.plan.parties)
        if party is None:
            name = name_in_heading(text)
            if name:
                self.plan.parties.append(name)
                party = name
        return party

    # -- sections --

    def start_section(self, number: str, title: str) -> None:
        self.section = ParsedSection(number, recase(title.rstrip(" :.")))
        folded = fold(title)
        self.in_aims = bool(AIMS.search(folded)) and not re.search(r"noi dung|trach nhiem|to chuc", folded)
        self.section_party = self.party_of(title) or "joint"
        if not self.in_aims:
            self.plan.sections.append(self.section)
        self.headings[:] = [_Heading(number="", party=None, route=_aims_route(folded))] if self.in_aims else []
        self.section_unprinted = 0
        self.open_item = None

    def top_level_number(self, block: Block, following: Block | None) -> None:
        """Without Roman numerals the top-level numbers are the sections ("1- Sở GD & ĐT");
        a top-level line that is a whole sentence is an item on its own."""
        if _heading_like(block, following):
            self.start_section(block.number, block.body)
            self.headings.append(_Heading(number=block.number, party=self.party_of(block.body)))
        else:
            self.start_section(block.number, "")
            self.add_item(block.number, block.body, self.party_of(block.body))

    def aims_line(self, block: Block, following: Block | None) -> None:
        """A line of "Mục đích, yêu cầu": a "1. Mục đích" / "2. Yêu cầu" heading, or a purpose or requirement."""
        if block.marker in ("single", "multi") and _heading_like(block, following):
            self.headings[:] = [_Heading(number=block.number, party=None, route=_aims_route(fold(block.body)))]
        elif block.marker or block.text:
            self.route(block.body if block.marker else block.text)

    def route(self, text: str) -> None:
        target = self.headings[-1].route if self.headings and self.headings[-1].route else "purposes"
        getattr(self.plan, target).append(text.rstrip(" ;"))

    def section_content(self, block: Block, following: Block | None) -> None:
        """A block inside a section: a heading, a numbered item, a bullet, or prose."""
        if self.section is None:
            self.start_section(block.number if block.marker == "single" else "", "")
        if block.marker in NUMBERED and _heading_like(block, following):
            self.heading(block)
        elif block.marker in NUMBERED:
            self.numbered_item(block, following)
        elif block.marker in ("", "bullet") and _unnumbered_heading(block, following):
            self.unnumbered_heading(block)
        elif block.marker == "bullet":
            self.bullet(block)
        else:
            self.prose(block.text, is_last=following is None)

    # -- headings and items --

    def close_headings(self, depth: int) -> None:
        while self.headings and self.headings[-1].depth >= depth:
            self.headings.pop()

    def heading(self, block: Block) -> None:
        """A numbered line that heads the items under it ("1. Sở Giáo dục và Đào tạo", "a) Tuyên truyền:")."""
        depth = block.number.count(".") + 1 if block.marker != "letter" else 9
        self.close_headings(depth)
        number = self.full_number(block.number, block.marker)
        self.headings.append(_Heading(number=number, party=self.party_of(block.body), depth=depth))
        self.open_item = None

    def unnumbered_heading(self, block: Block) -> None:
        """A heading without a number ("Trách nhiệm của Phòng GD&ĐT:", "- Về phía Hội:"):
        numbered by its place under the nearest numbered heading, or in the section."""
        bullet = _bullet_char(block)
        while self.headings and (self.headings[-1].depth >= UNPRINTED_DEPTH or self.headings[-1].bullet):
            self.headings.pop()
        parent = self.headings[-1] if self.headings else None
        if bullet and parent is not None:  # a bulleted heading takes an item's place
            parent.items += 1
            position = parent.items
        elif parent is not None:
            parent.unprinted += 1
            position = parent.unprinted
        else:
            self.section_unprinted += 1
            position = self.section_unprinted
        base = parent.number if parent else (self.section.number if self.section else "")
        number = f"{base}.{position}" if base else str(position)
        text = block.body if block.marker else block.text
        party = self.party_of(text)
        self.headings.append(_Heading(number=number, party=party, depth=UNPRINTED_DEPTH, bullet=bullet))
        self.open_item = None

    def numbered_item(self, block: Block, following: Block | None) -> None:
        """A commitment with its own printed number ("1.2.", "b)"); lettered items that
        follow a whole-sentence clause are numbered under it ("3.1.a")."""
        depth = block.number.count(".") + 1 if block.marker != "letter" else 9
        self.close_headings(depth)
        number = self.full_number(block.number, block.marker)
        party = self.current_party()
        self.add_item(number, block.body, party)
        if self.headings:
            self.headings[-1].items += 1
        if following is not None and following.marker == "letter" and block.marker != "letter":
            self.headings.append(_Heading(number=self.open_item.number, party=party, depth=depth))

    def bullet(self, block: Block) -> None:
        """A "-" or "+" commitment: numbered after its heading (or section) and its position."""
        while self.headings and self.headings[-1].bullet == _bullet_char(block):
            self.headings.pop()  # a "-" after the "+" items of a "-" heading is its sibling
        if self.headings:
            heading = self.headings[-1]
            heading.items += 1
            parent = heading.number
            count = heading.items
        else:
            section = self.section
            parent = section.number if section and section.number else ""
            count = sum(1 for c in self.plan.commitments if c.section == str(section)) + 1
        self.add_item(f"{parent}.{count}" if parent else str(count), block.body, self.current_party())

    def prose(self, text: str, *, is_last: bool) -> None:
        """The rest of an item, an item under a heading, an introduction, or the closing words."""
        plan, section, headings = self.plan, self.section, self.headings
        closing = text.rstrip().endswith("./.") or (is_last and plan.commitments)
        if closing:
            return
        if text.endswith(":") and not self.open_item:
            return  # "..., cụ thể như sau:" introduces what follows
        if self.open_item is not None:
            self.open_item.text = f"{self.open_item.text}\n{text}"
        elif headings and headings[-1].items == 0 and section:
            heading = headings[-1]
            self.add_item(heading.number, text, self.current_party())
            heading.items += 1
        elif (
            section and section.number and not headings and not any(c.section == str(section) for c in plan.commitments)
        ):
            return  # the introduction of a section
        else:
            plan.preamble.append(text)

    def full_number(self, printed: str, marker: str) -> str:
        """The number as printed, made unique in the plan (see the package docstring)."""
        section = self.section
        base = section.number if section and section.number and self.has_sections else ""
        if marker == "multi":
            return f"{base}.{printed}" if printed in self.taken and base else printed
        if marker == "letter" and self.headings and self.headings[-1].number:
            return f"{self.headings[-1].number}.{printed}"
        return f"{base}.{printed}" if base else printed

    def unique(self, number: str) -> str:
        """``number``, or when the plan has it already, with the section before it, else "-2", "-3"."""
        section = self.section.number if self.section else ""
        if number in self.taken and section and not number.startswith(f"{section}."):
            number = f"{section}.{number}"
        candidate, copy = number, 2
        while candidate in self.taken:
            candidate = f"{number}-{copy}"
            copy += 1
        return candidate

    def add_item(self, number: str, text: str, party: str | None) -> None:
        if party is None:
            party = self.section_party or "joint"
        number = self.unique(number)
        self.taken.add(number)
        section = self.section
        item = ParsedCommitment(number=number, text=text, party=party, section=str(section) if section else "")
        self.plan.commitments.append(item)
        self.open_item = item

    def current_party(self) -> str | None:
        """The party of the nearest heading that names one, else the section's."""
        for heading in reversed(self.headings):
            if heading.party:
                return heading.party
        return self.section_party
