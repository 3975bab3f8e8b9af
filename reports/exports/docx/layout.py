"""The frame of a document in the format of Nghị định 30/2020/NĐ-CP, and the blocks a report is made of.

Page set-up (A4, margins, page number field in the header from the second
page), Times New Roman throughout, the two-column head with the national
heading, the title, the body's headings, paragraphs and tables, and the
recipients and signature blocks; with the XML helpers python-docx lacks
(fields, rules, borderless tables, repeated header rows).
"""
import io
from dataclasses import dataclass

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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


@dataclass
class Signer:
    """One signature block: the body, the capacity in which it signs, a blank for the name."""

    organisation: str
    capacity: list[str]


# --------------------------------------------------------------------------- layout


class _Document:
    """A python-docx document set up for an administrative text, with the few blocks a report uses."""

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
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(paragraph, "PAGE", size=13)

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
        _set_font(styles["Header"], 13)
        for name in ("Heading 1", "Heading 2"):
            style = styles[name]
            _set_font(style, BODY_PT)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True

    # Frame ------------------------------------------------------------------

    def header(self, *, superiors: list[str], issuers: list[str], number: str, place: str, signed_on) -> None:
        """The two-column head: issuing bodies and number | national heading, motto, place and date."""
        table = self._layout_table(1, [6.0, 10.0])
        left, right = table.rows[0].cells
        paragraph = left.paragraphs[0]
        for index, name in enumerate(superiors):
            if index:
                paragraph = left.add_paragraph()
            _centre(paragraph)
            _run(paragraph, name.upper(), size=12)
        for index, name in enumerate(issuers or [""]):
            if superiors or index:
                paragraph = left.add_paragraph()
            _centre(paragraph)
            _run(paragraph, name.upper(), size=12, bold=True)
        _rule(left.add_paragraph(), indent_cm=2.0)
        paragraph = left.add_paragraph()
        _centre(paragraph)
        paragraph.paragraph_format.space_before = Pt(4)
        _run(paragraph, f"Số: {number}" if number else "Số:       /BC-", size=13)

        paragraph = right.paragraphs[0]
        _centre(paragraph)
        _run(paragraph, NATIONAL_HEADING, size=12, bold=True)
        paragraph = right.add_paragraph()
        _centre(paragraph)
        _run(paragraph, MOTTO, size=13, bold=True, underline=True)
        paragraph = right.add_paragraph()
        _centre(paragraph)
        paragraph.paragraph_format.space_before = Pt(10)
        _run(paragraph, place_and_date(place, signed_on), size=13, italic=True)

    def title(self, summary: str) -> None:
        """The type of document and its summary (trích yếu), centred and bold, with a short rule."""
        paragraph = self.document.add_paragraph()
        _centre(paragraph)
        paragraph.paragraph_format.space_before = Pt(18)
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, "BÁO CÁO", size=BODY_PT, bold=True)
        paragraph = self.document.add_paragraph()
        _centre(paragraph)
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, summary, size=BODY_PT, bold=True)
        _rule(self.document.add_paragraph(), indent_cm=TEXT_WIDTH_CM / 2 - 2.5)

    def signatures(self, signers: list[Signer], recipients: list[str]) -> None:
        """Recipients on the left and the signature on the right; several signers side by side above."""
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)
        signers = signers or [Signer("", [])]
        if len(signers) == 1:
            table = self._layout_table(1, [6.0, 10.0])
            left, right = table.rows[0].cells
            self._recipients(left, recipients)
            self._signature(right, signers[0], with_name=False)
            return
        # Joint documents: the lead body (listed first) signs on the right (Phụ lục I, NĐ 30/2020).
        signers = list(reversed(signers))
        width = TEXT_WIDTH_CM / max(len(signers), 1)
        table = self._layout_table(1, [width] * len(signers))
        for cell, signer in zip(table.rows[0].cells, signers):
            self._signature(cell, signer, with_name=True)
        table = self._layout_table(1, [8.0, 8.0])
        self._recipients(table.rows[0].cells[0], recipients)

    def _recipients(self, cell, recipients: list[str]) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, "Nơi nhận:", size=12, bold=True, italic=True)
        for line in recipients:
            paragraph = cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            _run(paragraph, line, size=11)

    def _signature(self, cell, signer: Signer, *, with_name: bool) -> None:
        lines = ([signer.organisation.upper()] if with_name and signer.organisation else []) + signer.capacity
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines or [""]):
            if index:
                paragraph = cell.add_paragraph()
            _centre(paragraph)
            paragraph.paragraph_format.space_after = Pt(0)
            _run(paragraph, line, size=13, bold=True)
        paragraph = cell.add_paragraph()
        _centre(paragraph)
        _run(paragraph, SIGN_HINT, size=13, italic=True)
        for _blank in range(4):  # room for the signature and the seal
            cell.add_paragraph().paragraph_format.space_after = Pt(0)

    # Body -------------------------------------------------------------------

    def heading(self, text: str) -> None:
        self.document.add_paragraph(safe_text(text), style="Heading 1")

    def subheading(self, text: str) -> None:
        self.document.add_paragraph(safe_text(text), style="Heading 2")

    def para(self, text: str, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, italic=None):
        paragraph = self.document.add_paragraph()
        paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        _run(paragraph, text, italic=italic)
        return paragraph

    def bullet(self, text: str, *, lead: str = ""):
        """A "- " item, optionally led by a bold name ("- Hội Khuyến học xã A: ...")."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        _run(paragraph, "- ")
        if lead:
            _run(paragraph, f"{lead}: ", bold=True)
        _run(paragraph, text)
        return paragraph

    def answer(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.left_indent = Cm(1)
        _run(paragraph, "Trả lời: ", italic=True, bold=True)
        _run(paragraph, text, italic=True)

    def note(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(3)
        _run(paragraph, f"Ghi chú: {text}", size=12, italic=True)

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
        """A bordered table; ``numeric`` columns are aligned right. The header row repeats on each page."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, widths_cm)
        header = table.rows[0]
        _repeat_header(header)
        for cell, text in zip(header.cells, headers):
            self._cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for row, values in zip(table.rows[1:], rows):
            _cant_split(row)
            for column, (cell, text) in enumerate(zip(row.cells, values)):
                if column in numeric:
                    align = WD_ALIGN_PARAGRAPH.RIGHT
                elif column == 0:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                else:
                    align = WD_ALIGN_PARAGRAPH.LEFT
                self._cell(cell, text, align=align)
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)

    @staticmethod
    def _cell(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = str(text).split("\n") if text else [""]
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines):
            if index:
                paragraph = cell.add_paragraph()
            paragraph.alignment = align
            paragraph.paragraph_format.space_before = Pt(2)
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.paragraph_format.line_spacing = 1.0
            _run(paragraph, line, size=TABLE_PT, bold=bold)

    def _layout_table(self, rows: int, widths_cm: list[float]):
        """A table without borders, to place blocks side by side."""
        table = self.document.add_table(rows=rows, cols=len(widths_cm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, widths_cm)
        _no_borders(table)
        return table


# --------------------------------------------------------------------------- XML helpers


def _run(paragraph, text: str, *, size: int | None = None, bold=None, italic=None, underline=None):
    run = paragraph.add_run(safe_text(text))
    _set_rfonts(run._element.get_or_add_rPr())
    if size:
        run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run


def _centre(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0


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


def _add_field(paragraph, instruction: str, *, size: int) -> None:
    """A field Word computes (PAGE...): begin, instruction, separate, a placeholder value, end."""

    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        _run(paragraph, "", size=size)._element.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _run(paragraph, "", size=size)._element.append(code)
    char("separate")
    _run(paragraph, "2", size=size)
    char("end")


def _rule(paragraph, *, indent_cm: float) -> None:
    """A short horizontal line: an empty paragraph's bottom border, narrowed by equal indents."""
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange",
    )
    # The paragraph mark sets the empty line's height: keep it tiny so the rule hugs the text above.
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


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
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    trpr.insert(0, element)
