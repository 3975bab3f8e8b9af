"""Tests for programmes.importer.readers: bytes in, text or an error code out.

All fixtures are built in code; no database is needed.
"""

import io
import unicodedata
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.importer.errors import UnreadableDocument
from programmes.importer.readers import MAX_BYTES, read_document

PLAN_TEXT = "KẾ HOẠCH PHỐI HỢP\ngiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh\ngiai đoạn 2024 - 2026\n"


def to_cp1258(text):
    """Windows-1258 keeps tone marks as combining characters after the letter."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in decomposed if mark in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def code_of(data, filename="", **kwargs):
    with pytest.raises(UnreadableDocument) as excinfo:
        read_document(data, filename, **kwargs)
    return excinfo.value.code


# --------------------------------------------------------------------------
# Plain text


class TestText:
    def test_utf8(self):
        assert read_document(PLAN_TEXT.encode("utf-8")) == PLAN_TEXT.strip("\n")

    def test_utf8_with_bom(self):
        text = read_document(b"\xef\xbb\xbf" + PLAN_TEXT.encode("utf-8"))
        assert text.startswith("KẾ HOẠCH")
        assert "\ufeff" not in text

    def test_utf16_le_with_bom(self):
        assert read_document(PLAN_TEXT.encode("utf-16")) == PLAN_TEXT.strip("\n")
        assert read_document(b"\xff\xfe" + PLAN_TEXT.encode("utf-16-le")) == PLAN_TEXT.strip("\n")

    def test_utf16_be_with_bom(self):
        assert read_document(b"\xfe\xff" + PLAN_TEXT.encode("utf-16-be")) == PLAN_TEXT.strip("\n")

    @pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_bom(self, encoding):
        assert read_document(PLAN_TEXT.encode(encoding)) == PLAN_TEXT.strip("\n")

    def test_utf32_with_bom(self):
        assert read_document(PLAN_TEXT.encode("utf-32")) == PLAN_TEXT.strip("\n")

    def test_decomposed_vietnamese_comes_back_composed(self):
        decomposed = unicodedata.normalize("NFD", PLAN_TEXT)
        assert decomposed != PLAN_TEXT
        text = read_document(decomposed.encode("utf-8"))
        assert text == PLAN_TEXT.strip("\n")
        assert unicodedata.is_normalized("NFC", text)

    def test_newlines_are_normalised(self):
        data = "Dòng một\r\nDòng hai\rDòng ba\u2028Dòng bốn\n".encode("utf-8")
        assert read_document(data) == "Dòng một\nDòng hai\nDòng ba\nDòng bốn"

    def test_trailing_spaces_and_outer_blank_lines_go_indentation_stays(self):
        data = "\n\n  Điều 1.   \n\tnội dung \n\n\n".encode("utf-8")
        assert read_document(data) == "  Điều 1.\n\tnội dung"

    def test_a_few_stray_control_characters_are_removed(self):
        data = ("Kế hoạch số 12/KH-SGDĐT" * 5 + "\x1a").encode("utf-8")
        assert read_document(data) == "Kế hoạch số 12/KH-SGDĐT" * 5

    def test_filename_does_not_decide_the_format(self):
        assert read_document(PLAN_TEXT.encode("utf-8"), "ke-hoach.pdf").startswith("KẾ HOẠCH")
        assert read_document(PLAN_TEXT.encode("utf-8"), "ke-hoach.docx").startswith("KẾ HOẠCH")


class TestTextErrors:
    @pytest.mark.parametrize("data", [b"", b"   ", b" \r\n\t\n", b"\xef\xbb\xbf  \n", "\u2028".encode()])
    def test_empty(self, data):
        assert code_of(data) == "empty"

    def test_utf16_bom_only_is_empty(self):
        assert code_of(b"\xff\xfe") == "empty"

    def test_too_large(self):
        data = b"a" * (MAX_BYTES + 1)
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(data)
        assert excinfo.value.code == "too_large"
        assert excinfo.value.detail == {"size": MAX_BYTES + 1, "limit": MAX_BYTES}

    def test_exactly_the_limit_is_fine(self):
        assert read_document(b"a" * 1000, max_bytes=1000) == "a" * 1000

    def test_max_bytes_override(self):
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(b"a" * 11, max_bytes=10)
        assert excinfo.value.code == "too_large"
        assert excinfo.value.detail == {"size": 11, "limit": 10}

    def test_legacy_vietnamese_encoding(self):
        # Windows-1258 (and TCVN3, VNI) text is not guessed: the user is asked
        # to save it as Unicode.
        data = to_cp1258("Kế hoạch phối hợp giữa ngành Giáo dục và Hội Khuyến học")
        assert code_of(data) == "encoding"

    def test_utf16_bom_followed_by_an_odd_byte(self):
        assert code_of(b"\xff\xfe\xfd") == "encoding"

    def test_utf8_bom_followed_by_invalid_utf8(self):
        assert code_of(b"\xef\xbb\xbfabc\xff") == "encoding"

    def test_undecodable_bytes_that_do_not_look_like_text(self):
        assert code_of(b"\xfd\xfe\xff") == "binary"

    def test_nul_bytes(self):
        assert code_of(b"Ke hoach\x00\x01\x02 phoi hop\x00") == "binary"

    def test_many_control_characters(self):
        assert code_of("Kế hoạch\x01\x02\x03\x04\x05".encode("utf-8")) == "binary"

    @pytest.mark.parametrize(
        ("data", "fmt"),
        [
            (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "elf"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "png"),
            (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
            (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "exe"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "doc"),
        ],
    )
    def test_known_binary_formats(self, data, fmt):
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(data, "ke-hoach.txt")
        assert excinfo.value.code == "binary"
        assert excinfo.value.detail == {"format": fmt}

    def test_random_bytes(self):
        data = bytes((i * 7919 + 13) % 256 for i in range(4096))
        assert code_of(data) == "binary"

    def test_rtf_is_not_read_as_text(self):
        assert code_of(rb"{\rtf1\ansi K\'ea ho\'5fch}") == "binary"

    def test_unknown_bytes_named_pdf_are_a_broken_pdf(self):
        data = bytes((i * 7919 + 13) % 256 for i in range(4096))
        assert code_of(data, "ke-hoach.pdf") == "corrupted"
        assert code_of(data, "ke-hoach.docx") == "corrupted"

    def test_bytes_only(self):
        with pytest.raises(TypeError):
            read_document("đã là str")  # a programming error, not an upload problem

    def test_bytearray_is_accepted(self):
        assert read_document(bytearray(b"Ke hoach")) == "Ke hoach"


# --------------------------------------------------------------------------
# .docx


BOX_DECLS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_abstract_num(document, abstract_id, levels):
    """Add an abstractNum; ``levels`` is a list of (numFmt, lvlText, start, extra_xml)."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start, extra) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    # abstractNum elements must come before the num elements.
    numbering.insert(0, abstract)


