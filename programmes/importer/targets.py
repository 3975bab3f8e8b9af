"""Targets, deadlines and yearly dates found in the text of a commitment.

"phấn đấu ... đạt 85% trở lên", "32.000 đ/ 1 người/năm", "100% các trường
... vào cuối năm 2024", "ít nhất 10.000 lượt", "vào đầu tháng 12/2024",
"Ngày Khuyến học 2/10 hàng năm".
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


@dataclass
class ParsedIndicator:
    name: str
    value: Decimal
    unit: str  # percent, vnd, vnd_per_person_year, people, pupils, units, times, other
    direction: str = "at_least"
    aggregation: str = "sum"
    due_date: date | None = None

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "value": float(self.value),
            "unit": self.unit,
            "direction": self.direction,
            "aggregation": self.aggregation,
            "due_date": self.due_date.isoformat() if self.due_date else None,
        }


@dataclass
class Timing:
    recurrence: str = "ongoing"  # ongoing, once, yearly
    deadline: date | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    notes: list[str] = field(default_factory=list)


def to_decimal(text: str) -> Decimal | None:
    """A Vietnamese figure as a Decimal: 32.000 -> 32000, 98,5 -> 98.5."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def due_date_in(text: str) -> date | None:
    """The date a target or a check is due by, from phrases such as
    "vào cuối năm 2024", "đến năm 2025", "đầu tháng 12/2024", "trước ngày 15/6/2025"."""
    match = re.search(r"(?:trước|đến|vào|trong)\s+ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text, re.I)
    if match:
        day, month, year = map(int, match.groups())
        return _safe_date(year, month, day)
    match = re.search(r"(đầu|giữa|cuối)?\s*tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})", text, re.I)
    if match:
        part, month, year = match.group(1), int(match.group(2)), int(match.group(3))
        if not 1 <= month <= 12:
            return None
        day = {"đầu": 10, "giữa": 20}.get((part or "").lower())
        return date(year, month, day) if day else _end_of_month(year, month)
    match = re.search(r"(?:cuối|đến|trong)\s+năm\s+(\d{4})", text, re.I)
    if match:
        return date(int(match.group(1)), 12, 31)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def timing_of(text: str) -> Timing:
    """How often or by when a commitment is carried out."""
    timing = Timing()
    yearly = re.search(r"(?:ngày\s+[^\d]{0,30}?)?\b(\d{1,2})\s*/\s*(\d{1,2})\s+(?:hàng|hằng)\s+năm", text, re.I)
    if yearly and _safe_date(2024, int(yearly.group(2)), int(yearly.group(1))):
        timing.recurrence = "yearly"
        timing.yearly_day, timing.yearly_month = int(yearly.group(1)), int(yearly.group(2))
        return timing
    if re.match(r"^\W*(hàng|hằng)\s+năm\b", text, re.I):  # "Hàng năm, ...": the whole item recurs
        timing.recurrence = "yearly"
        return timing
    check = re.search(
        r"(?:kiểm tra|tổng kết|sơ kết|hoàn thành|báo cáo)[^.;]{0,120}?(vào|trước|trong)\s+[^.;]{0,40}", text, re.I
    )
    if check:
        deadline = due_date_in(check.group(0))
        if deadline:
            timing.recurrence = "once"
            timing.deadline = deadline
    return timing


_CLAUSE_SPLIT = re.compile(r"[;]|,\s+(?:đồng thời|và|nhằm)\s+|\.\s+(?=[A-ZĐÀ-Ỹ])")
_LEAD_WORDS = re.compile(r"^(?:đồng thời\s+|và\s+)?(?:ph[aâấầẩẫậ]n\s+[đd][aâấầẩẫậ]u|đảm bảo|bảo đảm)\s+", re.I)
_TIME_PHRASE = re.compile(r"\s*(?:vào|đến|trong|trước)\s+(?:cuối|đầu|giữa)?\s*(?:năm|tháng|ngày)\s+[\d/.\-]+.*$", re.I)
_UNIT_WORDS = {
    "lượt": "times",
    "học sinh": "pupils",
    "người": "people",
    "hội viên": "people",
    "giáo viên": "people",
    "trường": "units",
    "đơn vị": "units",
    "suất": "units",
    "lớp": "units",
    "chi hội": "units",
    "chi đoàn": "units",
    "cơ sở": "units",
    "mô hình": "units",
    "câu lạc bộ": "units",
    "tủ sách": "units",
    "suất học bổng": "units",
    "học bổng": "units",
    "đoàn viên": "people",
    "thanh niên": "people",
    "học viên": "people",
}


def _clauses(text: str) -> list[str]:
    return [clause.strip(" ,.") for clause in _CLAUSE_SPLIT.split(text) if clause.strip(" ,.")]


# "phấn đấu" and the typos seen in real documents ("phân đầu", "phần đấu").
_STRIVE = r"ph[aâấầẩẫậ]n\s+[đd][aâấầẩẫậ]u"
_LEAD = re.compile(rf"(?:{_STRIVE}|đảm bảo|bảo đảm)\s+", re.I)
_QUALIFIER_END = re.compile(r"\s*(?:đều\s+)?(?:đạt|là|ít nhất|tối thiểu|trên|không dưới|không quá|tối đa|từ)\s*$", re.I)


def _name(clause: str, start: int, end: int, percent: bool) -> str:
    """A short name for the indicator, from the words around the figure: what
    follows the last "phấn đấu" before it, else the segment before it, else
    what follows it; without the date. Staff edit it in the preview."""
    before = clause[:start]
    leads = list(_LEAD.finditer(before))
    if leads:
        head = before[leads[-1].end() :]
        if len(_QUALIFIER_END.sub("", head).strip()) < 12:
            head = before[: leads[-1].start()].rstrip(" ,").rsplit(",", 1)[-1]
    else:
        head = before.rstrip(" ,").rsplit(",", 1)[-1]
    name = _QUALIFIER_END.sub("", head).strip(" ,.:;")
    if len(name) < 12 and end > start:
        tail = re.sub(r"^(?:trở lên|trở xuống)\s*", "", clause[end:].strip(), flags=re.I).split(",")[0]
        name = f"{name} {tail}".strip()
    name = _TIME_PHRASE.sub("", _LEAD_WORDS.sub("", name)).strip(" ,.:;")
    if percent and not re.match(r"(?i)tỷ lệ|tỉ lệ", name):
        name = f"Tỷ lệ {name[:1].lower()}{name[1:]}" if name else "Tỷ lệ"
    return (name[:1].upper() + name[1:])[:255]


def indicators_in(text: str) -> list[ParsedIndicator]:
    """Quantified targets stated in a commitment."""
    found = []
    for clause in _clauses(text):
        due = due_date_in(clause)
        for match in re.finditer(rf"({NUMBER})\s*%(\s*trở lên)?", clause):
            value = to_decimal(match.group(1))
            if value is None or value > 100:
                continue
            direction = (
                "at_most" if re.search(r"(không quá|tối đa|dưới)\s*$", clause[: match.start()], re.I) else "at_least"
            )
            found.append(
                ParsedIndicator(
                    _name(clause, match.start(), match.end(), True), value, "percent", direction, "mean", due
                )
            )
        money = re.finditer(
            rf"({NUMBER})\s*(tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|đ|vnđ|VNĐ)\b(\s*/\s*(?:1\s*)?người\s*/\s*năm)?",
            clause,
        )
        for match in money:
            value = to_decimal(match.group(1))
            if value is None:
                continue
            value *= {"tỷ": 10**9, "triệu": 10**6, "nghìn": 1000, "ngàn": 1000}.get((match.group(2) or "").lower(), 1)
            per_person = bool(match.group(3))
            found.append(
                ParsedIndicator(
                    _name(clause, match.start(), match.end(), False),
                    value,
                    "vnd_per_person_year" if per_person else "vnd",
                    "at_least",
                    "mean" if per_person else "sum",
                    due,
                )
            )
        units = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
        counts = re.finditer(
            rf"(ít nhất|tối thiểu|không dưới|{_STRIVE}[^\d]{{0,40}}?)\s+({NUMBER})\s+({units})\b", clause, re.I
        )
        for match in counts:
            value = to_decimal(match.group(2))
            if value is None:
                continue
            name = _name(clause, match.start(2), match.start(2), False)
            found.append(
                ParsedIndicator(
                    f"{name} {match.group(3).lower()}".strip(),
                    value,
                    _UNIT_WORDS[match.group(3).lower()],
                    "at_least",
                    "sum",
                    due,
                )
            )
    return found
