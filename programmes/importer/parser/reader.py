"""The reader: splits the text into head, body and tail and reads each zone
into a ``ParsedPlan`` (see the package docstring)."""
import re
from dataclasses import dataclass
from datetime import date

from khuyenhoc.text import clean_text

from ..errors import NotAPlan
from ..targets import indicators_in, timing_of
from .data import ParsedCommitment, ParsedPlan, ParsedSection, ParseWarning, Signatory
from .recognise import AIMS, LEGAL_DOCUMENT, _capacity, _is_name, _title_case, _title_of, party_of, recase
from .text import BULLET, KINDS, Block, _marker, blocks_of, clean_lines, fold

NEWS_HINTS = ("chi tiet bai viet", "xem co chu", "welcome to", "a- a a+", "theo bao", "tin lien quan", "binh luan")


@dataclass
class _Heading:
    number: str  # the full number, e.g. "II.1"
    party: str | None
    depth: int = 1  # of the printed number: "1." is 1, "2.1." is 2, "a)" is deeper than any
    items: int = 0
    route: str = ""  # "purposes" / "requirements" inside the aims section


class _Reader:
    def __init__(self, text: str):
        self.lines = clean_lines(text)
        self.warnings: list[ParseWarning] = []

    def warn(self, code: str, **detail):
        self.warnings.append(ParseWarning(code, detail))

    # -- zones --

    def split_tail(self) -> tuple[list[str], list[str], list[str]]:
        """(body lines, signature lines, recipient lines), by reading back from the end."""
        lines = self.lines
        end = len(lines)
        recipients_at = None
        for index in range(len(lines) - 1, -1, -1):
            if re.match(r"^n[ơo]i nh[ậa]n\b", fold(lines[index])):
                recipients_at = index
                break
        start = end
        index = end - 1
        passed_recipients = recipients_at is None
        while index >= 0:
            line = lines[index]
            if index == recipients_at:
                passed_recipients = True
            elif line and not self._tail_like(line, allow_bullets=not passed_recipients):
                break
            start = index
            index -= 1
        tail = lines[start:]
        recipients, signatures = [], []
        in_recipients = False
        for line in tail:
            if re.match(r"^n[ơo]i nh[ậa]n\b", fold(line)):
                in_recipients = True
                continue
            if in_recipients and BULLET.match(line):
                recipients.append(BULLET.match(line).group("rest").strip(" ;.,"))
            elif in_recipients and not line:
                continue
            elif line and not line.startswith("}"):
                in_recipients = False
                signatures.append(line)
        return lines[:start], signatures, recipients

    @staticmethod
    def _tail_like(line: str, *, allow_bullets: bool) -> bool:
        if line.startswith("}"):
            return True
        if BULLET.match(line):
            return allow_bullets and len(line) <= 100
        if _marker(line)[0]:
            return False
        if _capacity(line) or _is_name(line) or _title_of(line):
            return True
        return len(line) <= 60 and not line.endswith((".", ";", ":", "./."))

    # -- head --

    def find_title(self, blocks: list[Block]) -> int:
        for index, block in enumerate(blocks[:25]):
            upper = block.text.lstrip("“\"'(")
            for kind, word in KINDS:
                if upper.startswith(word) and (len(upper) == len(word) or not upper[len(word)].isalpha()):
                    return index
        return -1

    def parse(self) -> ParsedPlan:
        head_lines = [fold(line) for line in self.lines[:12] if line]
        news = [hint for hint in NEWS_HINTS if any(hint in line for line in head_lines)]
        body_lines, signature_lines, recipients = self.split_tail()
        blocks = blocks_of(body_lines)
        title_at = self.find_title(blocks)
        if title_at < 0:
            raise NotAPlan("news_article" if news else "no_title")
        plan = ParsedPlan(kind=self._kind(blocks[title_at].text), title="")
        plan.warnings = self.warnings
        self._head(plan, blocks[:title_at])
        body_start = self._title(plan, blocks, title_at)
        body = blocks[body_start:]
        body_start = self._legal_bases(plan, body)
        self._body(plan, body[body_start:])
        self._signatures(plan, signature_lines)
        plan.recipients = recipients
        self._period(plan)
        if not plan.commitments:
            raise NotAPlan("news_article" if news else "no_commitments")
        if news and not (plan.signatories or plan.recipients or plan.number):
            raise NotAPlan("news_article")
        for code, missing in (("no_number", not plan.number), ("no_date", not plan.signed_on)):
            if missing:
                self.warn(code)
        if not plan.signatories:
            self.warn("no_signatories")
        return plan

    @staticmethod
    def _kind(text: str) -> str:
        for kind, word in KINDS:
            if text.lstrip("“\"'(").startswith(word):
                return kind
        return "other"

    def _head(self, plan: ParsedPlan, blocks: list[Block]) -> None:
        for block in blocks:
            self._number_and_date(plan, block.text)

    def _number_and_date(self, plan: ParsedPlan, text: str) -> bool:
        found = False
        number = re.match(r"^S[ốô]\s*[:.]?\s*(\d+\s*/\s*[^\s,]+(?:\s*-\s*[^\s,]+)*)", text)
        if number and not plan.number:
            plan.number = re.sub(r"\s*([/-])\s*", r"\1", number.group(1)).strip(" .")
            found = True
        dateline = re.search(
            r"(?:^|\s)([A-ZĐÀ-Ỹ][^\d,]{1,40}?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text
        )
        if dateline and not plan.signed_on:
            day, month, year = (int(g) for g in dateline.groups()[1:])
            try:
                plan.signed_on = date(year, month, day)
                plan.place = dateline.group(1).strip()
                found = True
            except ValueError:
                self.warn("bad_date", text=dateline.group(0).strip())
        return found

    def _title(self, plan: ParsedPlan, blocks: list[Block], at: int) -> int:
        """Read the title block (and its continuation lines); return where the rest begins."""
        parts = [blocks[at].text]
        index = at + 1
        while index < len(blocks):
            block = blocks[index]
            if block.marker or block.folded.startswith("can cu") or self._number_and_date(plan, block.text):
                break
            if len(block.text) > 200 or block.text.endswith((".", ";", ":")):
                break
            parts.append(block.text)
            index += 1
        title = recase(" ".join(parts))
        for kind, word in KINDS:
            if title.upper().startswith(word):
                title = title[: len(word)].capitalize() + title[len(word):]
                rest = title[len(word):].lstrip()
                title = f"{title[:len(word)]} {rest[:1].lower()}{rest[1:]}" if rest and not rest[:2].isupper() else title
                break
        plan.title = title.strip()
        plan.parties = self._parties(plan.title)
        return index

    @staticmethod
    def _parties(title: str) -> list[str]:
        folded = fold(title)
        at = folded.find(" giua ")
        if at < 0:
            return []
        # fold() keeps the length of NFC text, so positions carry over.
        text = title[at + len(" giữa "):]
        text = re.split(r"\s+(?:năm|giai đoạn|về việc|về|nhiệm kỳ)\s+\d|\s+(?:năm|giai đoạn)\s+\d", text)[0]
        # "Giáo dục và Đào tạo" is one name: hide its "và" while splitting on the others.
        protected = re.sub(r"(Giáo dục|GD)\s+và\s+(Đào tạo|ĐT)", lambda m: f"{m.group(1)}\x00{m.group(2)}", text, flags=re.I)
        parties = [p.strip(" ,.") for p in re.split(r"\s+và\s+", protected) if p.strip(" ,.")]
        return [p.replace("\x00", " và ") for p in parties]

    def _legal_bases(self, plan: ParsedPlan, blocks: list[Block]) -> int:
        """Read "Căn cứ ..." and preamble paragraphs up to the first section; return where the body starts."""
        for index, block in enumerate(blocks):
            if block.marker:
                return index
            if self._number_and_date(plan, block.text):
                continue
            folded = block.folded
            if folded.startswith("can cu") and LEGAL_DOCUMENT.search(folded):
                basis = re.sub(r"^căn cứ\s+(?:vào\s+)?", "", block.text, flags=re.I).rstrip(" ;,.")
                plan.legal_bases.append(basis[:1].upper() + basis[1:])
            else:
                plan.preamble.append(block.text)
        return len(blocks)

    # -- body --

    def _body(self, plan: ParsedPlan, blocks: list[Block]) -> None:
        has_roman = any(b.marker == "roman" for b in blocks)
        section: ParsedSection | None = None
        section_party: str | None = None
        in_aims = False
        headings: list[_Heading] = []
        open_item: ParsedCommitment | None = None
        taken = set()

        def start_section(number: str, title: str) -> None:
            nonlocal section, section_party, in_aims, open_item
            section = ParsedSection(number, recase(title.rstrip(" :.")))
            in_aims = bool(AIMS.search(fold(title))) and not re.search(r"noi dung|trach nhiem|to chuc", fold(title))
            section_party = party_of(title) or "joint"
            if not in_aims:
                plan.sections.append(section)
            headings.clear()
            open_item = None

        def full_number(printed: str, marker: str) -> str:
            """The number as printed, made unique in the plan (see the package docstring)."""
            base = section.number if section and section.number and has_roman else ""
            if marker == "multi":
                return f"{base}.{printed}" if printed in taken and base else printed
            if marker == "letter" and headings and headings[-1].number:
                return f"{headings[-1].number}.{printed}"
            return f"{base}.{printed}" if base else printed

        def add_item(number: str, text: str, party: str | None) -> ParsedCommitment:
            nonlocal open_item
            if party is None:
                party = section_party or "joint"
            while number in taken:
                number = f"{number}'"
            taken.add(number)
            item = ParsedCommitment(number=number, text=text, party=party, section=str(section) if section else "")
            plan.commitments.append(item)
            open_item = item
            return item

        def current_party() -> str | None:
            for heading in reversed(headings):
                if heading.party:
                    return heading.party
            return section_party

        def route(text: str) -> None:
            target = headings[-1].route if headings and headings[-1].route else "purposes"
            getattr(plan, target).append(text.rstrip(" ;"))

        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            is_last = following is None
            if block.marker == "roman":
                start_section(block.number, block.body)
                continue
            if not has_roman and block.marker == "single" and not in_aims:
                # Without Roman numerals the top-level numbers are the sections;
                # a top-level line that is a whole sentence is an item on its own.
                if self._heading_like(block, following):
                    start_section(block.number, block.body)
                    headings.append(_Heading(number=block.number, party=party_of(block.body)))
                else:
                    start_section(block.number, "")
                    add_item(block.number, block.body, party_of(block.body))
                continue
            if in_aims:
                if block.marker in ("single", "multi") and self._heading_like(block, following):
                    folded = fold(block.body)
                    headings[:] = [_Heading(number=block.number, party=None, route="requirements" if "yeu cau" in folded and "muc dich" not in folded else "purposes")]
                elif block.marker or block.text:
                    route(block.body if block.marker else block.text)
                continue
            if section is None and not block.marker:
                plan.preamble.append(block.text)
                continue
            if section is None:
                start_section(block.number if block.marker == "single" else "", "")
            if block.marker in ("single", "multi", "letter") and self._heading_like(block, following):
                depth = block.number.count(".") + 1 if block.marker != "letter" else 9
                while headings and headings[-1].depth >= depth:
                    headings.pop()
                number = full_number(block.number, block.marker)
                headings.append(_Heading(number=number, party=party_of(block.body), depth=depth))
                open_item = None
                continue
            if block.marker in ("single", "multi", "letter"):
                number = full_number(block.number, block.marker)
                add_item(number, block.body, current_party())
                if headings:
                    headings[-1].items += 1
                continue
            if block.marker == "bullet":
                if headings:
                    heading = headings[-1]
                    heading.items += 1
                    parent = heading.number
                    count = heading.items
                else:
                    parent = section.number if section and section.number else ""
                    count = sum(1 for c in plan.commitments if c.section == str(section)) + 1
                add_item(f"{parent}.{count}" if parent else str(count), block.body, current_party())
                continue
            # Prose: the rest of an item, an item under a heading, an introduction, or the closing words.
            text = block.text
            closing = text.rstrip().endswith("./.") or (is_last and plan.commitments)
            if closing:
                continue
            if text.endswith(":") and not open_item:
                continue  # "..., cụ thể như sau:" introduces what follows
            if open_item is not None:
                open_item.text = f"{open_item.text}\n{text}"
            elif headings and headings[-1].items == 0 and section:
                heading = headings[-1]
                add_item(heading.number, text, current_party())
                heading.items += 1
            elif section and section.number and not headings and not any(c.section == str(section) for c in plan.commitments):
                continue  # the introduction of a section
            else:
                plan.preamble.append(text)
        for commitment in plan.commitments:
            commitment.text = re.sub(r"[ \t]+", " ", commitment.text).strip()
            timing = timing_of(commitment.text)
            commitment.recurrence = timing.recurrence
            commitment.deadline = timing.deadline
            commitment.yearly_day, commitment.yearly_month = timing.yearly_day, timing.yearly_month
            commitment.indicators = indicators_in(commitment.text)

    @staticmethod
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
        short_label = len(body) <= 90 and not body.rstrip(" ”\")").endswith((".", ";", "!", "?"))
        return short_label and following is not None and not following.marker and following.text[:1].isupper()

    # -- tail --

    def _signatures(self, plan: ParsedPlan, lines: list[str]) -> None:
        title = capacity = organisation = ""
        for line in lines:
            if _is_name(line):
                name = _title_case(line) if line.isupper() else line
                if not organisation and capacity:  # "TM. BTV HỘI KHUYẾN HỌC" names the body
                    rest = re.sub(r"^\w+\.\s*(?:BTV|BCH|BAN THƯỜNG VỤ|BAN CHẤP HÀNH)?\s*", "", capacity)
                    organisation = recase(rest) if rest and not _title_of(rest) else ""
                plan.signatories.append(Signatory(name, title, capacity, organisation))
                title = capacity = organisation = ""
                continue
            cap = _capacity(line)
            if cap:
                if line.upper().startswith("1G"):
                    self.warn("capacity_ocr", printed=line)
                capacity = cap
                continue
            if _title_of(line):
                title = _title_of(line)
                continue
            organisation = recase(f"{organisation} {line}".strip() if organisation and not title else line)

    def _period(self, plan: ParsedPlan) -> None:
        span = re.search(r"(?:giai đoạn|từ năm)?\s*((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", plan.title)
        if span:
            plan.period = (int(span.group(1)), int(span.group(2)))
            return
        year = re.search(r"năm\s+((?:19|20)\d{2})", plan.title, re.I)
        if year:
            plan.period = (int(year.group(1)), int(year.group(1)))
            return
        for commitment in plan.commitments:
            span = re.search(r"giai đoạn\s*((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", commitment.text)
            if span:
                plan.period = (int(span.group(1)), int(span.group(2)))
                self.warn("period_from_body", number=commitment.number)
                return


def parse_plan(text: str) -> ParsedPlan:
    """Parse the text of a coordination plan; raise NotAPlan for anything else."""
    # Pasted or read, the text may hold control characters no form would store.
    text = clean_text(text or "")
    if not text.strip():
        raise NotAPlan("empty")
    return _Reader(text).parse()