def add_num(document, num_id, abstract_id, start_overrides=None):
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )


def set_num_pr(paragraph, num_id, ilvl=None):
    ilvl_xml = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>')
    )


def numbered(document, text, num_id, ilvl=None, container=None):
    paragraph = (container or document).add_paragraph(text)
    set_num_pr(paragraph, num_id, ilvl)
    return paragraph


def lines_of(document):
    return read_document(docx_bytes(document), "ke-hoach.docx").split("\n")


@pytest.fixture
def plan_docx():
    """A plan as Word would hold it: headings, lists, a signature table."""
    document = docx.Document()
    # Roman sections with decimal sub-items: "I.", "1.", "1.1.", "a)".
    add_abstract_num(
        document,
        90,
        [
            ("upperRoman", "%1.", 1, ""),
            ("decimal", "%2.", 1, ""),
            ("decimal", "%2.%3.", 1, ""),
            ("lowerLetter", "%4)", 1, ""),
        ],
    )
    add_num(document, 90, 90)

    document.add_heading("KẾ HOẠCH PHỐI HỢP", level=1)
    document.add_paragraph("Căn cứ Chương trình phối hợp số 12/CTPH-BGDĐT-HKHVN;")
    numbered(document, "MỤC ĐÍCH, YÊU CẦU", 90, 0)
    numbered(document, "Mục đích", 90, 1)
    numbered(document, "Nâng cao chất lượng học tập suốt đời.", 90, 2)
    numbered(document, "Xây dựng xã hội học tập.", 90, 2)
    numbered(document, "cấp tỉnh;", 90, 3)
    numbered(document, "cấp huyện.", 90, 3)
    numbered(document, "Yêu cầu", 90, 1)
    numbered(document, "Phối hợp chặt chẽ.", 90, 2)
    numbered(document, "NỘI DUNG PHỐI HỢP", 90, 0)
    numbered(document, "Tuyên truyền", 90, 1)
    # python-docx's built-in list styles carry the numPr in the style.
    document.add_paragraph("Mục đích", style="List Number")
    document.add_paragraph("Yêu cầu", style="List Number")
    document.add_paragraph("Tổ chức hội nghị sơ kết.", style="List Bullet")
    document.add_paragraph("Báo cáo định kỳ.", style="List Bullet")
    plain = document.add_paragraph("Đoạn văn thường", style="List Number")
    set_num_pr(plain, 0)  # numId 0 switches the style's numbering off

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "Nơi nhận:"
    left.add_paragraph("- Như trên;")
    left.add_paragraph("- Lưu: VT.")
    right.paragraphs[0].text = "TM. BAN CHẤP HÀNH"
    right.add_paragraph("CHỦ TỊCH")
    right.add_paragraph("Nguyễn Văn An")
    return document


