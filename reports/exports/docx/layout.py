"""The frame of a document in the format of Nghị định 30/2020/NĐ-CP, and the blocks a report is made of.

Page set-up (A4, margins, page number field in the header from the second
page), Times New Roman throughout, the two-column head with the national
heading, the title, the body's headings, paragraphs and tables, and the
recipients and signature blocks; with the XML helpers python-docx lacks
(fields, rules, borderless tables, repeated header rows).
"""

import io
import re
from dataclasses import dataclass

import docx
from django.utils.text import slugify
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from .. import place_and_date, text_lines
from ..safe import safe_text

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
TEXT_WIDTH_CM = 16.0  # 21 cm less 3 cm left and 2 cm right
NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
RECIPIENTS = ["- Như trên;", "- Lưu: VT."]

# The document's own styles, defined once (``_add_style``) and named as staff see them in Word.
# Paragraph styles are based on "Normal" (Times New Roman 14, 6 pt after, 1.15 lines).
BODY = "Đoạn văn"
CENTRED = "Đoạn văn căn giữa"
ANSWER = "Trả lời kiến nghị"
NOTE = "Ghi chú"
BLANK = "Dòng trống"
CELL = "Ô bảng"
CELL_CENTRED = "Ô bảng căn giữa"
CELL_RIGHT = "Ô bảng căn phải"
CELL_HEADER = "Ô bảng tiêu đề"
SUPERIOR = "Cơ quan cấp trên"
ISSUER = "Cơ quan ban hành"
NUMBER = "Số, ký hiệu"
NATIONAL = "Quốc hiệu"
MOTTO_STYLE = "Tiêu ngữ"
PLACE_DATE = "Địa danh, ngày tháng"
DOC_TYPE = "Tên loại văn bản"
SUMMARY = "Trích yếu"
RULE = "Đường kẻ"
RECIPIENTS_HEAD = "Nơi nhận"
RECIPIENT = "Nơi nhận (dòng)"
SIGNER = "Chức vụ người ký"
SIGN_HINT_STYLE = "Hướng dẫn ký"
STRONG = "Nhấn mạnh"  # a character style: the unit's name leading its text, "Trả lời:"
HEADING, SUBHEADING = "Heading 1", "Heading 2"  # Word's own, so that its navigation pane works
_PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T, _VAL, _SPACE = (
    qn(tag) for tag in ("w:pPr", "w:pStyle", "w:r", "w:rPr", "w:rStyle", "w:t", "w:val", "xml:space")
)
_BREAKS = re.compile(r"[\t\n\r]")

_JUSTIFY, _CENTER, _RIGHT = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
_CENTRED = dict(alignment=_CENTER, space_after=Pt(0), line_spacing=1.0)  # the head, the title, the signature
_CELL = dict(space_before=Pt(2), space_after=Pt(2), line_spacing=1.0, size=TABLE_PT)
STYLES = {
    BODY: dict(alignment=_JUSTIFY, first_line_indent=Cm(1)),
    CENTRED: dict(alignment=_CENTER),
    ANSWER: dict(alignment=_JUSTIFY, left_indent=Cm(1), italic=True),
    NOTE: dict(space_before=Pt(3), size=12, italic=True),
    BLANK: dict(space_after=Pt(0)),
    CELL: dict(_CELL, alignment=WD_ALIGN_PARAGRAPH.LEFT),
    CELL_CENTRED: dict(_CELL, alignment=_CENTER),
    CELL_RIGHT: dict(_CELL, alignment=_RIGHT),
    CELL_HEADER: dict(_CELL, alignment=_CENTER, bold=True),
    SUPERIOR: dict(_CENTRED, size=12),
    ISSUER: dict(_CENTRED, size=12, bold=True),
    NUMBER: dict(_CENTRED, space_before=Pt(4), size=13),
    NATIONAL: dict(_CENTRED, size=12, bold=True),
    MOTTO_STYLE: dict(_CENTRED, size=13, bold=True, underline=True),
    PLACE_DATE: dict(_CENTRED, space_before=Pt(10), size=13, italic=True),
    DOC_TYPE: dict(_CENTRED, space_before=Pt(18), bold=True),
    SUMMARY: dict(_CENTRED, bold=True),
    RULE: dict(space_before=Pt(0), space_after=Pt(0), line_spacing=1.0, size=2, rule=True),
    RECIPIENTS_HEAD: dict(space_after=Pt(0), size=12, bold=True, italic=True),
    RECIPIENT: dict(space_after=Pt(0), size=11),
    SIGNER: dict(_CENTRED, size=13, bold=True),
    SIGN_HINT_STYLE: dict(_CENTRED, size=13, italic=True),
    STRONG: dict(character=True, bold=True),
}


