"""Lists of pupils proposed for awards and scholarships, as workbooks: the template a commune
fills in, the reading of a filled-in file, and the download of a list.

Everything here is plain Python on bytes: no models, no database. A file is judged by its
content, never by its name; every problem a clerk can fix is reported in the reader's language, all at
once, with the row it is on ("Dòng 7: ..."), so that one correction pass is enough. A file
that cannot be read at all (not Excel, damaged, with macros) is refused with one message,
never with a server error.

Text is kept as typed, formula-like text included ("=1+1" is a name like any other): the
files we write put it through ``reports.exports.sheets``, which never writes a formula.
"""

import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from khuyenhoc.dates import ImpossibleDate, parse_day_month_year
from khuyenhoc.text import clean_text, fold
from reports.exports.safe import safe_text
from reports.exports.sheets import table, to_bytes, workbook


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # a value is needed on every row (consent_by and consent_on: when consent is Có)

    @property
    def label(self) -> str:
        """The header without its hint in brackets, as messages name the column: "Ngày sinh"."""
        return self.header.partition(" (")[0]


COLUMNS = [
    Column("full_name", "Họ và tên", True),
    Column("birth_date", "Ngày sinh (dd/mm/yyyy)", True),
    Column("school", "Trường", True),
    Column("class_name", "Lớp", False),
    Column("commune", "Xã, phường", False),
    Column("reason", "Thành tích hoặc hoàn cảnh", True),
    Column("evidence", "Minh chứng", False),
    Column("consent", "Đã có sự đồng ý (Có/Không)", True),
    Column("consent_by", "Người đồng ý", False),
    Column("consent_on", "Ngày đồng ý (dd/mm/yyyy)", False),
    Column("proposed_by", "Đơn vị đề xuất", False),
]
_BY_KEY = {column.key: column for column in COLUMNS}
# A file must have these columns: the consent columns too, as a "Có" needs them.
_NEEDED = [column for column in COLUMNS if column.required or column.key in ("consent_by", "consent_on")]
_DATES = {"birth_date", "consent_on"}
# The longest text each column takes (names 150, reasons and evidence 1000, others 255).
_LIMITS = {"full_name": 150, "consent_by": 150, "reason": 1000, "evidence": 1000}
TEXT_LIMIT = 255


@dataclass
class EntryRow:
    row: int  # the sheet's row number, for messages
    full_name: str
    birth_date: date
    school: str
    class_name: str
    commune: str
    reason: str
    evidence: str
    consent: bool
    consent_by: str
    consent_on: date | None
    proposed_by: str = ""  # the proposing unit's name as written; the upload finds the unit (``proposer``)
    proposer: object = None