class TestDocx:
    def test_headings_paragraphs_and_numbering(self, plan_docx):
        lines = lines_of(plan_docx)
        assert lines[:12] == [
            "KẾ HOẠCH PHỐI HỢP",
            "Căn cứ Chương trình phối hợp số 12/CTPH-BGDĐT-HKHVN;",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "1.1. Nâng cao chất lượng học tập suốt đời.",
            "1.2. Xây dựng xã hội học tập.",
            "a) cấp tỉnh;",
            "b) cấp huyện.",
            "2. Yêu cầu",
            "2.1. Phối hợp chặt chẽ.",
            "II. NỘI DUNG PHỐI HỢP",
            "1. Tuyên truyền",
        ]

    def test_style_level_numbering_and_bullets(self, plan_docx):
        lines = lines_of(plan_docx)
        assert lines[12:17] == [
            "1. Mục đích",
            "2. Yêu cầu",
            "- Tổ chức hội nghị sơ kết.",
            "- Báo cáo định kỳ.",
            "Đoạn văn thường",
        ]

    def test_signature_table_cells_are_read_in_order(self, plan_docx):
        lines = lines_of(plan_docx)
        assert lines[17:] == [
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "TM. BAN CHẤP HÀNH",
            "CHỦ TỊCH",
            "Nguyễn Văn An",
        ]

    def test_filename_is_not_needed(self, plan_docx):
        assert read_document(docx_bytes(plan_docx)) == read_document(docx_bytes(plan_docx), "ke-hoach.docx")

    def test_nfc(self):
        document = docx.Document()
        document.add_paragraph(unicodedata.normalize("NFD", "Hội Khuyến học"))
        assert read_document(docx_bytes(document)) == "Hội Khuyến học"

    def test_restart_shared_abstract_and_lvl_restart(self):
        document = docx.Document()
        add_abstract_num(
            document,
            50,
            [("decimal", "%1.", 1, ""), ("decimal", "%1.%2.", 1, "")],
        )
        add_num(document, 50, 50)
        add_num(document, 51, 50)  # same list, continues numbering
        add_num(document, 52, 50, start_overrides={0: 1})  # "Restart numbering"
        numbered(document, "một", 50, 0)
        numbered(document, "một chấm một", 50, 1)
        numbered(document, "hai", 51, 0)
        numbered(document, "hai chấm một", 51, 1)  # deeper level restarted
        numbered(document, "lại một", 52, 0)
        numbered(document, "lại hai", 52, 0)
        assert lines_of(document) == [
            "1. một",
            "1.1. một chấm một",
            "2. hai",
            "2.1. hai chấm một",
            "1. lại một",
            "2. lại hai",
        ]

    def test_formats(self):
        document = docx.Document()
        add_abstract_num(
            document,
            60,
            [
                ("upperLetter", "%1.", 26, ""),
                ("lowerRoman", "(%2)", 4, ""),
                ("decimalZero", "%3", 9, ""),
                ("decimal", "Điều %4.", 1, ""),
                ("decimal", "%1.%2.%5", 1, "<w:isLgl/>"),
                ("none", "", 1, ""),
            ],
        )
        add_num(document, 60, 60)
        numbered(document, "Z", 60, 0)
        numbered(document, "AA", 60, 0)
        numbered(document, "iv", 60, 1)
        numbered(document, "v", 60, 1)
        numbered(document, "09", 60, 2)
        numbered(document, "10", 60, 2)
        numbered(document, "điều", 60, 3)
        numbered(document, "legal", 60, 4)
        numbered(document, "không số", 60, 5)
        assert lines_of(document) == [
            "Z. Z",
            "AA. AA",
            "(iv) iv",
            "(v) v",
            "09 09",
            "10 10",
            "Điều 1. điều",
            "27.5.1 legal",
            "không số",
        ]

    def test_heading_numbering_through_style_and_lvl_pstyle(self):
        document = docx.Document()
        add_abstract_num(
            document,
            70,
            [
                ("upperRoman", "%1.", 1, '<w:pStyle w:val="Heading1"/>'),
                ("decimal", "%2.", 1, '<w:pStyle w:val="Heading2"/>'),
            ],
        )
        add_num(document, 70, 70)
        for style_name in ("Heading 1", "Heading 2"):
            ppr = document.styles[style_name].element.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="70"/></w:numPr>'))
        document.add_heading("MỤC ĐÍCH", level=1)
        document.add_heading("Mục đích chung", level=2)
        document.add_heading("Mục đích cụ thể", level=2)
        document.add_heading("NỘI DUNG", level=1)
        document.add_heading("Tuyên truyền", level=2)
        assert lines_of(document) == [
            "I. MỤC ĐÍCH",
            "1. Mục đích chung",
            "2. Mục đích cụ thể",
            "II. NỘI DUNG",
            "1. Tuyên truyền",
        ]

    def test_num_style_link(self):
        document = docx.Document()
        add_abstract_num(document, 80, [("decimal", "Mục %1.", 1, "")])
        add_abstract_num(document, 81, [])
        numbering = document.part.numbering_part.element
        abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))}
        abstracts["80"].insert(0, parse_xml(f'<w:styleLink {nsdecls("w")} w:val="PlanList"/>'))
        abstracts["81"].insert(0, parse_xml(f'<w:numStyleLink {nsdecls("w")} w:val="PlanList"/>'))
        add_num(document, 80, 80)
        add_num(document, 81, 81)
        document.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="PlanList">'
                '<w:name w:val="Plan List"/><w:pPr><w:numPr><w:numId w:val="80"/></w:numPr></w:pPr>'
                "</w:style>"
            )
        )
        numbered(document, "một", 81, 0)
        numbered(document, "hai", 81, 0)
        assert lines_of(document) == ["Mục 1. một", "Mục 2. hai"]

    def test_broken_numbering_definitions_do_not_break_reading(self):
        document = docx.Document()
        add_abstract_num(document, 85, [("decimal", "%1.", "x", '<w:lvlRestart w:val="y"/>')])
        add_abstract_num(document, 86, [])
        abstracts = document.part.numbering_part.element.iterchildren(qn("w:abstractNum"))
        next(a for a in abstracts if a.get(qn("w:abstractNumId")) == "86").insert(
            0, parse_xml(f'<w:numStyleLink {nsdecls("w")} w:val="Missing"/>')
        )
        add_num(document, 85, 85)
        add_num(document, 86, 86)
        add_num(document, 87, 999)  # no such abstractNum
        numbered(document, "start is not a number", 85, 0)
        numbered(document, "ilvl out of range", 85, 99)
        numbered(document, "ilvl not a number", 85, "x")
        numbered(document, "dangling style link", 86, 0)
        numbered(document, "missing abstractNum", 87, 0)
        numbered(document, "missing num", 4242, 0)
        assert lines_of(document) == [
            "0. start is not a number",
            "ilvl out of range",
            "1. ilvl not a number",
            "dangling style link",
            "missing abstractNum",
            "missing num",
        ]

    def test_numbered_paragraphs_in_table_cells(self):
        document = docx.Document()
        document.add_paragraph("Trước bảng", style="List Number")
        table = document.add_table(rows=2, cols=1)
        table.cell(0, 0).paragraphs[0].style = document.styles["List Number"]
        table.cell(0, 0).paragraphs[0].text = "Trong bảng"
        table.cell(1, 0).add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].text = "Bảng lồng"
        document.add_paragraph("Sau bảng", style="List Number")
        lines = [line for line in lines_of(document) if line]
        assert lines == ["1. Trước bảng", "2. Trong bảng", "Bảng lồng", "3. Sau bảng"]

    def test_merged_cells_are_read_once(self):
        document = docx.Document()
        table = document.add_table(rows=2, cols=2)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert read_document(docx_bytes(document)).count("CỘNG HÒA") == 1

    def test_tracked_changes_hidden_text_breaks_and_tabs(self):
        document = docx.Document()
        paragraph = document.add_paragraph("Giữ")
        paragraph._p.append(
            parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText> đã xóa</w:delText></w:r></w:del>')
        )
        paragraph._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="2" w:author="a">'
                '<w:r><w:t xml:space="preserve"> đã thêm</w:t></w:r></w:ins>'
            )
        )
        hidden = paragraph.add_run(" ẩn")
        hidden.font.hidden = True
        run = paragraph.add_run("A")
        run.add_tab()
        run.add_text("B")
        run.add_break()
        run.add_text("C")
        paragraph._p.append(
            parse_xml(
                f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99">'
                '<w:r><w:t xml:space="preserve"> liên kết</w:t></w:r></w:hyperlink>'
            )
        )
        assert read_document(docx_bytes(document)) == "Giữ đã thêmA\tB\nC liên kết"

    def test_text_box_is_read_once(self):
        document = docx.Document()
        paragraph = document.add_paragraph("Trước")
        box = "<w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p></w:txbxContent>"
        paragraph._p.append(
            parse_xml(
                f"<w:r {nsdecls('w')} {BOX_DECLS}><mc:AlternateContent>"
                f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
                f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
                "</mc:AlternateContent></w:r>"
            )
        )
        document.add_paragraph("Sau")
        assert read_document(docx_bytes(document)) == "Trước\nTrong khung\nSau"

    def test_docx_without_text_is_empty(self):
        assert code_of(docx_bytes(docx.Document())) == "empty"

    def test_macro_enabled_and_template_variants_are_read(self):
        document = docx.Document()
        document.add_paragraph("Kế hoạch", style="List Number")
        original = docx_bytes(document)
        for content_type in (
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        ):
            data = rezip(
                original,
                {
                    "[Content_Types].xml": lambda b, ct=content_type: b.replace(
                        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                        ct.encode(),
                    )
                },
            )
            assert read_document(data) == "1. Kế hoạch"


