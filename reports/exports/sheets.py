"""Workbooks written row by row, every cell through a named style registered once.

openpyxl's write-only mode streams each row to the file as it is appended, so
a sheet of 30,000 rows costs 30,000 times one row (the ordinary mode looked
the last row up again for every row: quadratic). Cells take one of a few
named styles ("Tiêu đề cột", "Nội dung", "Số liệu"...) that the workbook
defines once, so a reader who changes a style in Excel changes every cell of
its kind, and the file holds a handful of formats instead of one per cell.

Text goes through ``safe.cell_text``: cleaned of control characters and, if it
starts like a formula, written as a string cell with the leading-apostrophe
mark (``quotePrefix``), never as a formula.
"""

import io
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter

from . import cell_format
from .safe import cell_text, formula_like

HEADER = "Tiêu đề cột"
TEXT = "Nội dung"
NUMBER = "Số liệu"  # a figure or a blank in a figures column
PLAIN_HEADER = "Tiêu đề cột (không khung)"  # the dashboard's lighter sheets
PLAIN_NUMBER = "Số liệu (không khung)"

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# The headers' font names no typeface, as before the styles were named: the reader's default.
_STYLES = {
    HEADER: dict(
        font=Font(bold=True),
        fill=PatternFill("solid", start_color="DDEBF7"),
        border=_BORDER,
        alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
    ),
    TEXT: dict(font=DEFAULT_FONT, border=_BORDER, alignment=Alignment(wrap_text=True, vertical="top")),
    NUMBER: dict(font=DEFAULT_FONT, border=_BORDER, alignment=Alignment(vertical="top")),
    PLAIN_HEADER: dict(font=Font(bold=True)),
    PLAIN_NUMBER: dict(font=DEFAULT_FONT),
}


def workbook() -> Workbook:
    """An empty write-only workbook: sheets are added with ``table``."""
    return Workbook(write_only=True)


def table(
    book: Workbook,
    title: str,
    headers: list[str],
    rows,
    widths: list[int] | None = None,
    *,
    numbers: dict | None = None,
    plain: bool = False,
):
    """A sheet: a header row that stays in view, then ``rows``; ``numbers`` maps a column index to its
    number format (None: the decimals the figure has, which the exports round as the pages show them).

    ``widths`` are the columns' widths; without them a column is as wide as its longest text (12 to 60).
    ``plain`` is the dashboard's look: a bold header, no borders, no filter, no wrapping; every number
    column is then formatted with its figure's decimals.
    """
    rows = [[cell_text(value) for value in values] for values in rows]
    numbers = numbers or {}
    sheet = book.create_sheet(title)
    if widths is None:
        widths = [
            max(12, min(60, max(len(str(v if v is not None else "")) for v in column) + 2))
            for column in zip(headers, *rows)
        ]
    # Column widths, the frozen header and the filter go before the first row in write-only mode.
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if not plain:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
        sheet.row_dimensions[1].height = 32
    styles = _Styles(book, plain)
    header_style = styles.named(PLAIN_HEADER if plain else HEADER)
    arrays = {}
    sheet.append([_cell(sheet, cell_text(text), header_style, arrays) for text in headers])
    for values in rows:
        sheet.append(
            [
                _cell(sheet, value, styles.of(value, column in numbers or plain, numbers.get(column)), arrays)
                for column, value in enumerate(values)
            ]
        )
    return sheet


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Styles:
    """The workbook's named styles, registered the first time a sheet asks for one."""

    def __init__(self, book: Workbook, plain: bool):
        self.book, self.plain = book, plain

    def of(self, value, in_numbers: bool, number_format: str | None) -> str | None:
        if not in_numbers:
            return None if self.plain else self.named(TEXT)
        base = PLAIN_NUMBER if self.plain else NUMBER
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number_format = number_format or cell_format(value)
            return self.named(base, number_format)
        return None if self.plain else self.named(base)

    def named(self, base: str, number_format: str | None = None) -> str:
        name = f"{base} {number_format}" if number_format else base
        if name not in self.book.named_styles:
            style = NamedStyle(name=name, **_STYLES[base])
            if number_format:
                style.number_format = number_format
            self.book.add_named_style(style)
        return name


def _cell(sheet, value, style: str | None, arrays: dict):
    """A cell of ``style``; ``arrays`` keeps the sheet's styles as openpyxl holds them."""
    cell = WriteOnlyCell(sheet, value=value)
    if style:
        # openpyxl finds a named style by name among the workbook's for every assignment: the
        # first cell of a style does it, the others copy its reference to the style.
        array = arrays.get(style)
        if array is None:
            cell.style = style
            arrays[style] = copy(cell._style)
        else:
            cell._style = copy(array)
    if formula_like(value):
        cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
        cell.quotePrefix = True
    return cell