@dataclass
class Signer:
    """One signature block: the body, the capacity in which it signs, a blank for the name
    (or the ``name`` printed under it, when the document knows who signs)."""

    organisation: str
    capacity: list[str]
    name: str = ""


# --------------------------------------------------------------------------- layout


class _Document:
    """A python-docx document set up for an administrative text, with the few blocks a report uses.

    Every paragraph and run is written through a named style that ``_setup_styles`` defines
    once (``STYLES``): a reader who changes "Đoạn văn" in Word changes every body paragraph,
    and a document of 3,000 units' paragraphs carries no formatting of its own per run.
    """

    def __init__(self):
        self.document = docx.Document()
        self._setup_page()
        self._setup_styles()

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # Set-up -----------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.header_distance = section.footer_distance = Cm(1)
        # Page numbers centred at the top, from the second page on.
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        _add_field(section.header.paragraphs[0], "PAGE")

    def _setup_styles(self) -> None:
        styles = self.document.styles
        # The document's defaults first, so that text staff add keeps the font.
        defaults = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if defaults is not None:
            _set_rfonts(defaults)
            lang = defaults.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:val"), "vi-VN")
        normal = styles["Normal"]
        _set_font(normal, BODY_PT)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        header = styles["Header"]
        _set_font(header, 13)
        header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for name in ("Heading 1", "Heading 2"):
            style = styles[name]
            _set_font(style, BODY_PT)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        # Paragraphs and runs name their style by its id: python-docx's lookup by style object
        # scans every style of the document for each paragraph, which a long document cannot afford.
        self.style = {name: _add_style(styles, name, spec).style_id for name, spec in STYLES.items()}
        self.style[HEADING], self.style[SUBHEADING] = styles["Heading 1"].style_id, styles["Heading 2"].style_id
        self.grid = styles["Table Grid"]
        self._section = self.document.element.body.sectPr

    def _p(self, style: str, text: str = ""):
        """A paragraph of ``style`` at the end of the body, with ``text`` as one run."""
        # Put before the body's closing section properties, held once: python-docx looks them up
        # again among all the body's children for every paragraph it adds (quadratic).
        element = OxmlElement("w:p")
        self._section.addprevious(element)
        etree.SubElement(etree.SubElement(element, _PPR), _PSTYLE).set(_VAL, self.style[style])
        paragraph = Paragraph(element, self.document._body)
        _add_text(paragraph, text)
        return paragraph

    def _strong(self, paragraph, text: str) -> None:
        _add_text(paragraph, text, self.style[STRONG])

    # Frame ------------------------------------------------------------------

    def header(
        self, *, superiors: list[str], issuers: list[str], number: str, place: str, signed_on, symbol: str = "BC"
    ) -> None:
        """The two-column head: issuing bodies and number | national heading, motto, place and date.
        Without a number, a blank to fill in by hand before the type of document's ``symbol``
        (BC a report, BB minutes, TB a notice)."""
        table = self._layout_table(1, [6.0, 10.0])
        left, right = table.rows[0].cells
        cell = _Cell(left, self.style)
        for name in superiors:
            cell.p(SUPERIOR, name.upper())
        for name in issuers or [""]:
            cell.p(ISSUER, name.upper())
        _rule(cell.p(RULE), indent_cm=2.0)
        cell.p(NUMBER, f"Số: {number}" if number else f"Số:       /{symbol}-")
        cell = _Cell(right, self.style)
        cell.p(NATIONAL, NATIONAL_HEADING)
        cell.p(MOTTO_STYLE, MOTTO)
        cell.p(PLACE_DATE, place_and_date(place, signed_on))

    def title(self, summary: str, *, kind: str = "BÁO CÁO") -> None:
        """The type of document ("BÁO CÁO", "BIÊN BẢN", "THÔNG BÁO") and its summary (trích yếu),
        centred and bold, with a short rule."""
        self._p(DOC_TYPE, kind)
        self._p(SUMMARY, summary)
        _rule(self._p(RULE), indent_cm=TEXT_WIDTH_CM / 2 - 2.5)

    def signatures(self, signers: list[Signer], recipients: list[str] = (), *, keep_together: bool = False) -> None:
        """Recipients on the left and the signature on the right; several signers side by side above.
        Without ``recipients`` (minutes have none) there is no "Nơi nhận" block.

        With ``keep_together`` the signatures and the recipients are never split across pages
        and stay on the page of the last paragraph above them, so that no page holds a signature
        without the text it signs. (Word honours both; LibreOffice 7.4 keeps the blocks whole but,
        in a longer document, sometimes leaves that paragraph on the page before.)"""
        blank = self._p(BLANK)
        signers = signers or [Signer("", [])]
        tables = []
        if len(signers) == 1:
            table = self._layout_table(1, [6.0, 10.0])
            left, right = table.rows[0].cells
            if recipients:
                self._recipients(left, recipients)
            self._signature(right, signers[0], with_name=False)
            tables.append(table)
        else:
            # Joint documents: the lead body (listed first) signs on the right (Phụ lục I, NĐ 30/2020).
            signers = list(reversed(signers))
            width = TEXT_WIDTH_CM / max(len(signers), 1)
            table = self._layout_table(1, [width] * len(signers))
            for cell, signer in zip(table.rows[0].cells, signers):
                self._signature(cell, signer, with_name=True)
            tables.append(table)
            if recipients:
                table = self._layout_table(1, [8.0, 8.0])
                self._recipients(table.rows[0].cells[0], recipients)
                tables.append(table)
        if keep_together:
            _keep_together(blank, tables)

    def _recipients(self, cell, recipients: list[str]) -> None:
        cell = _Cell(cell, self.style)
        cell.p(RECIPIENTS_HEAD, "Nơi nhận:")
        for line in recipients:
            cell.p(RECIPIENT, line)

    def _signature(self, cell, signer: Signer, *, with_name: bool) -> None:
        lines = ([signer.organisation.upper()] if with_name and signer.organisation else []) + signer.capacity
        cell = _Cell(cell, self.style)
        for line in lines or [""]:
            cell.p(SIGNER, line)
        cell.p(SIGN_HINT_STYLE, SIGN_HINT)
        for _blank in range(4):  # room for the signature and the seal
            cell.p(BLANK)
        if signer.name:
            cell.p(SIGNER, signer.name)

    # Body -------------------------------------------------------------------

    def heading(self, text: str) -> None:
        self._p(HEADING, text)

    def subheading(self, text: str) -> None:
        self._p(SUBHEADING, text)

    def para(self, text: str, *, centred: bool = False, lead: str = ""):
        """A body paragraph, optionally led by a bold name ("Địa điểm: ...")."""
        if not lead:
            return self._p(CENTRED if centred else BODY, text)
        paragraph = self._p(CENTRED if centred else BODY)
        self._strong(paragraph, f"{lead}: ")
        _add_text(paragraph, text)
        return paragraph

    def bullet(self, text: str, *, lead: str = ""):
        """A "- " item, optionally led by a bold name ("- Hội Khuyến học xã A: ...")."""
        if not lead:
            return self._p(BODY, f"- {text}")
        paragraph = self._p(BODY, "- ")
        self._strong(paragraph, f"{lead}: ")
        _add_text(paragraph, text)
        return paragraph

    def answer(self, text: str) -> None:
        paragraph = self._p(ANSWER)
        self._strong(paragraph, "Trả lời: ")
        _add_text(paragraph, text)

    def note(self, text: str) -> None:
        self._p(NOTE, f"Ghi chú: {text}")

    def text(self, text: str, empty: str, *, bullets: bool = False) -> None:
        """A unit's free text, one paragraph per line."""
        lines = text_lines(text)
        if not lines:
            self.para(empty)
        for line in lines:
            if bullets:
                self.bullet(line.lstrip("-•+ \t"))
            else:
                self.para(line)

    def raised(self, items, empty: str, *, answers: bool = False) -> None:
        """What the units wrote, each led by the unit's name; with the province's answer if asked."""
        if not items:
            self.para(empty)
        for item in items:
            first, *rest = text_lines(item.text) or [""]
            self.bullet(first.lstrip("-•+ \t"), lead=item.organisation)
            for line in rest:
                self.para(line)
            if answers and item.answer:
                self.answer(item.answer)

    def table(self, headers: list[str], rows: list[list[str]], widths_cm: list[float], *, numeric=()) -> None:
        """A bordered table; ``numeric`` columns are aligned right, the first column centred.
        The header row repeats on each page; a row is never split across pages."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.grid
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, widths_cm)
        header = table.rows[0]
        _repeat_header(header)
        for cell, text in zip(header.cells, headers):
            self._cell(cell, text, CELL_HEADER)
        styles = [
            CELL_RIGHT if column in numeric else CELL_CENTRED if column == 0 else CELL for column in range(len(headers))
        ]
        for row, values in zip(table.rows[1:], rows):
            _cant_split(row)
            for cell, text, style in zip(row.cells, values, styles):
                self._cell(cell, text, style)
        self._p(BLANK)

    def _cell(self, cell, text: str, style: str) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = str(text).split("\n") if text else [""]
        cell = _Cell(cell, self.style)
        for line in lines:
            cell.p(style, line)

    def _layout_table(self, rows: int, widths_cm: list[float]):
        """A table without borders, to place blocks side by side."""
        table = self.document.add_table(rows=rows, cols=len(widths_cm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, widths_cm)
        _no_borders(table)
        return table


class _Cell:
    """Paragraphs added to a table cell: the first one fills the empty paragraph every cell starts with."""

    def __init__(self, cell, styles: dict):
        self.cell, self.styles, self.used = cell, styles, False

    def p(self, style: str, text: str = ""):
        if self.used:
            paragraph = self.cell.add_paragraph()
        else:
            paragraph, self.used = self.cell.paragraphs[0], True
        paragraph._p.style = self.styles[style]
        _add_text(paragraph, text)
        return paragraph


# --------------------------------------------------------------------------- XML helpers


def _add_text(paragraph, text: str, style_id: str | None = None) -> None:
    """``text`` (cleaned) as a run of ``paragraph``, of the character style ``style_id`` if given.

    Plain text is written straight into the XML, a long document's hot path; text with a line
    break or a tab goes through python-docx, which writes them as Word's breaks and tabs."""
    text = safe_text(text)
    if not text:
        return
    if _BREAKS.search(text):
        run = paragraph.add_run(text)
        if style_id:
            run._r.style = style_id
        return
    run = etree.SubElement(paragraph._p, _R)
    if style_id:
        run_style = etree.SubElement(etree.SubElement(run, _RPR), _RSTYLE)
        run_style.set(_VAL, style_id)
    element = etree.SubElement(run, _T)
    element.text = text
    if text != text.strip():
        element.set(_SPACE, "preserve")