class SheetProblem(Exception):
    """A file that cannot be taken; ``errors`` is a list of Vietnamese messages, one per problem
    (row problems name their row: "Dòng 7: ...")."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = list(errors)


MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_ERRORS = 50
# A 2 MB zip may unpack to gigabytes; a real list of 2000 pupils unpacks to a few MB.
MAX_UNPACKED = 50 * 1024 * 1024
HEADER_SEARCH = 10  # non-blank rows looked at for the header: a clerk's title lines may stand above it
MAX_COLUMNS = 60  # columns read of each row; a header further right is not the template's
YOUNGEST, OLDEST = 3, 30

# What a clerk reads when a file cannot be taken, in the reader's language (Vietnamese by default).
TOO_BIG = gettext_lazy(
    "The file is larger than %(mb)s MB. Remove what is not needed (pictures, other sheets) or split the list "
    "into several files."
)
TOO_BIG_UNPACKED = gettext_lazy(
    "The file's content is too large to read. Copy the list into a new template or split it."
)
NOT_XLSX = gettext_lazy(
    "The file is not an Excel workbook (.xlsx). Download the template, fill the list in and save it as an "
    "Excel Workbook (.xlsx)."
)
MACROS = gettext_lazy(
    "The file contains macros (an .xlsm file) and is refused for safety. Save it again as an Excel Workbook "
    "(.xlsx), without macros, and upload it again."
)
DAMAGED = gettext_lazy(
    "The Excel file cannot be read: it is damaged or was not saved completely. Open it in Excel, save it and "
    "upload it again."
)
EMPTY = gettext_lazy(
    "The first sheet of the file is empty. The list must be on the first sheet, starting with the template's "
    "header row."
)
NO_PUPILS = gettext_lazy("The file has no pupil yet: write each pupil on a row of their own, below the header row.")
TOO_MANY = gettext_lazy(
    "The file has more than %(rows)s pupils; a file takes at most %(rows)s rows. Split the list into several files."
)

_SHOWN = "%d/%m/%Y"
_HINT = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[\W_]+")
# Excel stores a control character that XML cannot hold as "_x000B_", which openpyxl leaves as it is.
_EXCEL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f])_")
_YES = {"co", "x", "yes", "y"}
_NO = {"", "khong", "no", "k"}


# --------------------------------------------------------------------------- template


def template_xlsx() -> bytes:
    """The workbook a commune fills in: the list sheet, with its rows ready, and the instructions."""
    book = workbook()
    sheet = table(
        book, "Danh sách", [column.header for column in COLUMNS], [], [28, 14, 30, 8, 20, 50, 30, 16, 26, 14, 30]
    )
    _prepare_rows(book, sheet)
    consent = get_column_letter(COLUMNS.index(_BY_KEY["consent"]) + 1)
    choice = DataValidation(
        type="list",
        formula1='"Có,Không"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Đã có sự đồng ý",
        error="Chọn “Có” hoặc “Không”.",
    )
    choice.add(f"{consent}2:{consent}{MAX_ROWS + 1}")
    sheet.data_validations.append(choice)
    # The filter covers the prepared rows, not the header alone (write-only: set before the file is saved).
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{MAX_ROWS + 1}"
    table(book, "Hướng dẫn", ["Cột", "Bắt buộc", "Cách ghi"], _instructions(), [30, 22, 90])
    book.properties.title = "Mẫu danh sách học sinh đề nghị khen thưởng, cấp học bổng"
    return to_bytes(book)


# What to write in each column, then the notes, for the instructions sheet.
_HOW = {
    "full_name": "Họ và tên đầy đủ của học sinh, viết có dấu (tối đa 150 ký tự).",
    "birth_date": "Ghi ngày/tháng/năm, ví dụ 04/07/2012 (cũng nhận 4/7/2012, 04-07-2012, 04.07.2012). "
    "Học sinh từ 3 đến 30 tuổi.",
    "school": "Tên trường học sinh đang học, ví dụ: Trường THCS Nguyễn Du.",
    "class_name": "Lớp đang học, ví dụ: 7A.",
    "commune": "Xã, phường nơi học sinh cư trú.",
    "reason": "Thành tích học tập, rèn luyện hoặc hoàn cảnh khó khăn là căn cứ đề nghị (tối đa 1000 ký tự).",
    "evidence": "Giấy khen, quyết định, giấy xác nhận... (ghi số, ngày, nơi cấp).",
    "consent": "Chọn “Có” khi học sinh và cha, mẹ hoặc người giám hộ đã đồng ý cho đưa thông tin của học sinh "
    "vào danh sách; nếu chưa, chọn “Không”.",
    "consent_by": "Họ và tên cha, mẹ hoặc người giám hộ đã đồng ý.",
    "consent_on": "Ngày có sự đồng ý, ghi như ngày sinh; không sau ngày gửi danh sách.",
    "proposed_by": "Tên đơn vị cấp dưới đã đề xuất học sinh (trường, Hội Khuyến học xã...), đúng như tên trên cổng; "
    "đơn vị này được xem học sinh mình đề xuất. Để trống nếu không có.",
}
_NOTES = [
    "Theo Luật Bảo vệ dữ liệu cá nhân năm 2025, phải có sự đồng ý của học sinh và của cha, mẹ hoặc "
    "người giám hộ trước khi gửi danh sách có thông tin cá nhân của học sinh.",
    "Mỗi học sinh ghi trên một dòng, bắt đầu từ dòng 2 của trang “Danh sách”. Không đổi tên, không xóa "
    "các cột; dòng để trống được bỏ qua.",
    f"Mỗi tệp tối đa {MAX_ROWS} học sinh và {MAX_BYTES // (1024 * 1024)} MB. Lưu dưới dạng Excel "
    "Workbook (.xlsx); không nhận tệp có macro (.xlsm).",
]


def _instructions() -> list[list[str]]:
    """One line per column (its header, whether it is required, what to write), then the notes."""
    lines = []
    for column in COLUMNS:
        required = "Có" if column.required else "Khi ghi “Có”" if column in _NEEDED else "Không"
        lines.append([column.header, required, _HOW[column.key]])
    return lines + [["Lưu ý", "", note] for note in _NOTES]


def _prepare_rows(book, sheet) -> None:
    """The template's empty rows, with the date cells formatted as text: a typed 04/07/2012 then stays
    as written, day first, instead of being read as 7 April by an Excel set to American dates."""
    style = NamedStyle(name="Ngày (dd/mm/yyyy)", number_format="@")
    book.add_named_style(style)
    dates = {index for index, column in enumerate(COLUMNS) if column.key in _DATES}
    for _row in range(MAX_ROWS):
        row = [None] * len(COLUMNS)
        for index in dates:
            row[index] = WriteOnlyCell(sheet)
            row[index].style = style.name
        sheet.append(row)


# --------------------------------------------------------------------------- reading


def read_entries(data: bytes, *, today: date | None = None) -> list[EntryRow]:
    """The pupils of a filled-in template, in the order of the sheet.

    ``today`` (the portal's date, Asia/Ho_Chi_Minh, by default) bounds the birth and consent
    dates. Raises ``SheetProblem`` with every problem found; returns only a list without one.
    """
    today = today or timezone.localdate()
    _check_container(data)
    rows = _read_rows(data)
    entries, errors = [], []
    for number, values in rows:
        entry, problems = _entry(number, values, today)
        entries.append(entry)
        errors += problems
    if errors:
        raise SheetProblem(_capped(errors))
    return entries


def _check_container(data: bytes) -> None:
    """Refuse what is not a macro-free .xlsx of reasonable size, by its content."""
    if len(data) > MAX_BYTES:
        raise SheetProblem([TOO_BIG % {"mb": MAX_BYTES // (1024 * 1024)}])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SheetProblem([str(DAMAGED if data.startswith(b"PK\x03\x04") else NOT_XLSX)]) from None
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        raise SheetProblem([str(NOT_XLSX)])
    if sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise SheetProblem([str(TOO_BIG_UNPACKED)])
    try:
        content_types = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error):
        raise SheetProblem([str(DAMAGED)]) from None
    # Excel's macro-enabled types (.xlsm, .xltm, .xlam) all say "macroEnabled"; the macros are in vbaProject.bin.
    if b"macroEnabled" in content_types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise SheetProblem([str(MACROS)])


def _read_rows(data: bytes) -> list[tuple[int, dict]]:
    """The first sheet's non-blank rows under its header, each as its number and a value per column key."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises whatever its zip and XML parsers raise on a damaged file (KeyError,
        # ValueError, TypeError, lxml or expat errors...): all of them mean "cannot be read".
        raise SheetProblem([str(DAMAGED)]) from None
    try:
        return _rows_of(book)
    except SheetProblem:
        raise
    except Exception:
        # The rows are parsed as they are read, so a damaged sheet fails here, not on opening.
        raise SheetProblem([str(DAMAGED)]) from None
    finally:
        book.close()


def _rows_of(book) -> list[tuple[int, dict]]:
    if not book.worksheets:
        raise SheetProblem([str(EMPTY)])
    sheet = book.worksheets[0]
    # Read-only mode stops at the size the file declares, which some programs write wrong: read every row.
    sheet.reset_dimensions()
    lines = enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1)
    positions = _header(lines)
    rows = []
    for number, values in lines:
        picked = {key: values[index] for key, index in positions.items()}
        # A row with nothing in the template's columns is blank, even with a number in an added "STT".
        if all(_blank(value) for value in picked.values()):
            continue
        rows.append((number, picked))
        if len(rows) > MAX_ROWS:
            raise SheetProblem([TOO_MANY % {"rows": MAX_ROWS}])
    if not rows:
        raise SheetProblem([str(NO_PUPILS)])
    return rows


