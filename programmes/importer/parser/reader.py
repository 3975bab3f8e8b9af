"""The reader: splits the text into head, body and tail and reads each zone
into a ``ParsedPlan`` (see the package docstring)."""

import re
from datetime import date

from khuyenhoc.text import clean_text

from ..errors import NotAPlan
from .body import read_body
from .data import ParsedPlan, ParseWarning, PartyDetail, Signatory
from .parties import header_parties, mentions, party_kind, same_party, title_parties
from .recognise import LEGAL_DOCUMENT, _capacity, _is_name, _title_case, _title_of, recase
from .text import BULLET, KINDS, Block, _marker, blocks_of, clean_lines, drop_page_furniture, fold

NEWS_HINTS = ("chi tiet bai viet", "xem co chu", "welcome to", "a- a a+", "theo bao", "tin lien quan", "binh luan")


class _Reader:
    def __init__(self, text: str):
        self.lines = drop_page_furniture(clean_lines(text))
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
        self._signatures(plan, signature_lines)
        self._more_parties(plan)
        read_body(plan, body[body_start:])
        plan.party_details = party_details(plan)
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
                title = title[: len(word)].capitalize() + title[len(word) :]
                rest = title[len(word) :].lstrip()
                title = (
                    f"{title[: len(word)]} {rest[:1].lower()}{rest[1:]}" if rest and not rest[:2].isupper() else title
                )
                break
        plan.title = title.strip()
        plan.parties = title_parties(plan.title)
        return index

    def _header_lines(self) -> list[str]:
        """The lines above the title: the issuing bodies, the national motto, number and date."""
        lines = []
        for line in self.lines:
            if any(line.lstrip("“\"'(").upper().startswith(word) for _kind, word in KINDS):
                break
            lines.append(line)
        return lines

    def _more_parties(self, plan: ParsedPlan) -> None:
        """The parties the title does not name: the bodies in the header, then those of
        the signature blocks, each kind of body once."""
        found = header_parties(self._header_lines()) + [
            _body_name(s.organisation) for s in plan.signatories if s.organisation
        ]
        for name in found:
            name = recase(name)
            if party_kind(name) != "other" and not any(same_party(name, known) for known in plan.parties):
                plan.parties.append(name)

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

    # -- tail --

    def _signatures(self, plan: ParsedPlan, lines: list[str]) -> None:
        title = capacity = organisation = ""
        for line in lines:
            if _is_name(line):
                name = _title_case(line) if line.isupper() else line
                organisation = organisation or _organisation_in(capacity)
                plan.signatories.append(Signatory(name, title, capacity, organisation))
                title = capacity = organisation = ""
                continue
            cap = _capacity(line)
            if cap:
                if line.upper().startswith("1G"):
                    self.warn("capacity_ocr", printed=line)
                organisation = organisation or _organisation_in(capacity)  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
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


def _organisation_in(capacity: str) -> str:
    """The body a capacity names: "TM. BTV HỘI KHUYẾN HỌC" -> "Hội Khuyến học"; "" for "KT. GIÁM ĐỐC"."""
    if not capacity:
        return ""
    rest = re.sub(r"^\w+\.\s*(?:BTV|BCH|BAN THƯỜNG VỤ|BAN CHẤP HÀNH)?\s*", "", capacity)
    return recase(rest) if rest and not _title_of(rest) else ""


def _body_name(organisation: str) -> str:
    """A signature block's organisation from the body it names: "Giám đốc Sở GD&ĐT" -> "Sở GD&ĐT"."""
    found = mentions(organisation)
    return organisation[found[0][0] :] if found else organisation


def party_details(plan: ParsedPlan) -> list[PartyDetail]:
    """Each party with its kind and its signatory: the one whose organisation is that
    party, else the signatories left over, in order."""
    signatories = list(plan.signatories)
    chosen: dict[str, str] = {}
    for name in plan.parties:
        match = next((s for s in signatories if s.organisation and same_party(name, _body_name(s.organisation))), None)
        if match:
            chosen[name] = match.name
            signatories.remove(match)
    left = iter(signatories)
    details = []
    for name in plan.parties:
        signatory = chosen.get(name) or next(left, Signatory("")).name
        details.append(PartyDetail(name, party_kind(name), signatory))
    return details


def parse_plan(text: str) -> ParsedPlan:
    """Parse the text of a coordination plan; raise NotAPlan for anything else."""
    # Pasted or read, the text may hold control characters no form would store.
    text = clean_text(text or "")
    if not text.strip():
        raise NotAPlan("empty")
    return _Reader(text).parse()