def rezip(data, changes=None, drop=(), add=None):
    """Copy a zip, transforming, dropping or adding members."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = source.read(info)
            if changes and info.filename in changes:
                content = changes[info.filename](content)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def plain_zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


class TestDocxErrors:
    @pytest.fixture
    def good(self):
        document = docx.Document()
        document.add_paragraph("Kế hoạch phối hợp")
        return docx_bytes(document)

    def test_truncated_docx(self, good):
        assert code_of(good[: len(good) // 2]) == "corrupted"

    def test_missing_document_part(self, good):
        assert code_of(rezip(good, drop={"word/document.xml"})) == "corrupted"

    def test_broken_xml(self, good):
        data = rezip(good, {"word/document.xml": lambda b: b[: len(b) // 2]})
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(data)
        assert excinfo.value.code == "corrupted"
        assert excinfo.value.detail["format"] == "docx"

    def test_zip_that_is_not_a_docx_is_binary(self):
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(plain_zip({"ke-hoach.txt": "Kế hoạch"}), "ke-hoach.zip")
        assert excinfo.value.code == "binary"
        assert excinfo.value.detail == {"format": "zip"}

    def test_zip_that_is_not_a_docx_but_named_docx_is_corrupted(self):
        assert code_of(plain_zip({"ke-hoach.txt": "Kế hoạch"}), "ke-hoach.docx") == "corrupted"

    @pytest.mark.parametrize(
        ("members", "fmt"),
        [
            ({"xl/workbook.xml": "<x/>"}, "xlsx"),
            ({"ppt/presentation.xml": "<x/>"}, "pptx"),
            ({"mimetype": "application/vnd.oasis.opendocument.text"}, "odt"),
        ],
    )
    def test_other_office_formats(self, members, fmt):
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(plain_zip(members))
        assert excinfo.value.code == "binary"
        assert excinfo.value.detail == {"format": fmt}

    def test_empty_zip(self):
        assert code_of(plain_zip({})) == "binary"

    def test_zip_bomb(self, good):
        data = rezip(good, add={"word/media/big.bin": bytes(3_000_000)})
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(data)
        assert excinfo.value.code == "too_compressed"
        assert excinfo.value.detail == {"member": "word/media/big.bin", "limit": 100}


# --------------------------------------------------------------------------
# PDF


def make_pdf(page_streams, flate=False):
    """A minimal valid PDF, one page per content stream (None: no content);
    ``flate``: the streams are given deflated."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    font_id = 3
    objects[font_id] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    kids = []
    next_id = 4
    for stream in page_streams:
        page_id = next_id
        next_id += 1
        kids.append(page_id)
        page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
        if stream is not None:
            content_id = next_id
            next_id += 1
            objects[content_id] = (
                b"<< /Length %d%s >>\nstream\n" % (len(stream), b" /Filter /FlateDecode" if flate else b"")
                + stream
                + b"\nendstream"
            )
            page += b" /Contents %d 0 R" % content_id
        objects[page_id] = page + b" >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def text_stream(*lines):
    body = b"BT /F1 12 Tf 72 770 Td 14 TL "
    for line in lines:
        body += b"(" + line.encode("ascii") + b") Tj T* "
    return body + b"ET"