def _header(lines) -> dict[str, int]:
    """Where each of the template's columns is, read from the header row: the first of the first
    non-blank rows that names every needed column (a clerk's title, "DANH SÁCH HỌC SINH ...", may
    stand above it). Raises, naming what the first non-blank row lacks, if none does."""
    first = None
    for seen, (_number, values) in enumerate(row for row in lines if not all(_blank(value) for value in row[1])):
        positions = _positions(values)
        if all(column.key in positions for column in _NEEDED):
            return positions
        first = first if first is not None else positions
        if seen + 1 >= HEADER_SEARCH:
            break
    if first is None:
        raise SheetProblem([str(EMPTY)])
    missing = [f"“{column.header}”" for column in _NEEDED if column.key not in first]
    raise SheetProblem(
        [
            _(
                "The file does not follow the template: the column(s) %(columns)s are missing. The header row "
                "must keep the template's column names."
            )
            % {"columns": ", ".join(missing)}
        ]
    )


def _positions(header) -> dict[str, int]:
    """Where each of the template's columns is in a row read as the header."""
    wanted = {_header_key(column.header): column.key for column in COLUMNS}
    positions = {}
    for index, value in enumerate(header):
        key = wanted.get(_header_key(_text(value)))
        if key and key not in positions:
            positions[key] = index
    return positions


