"""From raw text to blocks: folding, clean lines, numbering markers and paragraphs."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

KINDS = [
    ("ke_hoach", "KẾ HOẠCH"),
    ("chuong_trinh", "CHƯƠNG TRÌNH"),
    ("thoa_thuan", "THỎA THUẬN"),
    ("thoa_thuan", "THOẢ THUẬN"),
]


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()


ARTICLE = re.compile(r"^Điều\s+(?P<n>\d{1,2})\s*[.:\-–]\s*(?P<rest>\S.*)$", re.I)  # "Điều 3. Trách nhiệm ..."
ROMAN = re.compile(r"^(?P<n>[IVX]{1,5})\s*[.\-–)/:]\s*(?P<rest>\S.*)$")
MULTI = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|(?=[^\d\s.]))(?P<rest>\S.*)$")
SINGLE = re.compile(r"^(?P<n>\d{1,2})\s*(?:[.)]|-(?!\d)|/(?!\d))\s*(?P<rest>\S.*)$")
LETTER = re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<rest>\S.*)$")
BULLET = re.compile(r"^[-–—•+*]\s*(?P<rest>\S.*)$")
RESPONSIBILITY_LINE = re.compile(r"^(?:\S{1,6}\s+)?(?:về phía|trách nhiệm của|đối với)\s", re.I)
TERMINAL = (".", ";", "!", "?", "…", ":")


@dataclass
class Block:
    text: str
    marker: str = ""  # article, roman, multi, single, letter, bullet, or "" for prose
    number: str = ""
    body: str = ""  # the text after the marker

    @property
    def folded(self) -> str:
        return fold(self.text)


def _marker(text: str) -> tuple[str, str, str]:
    for kind, pattern in (
        ("article", ARTICLE),
        ("roman", ROMAN),
        ("multi", MULTI),
        ("single", SINGLE),
        ("letter", LETTER),
        ("bullet", BULLET),
    ):
        match = pattern.match(text)
        if match:
            return kind, match.groupdict().get("n", "") or "", match.group("rest").strip()
    return "", "", text


def clean_lines(text: str) -> list[str]:
    """Normalised lines: NFC, no Markdown emphasis or heading marks, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\ufeff", "")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*#{1,6}\s*", "", line)
        line = line.replace("**", "").replace("__", "")
        line = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", line)
        lines.append(re.sub(r"\s+", " ", line).strip())
    return lines


# A page number on a line of its own, as text taken from a PDF keeps it: "2", "- 2 -", "Trang 2".
PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", re.I)


def drop_page_furniture(lines: list[str]) -> list[str]:
    """The lines without what a page break leaves in text taken from a PDF: the bare
    page numbers, and a running header (a line repeated in the document) next to one.
    Removed rather than blanked, so that a sentence cut by the break joins up again."""
    numbers = {index for index, line in enumerate(lines) if PAGE_NUMBER.match(line)}
    if not numbers:
        return lines
    counts = Counter(line for line in lines if line)
    furniture = set(numbers)
    for index in numbers:
        for step in (-1, 1):
            near = _nearest_text(lines, index, step, numbers)
            if near is not None and counts[lines[near]] >= 2 and not _marker(lines[near])[0]:
                furniture.add(near)
    return [line for index, line in enumerate(lines) if index not in furniture]


def _nearest_text(lines: list[str], index: int, step: int, skip: set[int]) -> int | None:
    index += step
    while 0 <= index < len(lines) and (not lines[index] or index in skip):
        index += step
    return index if 0 <= index < len(lines) else None


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def blocks_of(lines: list[str]) -> list[Block]:
    """Paragraphs: lines joined until a blank line or a numbered or bulleted line,
    then paragraphs split by a page break rejoined."""
    raw: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                raw.append(current)
                current = []
            continue
        if current and _new_paragraph(current[-1], line):
            raw.append(current)
            current = []
        current.append(line)
    if current:
        raw.append(current)
    blocks: list[Block] = []
    for group in raw:
        text = " ".join(group)
        marker, number, body = _marker(text)
        previous = blocks[-1] if blocks else None
        if previous and not marker and _continues(previous, text):
            previous.text = f"{previous.text} {text}"
            previous.body = f"{previous.body} {text}" if previous.marker else previous.text
            continue
        blocks.append(Block(text=text, marker=marker, number=number, body=body))
    return blocks


def _starts_document_part(text: str) -> bool:
    folded = fold(text)
    return folded.startswith(("can cu", "so ", "so:", "noi nhan", "noi nhan")) or any(
        text.startswith(word) for _kind, word in KINDS
    )


def _new_paragraph(previous: str, line: str) -> bool:
    """Whether ``line`` starts a paragraph though no blank line separates it, as in
    text from Word, where each paragraph is one line."""
    if _marker(line)[0] or _starts_document_part(line) or _starts_document_part(previous):
        return True
    if _marker(previous)[0] in ("article", "roman") and len(previous) <= 90 and not _starts_lower(line):
        return True  # "Điều 1. Mục đích" heads the paragraph under it
    if any(
        len(text) <= 90 and not _starts_lower(text) and RESPONSIBILITY_LINE.match(text) for text in (previous, line)
    ):
        return True  # "Về phía Hội Khuyến học" is a heading line of its own
    if _starts_lower(line):
        return False
    if _is_caps(line) != _is_caps(previous):
        return True
    return previous.rstrip(' ”")*').endswith(TERMINAL) or bool(re.search(r"ngày\s+\d{1,2}\s+tháng", previous))


def _continues(previous: Block, text: str) -> bool:
    """Whether ``text`` carries on ``previous`` across a page break or a stray blank line."""
    if _is_caps(text) or _is_caps(previous.text):
        return False
    if _starts_document_part(text) or _starts_document_part(previous.text):
        return False
    if _starts_lower(text):
        return True
    ends_open = not previous.text.rstrip(' ”")*').endswith(TERMINAL)
    return ends_open and len(previous.text) > 80 and len(text) > 20