class TestPdf:
    def test_text_layer(self):
        data = make_pdf(
            [
                text_stream("KE HOACH PHOI HOP", "1. Muc dich"),
                text_stream("2. Yeu cau"),
            ]
        )
        text = read_document(data, "ke-hoach.pdf")
        assert "KE HOACH PHOI HOP" in text
        assert "1. Muc dich" in text
        assert text.index("1. Muc dich") < text.index("2. Yeu cau")
        assert "\n\n" in text  # pages are separated by a blank line

    def test_detected_without_filename(self):
        assert "Muc dich" in read_document(make_pdf([text_stream("Muc dich")]))

    def test_page_without_content_has_no_text_layer(self):
        assert code_of(make_pdf([None])) == "no_text_layer"

    def test_page_with_only_graphics_has_no_text_layer(self):
        assert code_of(make_pdf([b"0 0 m 100 100 l S", None])) == "no_text_layer"

    def test_truncated_pdf(self):
        data = make_pdf([text_stream("Muc dich")])
        assert code_of(data[:40]) == "corrupted"

    @pytest.mark.parametrize(
        "data",
        [b"%PDF-", b"%PDF-1.7\n", b"%PDF-1.4\n" + bytes(range(256)) * 4, b"%PDF-1.4\n%%EOF\n"],
    )
    def test_garbage_pdf(self, data):
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(data)
        assert excinfo.value.code == "corrupted"
        assert excinfo.value.detail["format"] == "pdf"

    def _encrypted(self, user_password):
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([text_stream("Muc dich")]))))
        writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    def test_password_protected_pdf(self):
        with pytest.raises(UnreadableDocument) as excinfo:
            read_document(self._encrypted("mat-khau"))
        assert excinfo.value.code == "corrupted"
        assert excinfo.value.detail == {"format": "pdf", "reason": "encrypted"}

    def test_owner_password_only_pdf_is_read(self):
        assert "Muc dich" in read_document(self._encrypted(""))