def _header_key(text: str) -> str:
    """A header as it is compared: "  NGÀY SINH (ngày/tháng/năm)" and "ngay sinh" are the same column."""
    return _NOT_WORD.sub(" ", fold(_HINT.sub(" ", text))).strip()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value).strip())


def _text(value) -> str:
    """A cell as clean one-line text: a whole number without ".0", a date day first."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.strftime(_SHOWN)
    text = _EXCEL_ESCAPE.sub(lambda match: chr(int(match[1], 16)), str(value))
    return " ".join(clean_text(text).split())


def _capped(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS:
        return errors
    return errors[:MAX_ERRORS] + [_("… and %(count)s more problems.") % {"count": len(errors) - MAX_ERRORS}]


# --------------------------------------------------------------------------- one row


class _Row:
    """One row's values, read column by column; what is wrong is noted, not raised."""

    def __init__(self, number: int, values: dict, today: date):
        self.number, self.values, self.today = number, values, today
        self.errors = []

    def fail(self, message: str) -> None:
        self.errors.append(_("Row %(row)s: %(problem)s") % {"row": self.number, "problem": message})

    def text(self, key: str) -> str:
        column = _BY_KEY[key]
        text = _text(self.values.get(key))
        limit = _LIMITS.get(key, TEXT_LIMIT)
        if column.required and not text:
            self.fail(_("“%(column)s” is missing.") % {"column": column.label})
        elif len(text) > limit:
            self.fail(
                _("“%(column)s” has %(length)s characters, at most %(limit)s.")
                % {"column": column.label, "length": len(text), "limit": limit}
            )
        return text

    def date(self, key: str) -> date | None:
        column, value = _BY_KEY[key], self.values.get(key)
        if _blank(value):
            if column.required:
                self.fail(_("“%(column)s” is missing.") % {"column": column.label})
            return None
        try:
            day = _date_of(value)
        except ImpossibleDate:
            self.fail(
                _("“%(column)s” says “%(value)s”, which is not a real date: check the day and the month.")
                % {"column": column.label, "value": _text(value)}
            )
            return None
        if day is None:
            self.fail(
                _("“%(column)s” says “%(value)s”, which is not written day/month/year (for example 04/07/2012).")
                % {"column": column.label, "value": _text(value)}
            )
        elif day > self.today:
            self.fail(
                _("“%(column)s” %(day)s is in the future.") % {"column": column.label, "day": day.strftime(_SHOWN)}
            )
            day = None
        return day

    def consent(self) -> bool:
        value = self.values.get("consent")
        if isinstance(value, bool):
            return value
        answer = fold(_text(value))
        if answer not in _YES | _NO:
            self.fail(
                _("“%(column)s” says “%(value)s”; write only “Có” or “Không”.")
                % {"column": _BY_KEY["consent"].label, "value": _text(value)}
            )
        return answer in _YES