def _add_style(styles, name: str, spec: dict):
    """A paragraph style based on "Normal" (or, with ``character``, a character style) as ``spec`` says."""
    spec = dict(spec)
    character = spec.pop("character", False)
    style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER if character else WD_STYLE_TYPE.PARAGRAPH)
    # An ASCII identifier, as Word makes them ("KHDoanVan"); the name is what staff see.
    ascii_name = slugify(name.replace("Đ", "D").replace("đ", "d"))
    style.style_id = "KH" + "".join(part.capitalize() for part in ascii_name.split("-"))
    style.quick_style = True
    font = style.font
    if "size" in spec:
        font.size = Pt(spec.pop("size"))
    for attribute in ("bold", "italic", "underline"):
        if attribute in spec:
            setattr(font, attribute, spec.pop(attribute))
    if character:
        return style
    style.base_style = styles["Normal"]
    if spec.pop("rule", False):
        _bottom_border(style.element.get_or_add_pPr())
    for attribute, value in spec.items():
        setattr(style.paragraph_format, attribute, value)
    return style


def _set_rfonts(rpr) -> None:
    """Times New Roman for every script (Latin, East Asian, complex), dropping theme fonts."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _set_font(style, size: int) -> None:
    _set_rfonts(style.element.get_or_add_rPr())
    style.font.size = Pt(size)
    rpr = style.element.rPr
    complex_size = rpr.find(qn("w:szCs"))
    if complex_size is None:
        complex_size = OxmlElement("w:szCs")
        rpr.sz.addnext(complex_size)
    complex_size.set(qn("w:val"), str(size * 2))


def _add_field(paragraph, instruction: str) -> None:
    """A field Word computes (PAGE...): begin, instruction, separate, a placeholder value, end."""

    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._element.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._element.append(code)
    char("separate")
    paragraph.add_run("2")
    char("end")


def _rule(paragraph, *, indent_cm: float) -> None:
    """A short horizontal line: an empty paragraph of the "Đường kẻ" style (a bottom border),
    narrowed by equal indents."""
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)


def _bottom_border(ppr) -> None:
    """The rule's line; the style's 2 pt paragraph mark keeps the empty line tiny so that it hugs the text above."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def _fix_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def number_column_cm(numbers: list[str]) -> float:
    """A number column's width in cm: wide enough to keep the longest number on one line (a
    conclusion's "KL2026.1.1"), taken from the text beside it; 1.2 for the usual "II.3"."""
    longest = max((len(number) for number in numbers), default=0)
    return min(2.8, max(1.2, 0.25 * longest + 0.4))


def _keep_together(blank, tables) -> None:
    """The paragraph before ``blank``, ``blank`` and ``tables`` (one row each) on one page: rows that
    cannot split, and every paragraph up to the last table kept with the next one."""
    previous = blank._p.getprevious()
    keep = [blank._p] + ([previous] if previous is not None and previous.tag == qn("w:p") else [])
    for table in tables[:-1]:
        keep += [p._p for cell in table.rows[0].cells for p in cell.paragraphs]
    for paragraph in keep:
        paragraph.get_or_add_pPr().keepNext_val = True
    for table in tables:
        _cant_split(table.rows[0])


def _cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    trpr.insert(0, element)