# --------------------------------------------------------------------------
# Properties


PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"%PDF-1.4\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\xfe\xff",
    b"{\\rtf",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2048),
    filename=st.sampled_from(["", "a.docx", "a.pdf", "a.txt"]),
)
def test_any_bytes_give_text_or_unreadable_document(prefix, body, filename):
    try:
        result = read_document(prefix + body, filename)
    except UnreadableDocument as exc:
        assert exc.code in {"empty", "too_large", "binary", "corrupted", "no_text_layer", "encoding"}
    else:
        assert isinstance(result, str)
        assert result.strip()
        assert "\r" not in result
        assert unicodedata.is_normalized("NFC", result)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_damaged_docx_gives_text_or_unreadable_document(data):
    document = docx.Document()
    document.add_paragraph("Kế hoạch", style="List Number")
    raw = bytearray(docx_bytes(document))
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    try:
        result = read_document(bytes(raw))
    except UnreadableDocument:
        pass
    else:
        assert isinstance(result, str)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp"), blacklist_characters="\ufeff"),
        min_size=1,
    ).filter(lambda t: t.strip())
)
def test_utf8_text_round_trips_up_to_normalisation(text):
    for encoded in (text.encode("utf-8"), text.encode("utf-16")):
        if encoded.startswith((b"PK\x03\x04", b"PK\x05\x06", b"{\\rtf")) or encoded.lstrip(b" \t\r\n\x0c").startswith(
            b"%PDF-"
        ):
            continue
        assert read_document(encoded) == unicodedata.normalize("NFC", text).strip("\n").rstrip(" \t")