def _date_of(value) -> date | None:
    """The date in a cell, an Excel date or text day first; None if it is neither.

    Raises ``ImpossibleDate`` for a well-written day that does not exist (31/02/2012)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None  # a number or a time: a date typed in Excel would have come as a date
    return parse_day_month_year(_text(value))


def _entry(number: int, values: dict, today: date) -> tuple[EntryRow, list[str]]:
    row = _Row(number, values, today)
    entry = EntryRow(
        row=number,
        full_name=row.text("full_name"),
        birth_date=row.date("birth_date"),
        school=row.text("school"),
        class_name=row.text("class_name"),
        commune=row.text("commune"),
        reason=row.text("reason"),
        evidence=row.text("evidence"),
        consent=row.consent(),
        consent_by=row.text("consent_by"),
        consent_on=row.date("consent_on"),
        proposed_by=row.text("proposed_by"),
    )
    _check_age(row, entry.birth_date)
    _check_consent(row, entry, values)
    return entry, row.errors


def _check_age(row: _Row, born: date | None) -> None:
    if born is None:
        return
    today = row.today
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if not YOUNGEST <= age <= OLDEST:
        row.fail(
            _(
                "“%(column)s” %(day)s makes the pupil %(age)s years old, outside %(youngest)s to %(oldest)s: "
                "check the year of birth."
            )
            % {
                "column": _BY_KEY["birth_date"].label,
                "day": born.strftime(_SHOWN),
                "age": age,
                "youngest": YOUNGEST,
                "oldest": OLDEST,
            }
        )


def _check_consent(row: _Row, entry: EntryRow, values: dict) -> None:
    """A "Có" names who agreed and when (a date already refused is not reported twice)."""
    if not entry.consent:
        return
    if not entry.consent_by:
        row.fail(_("consent is “Có” but “%(column)s” is missing.") % {"column": _BY_KEY["consent_by"].label})
    if _blank(values.get("consent_on")):
        row.fail(_("consent is “Có” but “%(column)s” is missing.") % {"column": _BY_KEY["consent_on"].label})


# --------------------------------------------------------------------------- download

# A decision's columns, shown when an entry of the list has any of them.
AWARD_COLUMNS = [
    ("decision", "Quyết định", 24),
    ("amount", "Số tiền (đồng)", 16),
    ("source", "Nguồn", 24),
    ("given_on", "Ngày trao", 14),
    ("occasion", "Dịp trao", 24),
]


def entries_xlsx(title: str, entries: list) -> bytes:
    """A list of pupils as a workbook, under the template's headers so that it can be read back.

    ``entries`` are objects or dicts with ``EntryRow``'s names, and optionally a decision's
    (``decision``, ``amount`` in đồng, ``source``, ``given_on``, ``occasion``), whose columns are
    added when any entry has one of them. Dates are written dd/mm/yyyy, amounts as numbers.
    """
    awarded = any(_field(entry, key) not in (None, "") for entry in entries for key, _, _ in AWARD_COLUMNS)
    headers = ["STT"] + [column.header for column in COLUMNS]
    widths = [6, 28, 14, 30, 8, 20, 50, 30, 16, 26, 14, 30]
    numbers = {0: None}
    if awarded:
        headers += [header for _, header, _ in AWARD_COLUMNS]
        widths += [width for _, _, width in AWARD_COLUMNS]
        numbers[headers.index("Số tiền (đồng)")] = None  # a whole number: "#,##0", 1.500.000 in Vietnamese Excel
    rows = [_download_row(number, entry, awarded) for number, entry in enumerate(entries, 1)]
    book = workbook()
    table(book, "Danh sách", headers, rows, widths, numbers=numbers)
    info = [["Danh sách", title], ["Số học sinh", len(rows)], ["Ngày xuất", timezone.localdate().strftime(_SHOWN)]]
    table(book, "Thông tin", ["Mục", "Nội dung"], info, [20, 80])
    book.properties.title = safe_text(title)[:255]
    return to_bytes(book)


def _download_row(number: int, entry, awarded: bool) -> list:
    row = [number] + [_shown(_field(entry, column.key)) for column in COLUMNS]
    if awarded:
        amount = _field(entry, "amount")
        row += [
            _shown(_field(entry, "decision")),
            None if amount in (None, "") else int(amount),
            _shown(_field(entry, "source")),
            _shown(_field(entry, "given_on")),
            _shown(_field(entry, "occasion")),
        ]
    return row


def _field(entry, name: str):
    """An entry's value: a dict's key or an object's attribute (None when it has neither)."""
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def _shown(value):
    """A value as the list shows it: dates day first, consent as Có/Không, text as it is (``table``
    cleans it and keeps formula-like text from being a formula)."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime(_SHOWN)
    if isinstance(value, date):
        return value.strftime(_SHOWN)
    return None if value in (None, "") else value  # an empty cell, not an empty text
