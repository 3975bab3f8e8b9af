"""Turn uploaded bytes into plain text for the plan parser.

Public API::

    MAX_BYTES = 5 * 1024 * 1024
    read_document(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES) -> str

The format is detected from the content (magic bytes), never from the
filename alone. The filename only breaks ties between two error codes for
content that is already known to be unusable (see "binary" and "corrupted").

Supported formats
-----------------
* Word ``.docx`` (a zip holding ``word/document.xml``), read with python-docx;
  ``.docm``, ``.dotx`` and ``.dotm`` too (their main part is re-declared as a
  plain document first; macros are never run, python-docx ignores them).
  One line per paragraph, in document order; paragraphs inside tables (also
  nested tables), content controls and text boxes are included, table cells
  row by row, left to right. Word's automatic list numbering, which is not part
  of the paragraph text, is rendered and put in front of the text (see
  "Word numbering" below). Deleted tracked changes, hidden text (``w:vanish``)
  and field codes are left out; headers, footers, footnotes and comments are
  not read.
* PDF (starts with ``%PDF-``), read with pypdf, page by page, pages joined by
  a blank line. A PDF protected only by an owner password (the usual "no
  editing" protection) is opened with the empty user password.
* Plain text: UTF-8 (with or without a BOM, which is removed), UTF-16 LE/BE
  with a BOM, UTF-32 with a BOM, and UTF-16 without a BOM when the pattern of
  NUL bytes shows it (mostly Latin text has a NUL in every other byte).

Every result is normalised: newlines become ``\\n`` (also ``\\r``, vertical tab,
form feed, U+2028 and U+2029), the text is NFC-normalised (Vietnamese text is
often stored decomposed), a few stray control characters are removed,
trailing spaces are stripped from each line, and leading and trailing blank
lines are dropped. Leading indentation is kept.

Error codes
-----------
Every problem is raised as :class:`~programmes.importer.errors.UnreadableDocument`
with one of these ``code`` values; the portal maps each to a translated message.

``"empty"``
    No bytes, or nothing but whitespace once decoded (also a ``.docx`` without
    any text).
``"too_large"``
    More than ``max_bytes`` bytes. ``detail``: ``size`` (bytes received) and
    ``limit`` (``max_bytes``). A ``.docx`` whose parts would unpack to more than
    ``20 * max_bytes`` (a "zip bomb") raises the same code with
    ``size``/``limit`` counted on the unpacked parts and ``unpacked=True``.
``"binary"``
    Neither text nor a supported format: an executable, an image, an old
    ``.doc``, a zip that is not a Word document (``.xlsx``, ``.odt``, a plain
    archive...), random bytes, or text with NUL bytes or more than 5% control
    or private-use characters (fewer are silently removed).
    ``detail`` may hold ``format`` (e.g. ``"doc"``, ``"zip"``, ``"xlsx"``,
    ``"odt"``, ``"png"``, ``"rtf"``) when the format is recognised, so the
    portal can suggest saving as ``.docx``, PDF or UTF-8 text. RTF is ASCII but
    is rejected too: its markup would reach the parser as if it were text.
``"corrupted"``
    A ``.docx`` or PDF whose structure is broken: a damaged zip that still shows
    Word parts, a Word zip without ``word/document.xml``, XML that does not
    parse, a PDF that pypdf cannot open or that is encrypted with a real
    password. ``detail``: ``format`` (``"docx"`` or ``"pdf"``) and ``reason``
    (a short English word for the logs, e.g. ``"bad_zip"``, ``"encrypted"``).
    Tie-break by filename: content that is not text and matches no known
    format, or a zip without Word parts, is ``"corrupted"`` rather than
    ``"binary"`` when the filename ends in ``.docx`` (or ``.pdf`` for
    unrecognised content) -- the user meant to send that format.
``"no_text_layer"``
    A PDF that opens but has no extractable text: a scan without OCR.
``"encoding"``
    Bytes that look like text (at least 60% printable ASCII, at most 5%
    control bytes, no NUL) but
    are not valid UTF-8, or that declare UTF-16/UTF-32 with a BOM but do not
    decode. This is typically a file saved in a legacy Vietnamese encoding
    (TCVN3/ABC, VNI, Windows-1258). No fallback is attempted: those encodings
    cannot be told apart reliably (they reuse the same high bytes for
    different letters) and a wrong guess would silently garble the names and
    figures of the plan. Undecodable bytes that do not look like text (e.g.
    ``b"\\xfd\\xfe\\xff"``) are ``"binary"``; ``b"\\xff\\xfe\\xfd"`` starts with a
    UTF-16 LE BOM and is ``"encoding"``.

Word numbering
--------------
Supported:

* ``w:numPr`` on the paragraph, or inherited from its paragraph style and the
  style's ``w:basedOn`` chain (python-docx's "List Number" / "List Bullet"
  styles, numbered headings). A paragraph's own ``w:ilvl`` wins; otherwise the
  style's ``w:ilvl``, otherwise the level whose ``w:pStyle`` names the
  paragraph's style, otherwise level 0. ``w:numId`` 0 switches numbering off.
* ``w:abstractNum``/``w:lvl`` with ``w:start`` (0 when absent, as the standard
  says), ``w:numFmt`` ``decimal``, ``decimalZero``, ``upperRoman``,
  ``lowerRoman``, ``upperLetter``, ``lowerLetter`` (A..Z, AA, BB... like Word),
  ``bullet`` (always rendered as ``-``) and ``none``; any other format is
  rendered as decimal. ``w:lvlText`` placeholders ``%1``..``%9`` (so "%1.%2."
  gives "1.2."), ``w:isLgl`` (all levels decimal) and ``w:lvlRestart``.
* ``w:num`` with ``w:lvlOverride`` (``w:startOverride`` and a replacement
  ``w:lvl``), and ``w:numStyleLink`` to a numbering style.
* Counters: a higher level resets the deeper ones. ``w:num`` instances that
  share an ``w:abstractNum`` continue one another's numbering, as in Word; a
  ``w:num`` with a ``w:startOverride`` counts on its own ("Restart numbering").
  Numbered paragraphs are counted in document order, tables and text boxes
  included; an empty numbered paragraph still takes a number, as in Word.

The rendered label is followed by one space, whatever ``w:suff`` says.

Not supported: numbering in headers, footers and footnotes (not read);
``w:legacy`` numbering; ``w:lvlPicBulletId`` picture bullets (rendered "-"
like any bullet); language-specific formats such as ``ordinal``,
``cardinalText`` or ``vietnameseCounting`` (rendered as decimal); list
numbers typed by hand are simply part of the text and kept as they are.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from .errors import UnreadableDocument

__all__ = ["MAX_BYTES", "read_document"]

MAX_BYTES = 5 * 1024 * 1024

# A .docx may unpack to at most this many times ``max_bytes``.
UNPACK_FACTOR = 20

# Above this share of control or private-use characters, decoded
# "text" is treated as binary; below it the stray characters are removed.
CONTROL_SHARE_LIMIT = 0.05

# Undecodable bytes count as text in an unknown encoding (rather than binary)
# when at least this share of them is printable ASCII or whitespace.
TEXT_LIKE_ASCII_SHARE = 0.6

_DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")

# Signatures of formats that are certainly not text. Only used to name the
# format in the "binary" detail; the decision itself never depends on them.
_BINARY_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # OLE2: .doc, .xls, .ppt, .msi
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x7fELF", "elf"),
    (b"MZ", "exe"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
)

_BOMS = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def read_document(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES) -> str:
    """Return the text of an uploaded plan (.docx, PDF or plain text).

    Raises :class:`UnreadableDocument` with one of the codes documented in the
    module docstring; no other exception escapes for any input bytes.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"read_document() needs bytes, not {type(data).__name__}")
    filename = (filename or "").strip().lower()

    if not data:
        raise UnreadableDocument("empty")
    if len(data) > max_bytes:
        raise UnreadableDocument("too_large", size=len(data), limit=max_bytes)

    head = data[:1024].lstrip(b" \t\r\n\x0c")
    if head.startswith(b"{\\rtf"):
        # RTF is ASCII, but its markup would reach the parser as text.
        raise UnreadableDocument("binary", format="rtf")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _finish(_read_zip(data, filename, max_bytes), empty_code="empty")
    if head.startswith(b"%PDF-"):
        return _finish(_read_pdf(data), empty_code="no_text_layer")
    return _finish(_decode_text(data, filename), empty_code="empty", plain_text=True)


# --------------------------------------------------------------------------
# Text


def _decode_text(data: bytes, filename: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise UnreadableDocument("encoding") from None

    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise _binary(data, filename) from None

    if b"\x00" in data:
        raise _binary(data, filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_like_text(data):
        raise UnreadableDocument("encoding")
    raise _binary(data, filename)


def _sniff_utf16(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its NUL bytes: mostly Latin text (Vietnamese
    included) has a NUL high byte in most code units."""
    sample = data[:65536]
    units = len(sample) // 2
    if units == 0:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.3 * units and even_nuls <= 0.05 * units:
        return "utf-16-le"
    if even_nuls >= 0.3 * units and odd_nuls <= 0.05 * units:
        return "utf-16-be"
    return None


_TEXT_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, *range(0x0F, 0x20), 0x7F])


def _count(sample: bytes, alphabet: bytes) -> int:
    return len(sample) - len(sample.translate(None, alphabet))


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if _count(sample, _CONTROL_BYTES) > CONTROL_SHARE_LIMIT * len(sample):
        return False
    return _count(sample, _TEXT_BYTES) >= TEXT_LIKE_ASCII_SHARE * len(sample)


def _binary(data: bytes, filename: str) -> UnreadableDocument:
    for signature, fmt in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return UnreadableDocument("binary", format=fmt)
    # Unknown content: the filename breaks the tie between "not a format we
    # read" and "a broken file of a format we read".
    if filename.endswith(".pdf"):
        return UnreadableDocument("corrupted", format="pdf", reason="no_header")
    if filename.endswith(_DOCX_SUFFIXES):
        return UnreadableDocument("corrupted", format="docx", reason="not_a_zip")
    return UnreadableDocument("binary")


_NEWLINES_RE = re.compile(r"\r\n?|[\x0b\x0c\u2028\u2029]")
# C0/C1 controls except tab and newline, lone surrogates and private-use
# characters (symbol-font glyphs, or garbage from a wrong decoding).
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
_TRAILING_SPACE_RE = re.compile(r"[ \t]+$", re.MULTILINE)


def _finish(text: str, *, empty_code: str, plain_text: bool = False) -> str:
    """Normalise extracted text; for plain text, also reject binary content."""
    if plain_text and "\x00" in text:
        raise UnreadableDocument("binary")
    text = _NEWLINES_RE.sub("\n", text)
    text, controls = _CONTROL_RE.subn("", text)
    if plain_text and controls > CONTROL_SHARE_LIMIT * (len(text) + controls):
        raise UnreadableDocument("binary")
    text = text.replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE_RE.sub("", text)
    text = text.strip("\n")
    if not text.strip():
        raise UnreadableDocument(empty_code)
    return text


# --------------------------------------------------------------------------
# PDF


def _read_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a requirement
        raise UnreadableDocument("binary", format="pdf") from None

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except Exception:
                decrypted = 0
            if not decrypted:
                raise UnreadableDocument("corrupted", format="pdf", reason="encrypted")
        pages = list(reader.pages)
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken input
        raise UnreadableDocument("corrupted", format="pdf", reason=type(exc).__name__) from None
    if not pages:
        raise UnreadableDocument("corrupted", format="pdf", reason="no_pages")

    texts = []
    failures = 0
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:
            failures += 1
    if failures and not any(t.strip() for t in texts):
        raise UnreadableDocument("corrupted", format="pdf", reason="unreadable_pages")
    return "\n\n".join(t.strip("\n") for t in texts)


# --------------------------------------------------------------------------
# Zip / .docx


# Main-part content types of Word files that are not plain .docx; python-docx
# only opens WORDPROCESSING_MAIN, so the content type is rewritten for it.
WORDPROCESSING_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_WORD_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)


def _read_zip(data: bytes, filename: str, max_bytes: int) -> str:
    looks_like_word = filename.endswith(_DOCX_SUFFIXES) or b"word/" in data
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:
        if looks_like_word:
            raise UnreadableDocument("corrupted", format="docx", reason="bad_zip") from None
        raise UnreadableDocument("binary", format="zip") from None

    names = {info.filename for info in infos}
    content_types = b""
    if "[Content_Types].xml" in names:
        try:
            content_types = archive.read("[Content_Types].xml")
        except Exception:
            raise UnreadableDocument("corrupted", format="docx", reason="bad_zip") from None
    other_main = next((t for t in _OTHER_WORD_MAINS if t in content_types), None)
    is_word = (
        "word/document.xml" in names or WORDPROCESSING_MAIN in content_types or other_main is not None
    )
    if not is_word:
        if any(name.startswith("word/") for name in names) or filename.endswith(_DOCX_SUFFIXES):
            raise UnreadableDocument("corrupted", format="docx", reason="no_document_part")
        raise UnreadableDocument("binary", format=_zip_format(names, archive))

    unpacked = sum(info.file_size for info in infos)
    if unpacked > UNPACK_FACTOR * max_bytes:
        raise UnreadableDocument(
            "too_large", size=unpacked, limit=UNPACK_FACTOR * max_bytes, unpacked=True
        )

    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a requirement
        raise UnreadableDocument("binary", format="docx") from None
    try:
        if other_main is not None and WORDPROCESSING_MAIN not in content_types:
            data = _rewrite_content_types(
                archive, infos, content_types.replace(other_main, WORDPROCESSING_MAIN)
            )
        document = docx.Document(io.BytesIO(data))
        return _DocxText(document).text()
    except UnreadableDocument:
        raise
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds
        raise UnreadableDocument("corrupted", format="docx", reason=type(exc).__name__) from None


def _rewrite_content_types(archive: zipfile.ZipFile, infos, content_types: bytes) -> bytes:
    """A copy of the package whose main part is declared as a plain .docx one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in infos:
            if info.filename == "[Content_Types].xml":
                copy.writestr(info.filename, content_types)
            else:
                copy.writestr(info.filename, archive.read(info))
    return out.getvalue()


def _zip_format(names: set[str], archive: zipfile.ZipFile) -> str:
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("ppt/") for name in names):
        return "pptx"
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype")[:100]
        except Exception:
            mimetype = b""
        if b"opendocument.text" in mimetype:
            return "odt"
        if b"opendocument" in mimetype:
            return "odf"
        if b"epub" in mimetype:
            return "epub"
    return "zip"


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_TBL, W_TR, W_TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_R, W_T, W_TAB, W_BR, W_CR = _w("r"), _w("t"), _w("tab"), _w("br"), _w("cr")
W_PPR, W_RPR, W_VANISH = _w("pPr"), _w("rPr"), _w("vanish")
W_NO_BREAK_HYPHEN, W_PTAB = _w("noBreakHyphen"), _w("ptab")
W_TXBX_CONTENT = _w("txbxContent")
W_VAL = _w("val")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
M_T = f"{{{M_NS}}}t"

# Never read: deleted text, properties, field codes, notes and comments marks.
_SKIPPED_INLINE = frozenset(
    {
        _w("del"),
        _w("moveFrom"),
        _w("delText"),
        _w("instrText"),
        _w("delInstrText"),
        W_PPR,
        W_RPR,
        _w("sectPr"),
        _w("fldData"),
        MC_FALLBACK,
    }
)
_OFF_VALUES = frozenset({"0", "false", "off"})


def _is_on(element) -> bool:
    """A w:ST_OnOff toggle such as ``<w:vanish/>`` or ``<w:isLgl w:val="0"/>``."""
    return element is not None and _truthy(element.get(W_VAL))


def _truthy(value) -> bool:
    return (value or "true").lower() not in _OFF_VALUES


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _DocxText:
    def __init__(self, document):
        self.document = document
        self.numbering = _Numbering(_numbering_element(document), _styles_element(document))
        self.lines: list[str] = []

    def text(self) -> str:
        self._blocks(self.document.element.body, depth=0)
        return "\n".join(self.lines)

    def _blocks(self, container, depth: int) -> None:
        if depth > 50:  # absurdly nested tables or text boxes
            return
        for child in container.iterchildren():
            tag = child.tag
            if tag == W_P:
                self._paragraph(child, depth)
            elif tag == W_TBL:
                for row in _unwrapped(child, W_TR):
                    for cell in _unwrapped(row, W_TC):
                        self._blocks(cell, depth + 1)
            elif tag in (W_SDT, W_SDT_CONTENT, W_CUSTOM_XML):
                self._blocks(child, depth + 1)

    def _paragraph(self, p, depth: int) -> None:
        parts: list[str] = []
        boxes: list = []
        _inline_text(p, parts, boxes)
        text = "".join(parts)
        label = self.numbering.label(p)
        self.lines.append(f"{label} {text}" if label else text)
        for box in boxes:
            self._blocks(box, depth + 1)


def _unwrapped(parent, tag):
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, W_SDT_CONTENT, W_CUSTOM_XML):
            yield from _unwrapped(child, tag)


def _inline_text(element, parts: list[str], boxes: list) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED_INLINE:
            continue
        if tag in (W_T, M_T):
            parts.append(child.text or "")
        elif tag in (W_TAB, W_PTAB):
            parts.append("\t")
        elif tag in (W_BR, W_CR):
            parts.append("\n")
        elif tag == W_NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == W_TXBX_CONTENT:
            boxes.append(child)
        elif tag == W_R:
            rpr = child.find(W_RPR)
            if rpr is not None and _is_on(rpr.find(W_VANISH)):
                continue
            _inline_text(child, parts, boxes)
        else:  # hyperlinks, insertions, smart tags, fields, drawings...
            _inline_text(child, parts, boxes)


def _numbering_element(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        return None


def _styles_element(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.STYLES).element
    except (KeyError, AttributeError):
        return None


# --------------------------------------------------------------------------
# Word automatic numbering


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "pstyle")

    def __init__(self, lvl):
        self.start = _int(_val(lvl, "start"), 0)
        self.fmt = _val(lvl, "numFmt") or "decimal"
        self.text = _val(lvl, "lvlText")
        self.restart = _int(_val(lvl, "lvlRestart"))
        self.legal = _is_on(lvl.find(_w("isLgl")))
        self.pstyle = _val(lvl, "pStyle")


def _val(element, child_tag: str):
    child = element.find(_w(child_tag))
    return None if child is None else child.get(W_VAL)


def _levels(parent) -> dict[int, _Level]:
    levels = {}
    for lvl in parent.iterchildren(_w("lvl")):
        ilvl = _int(lvl.get(_w("ilvl")))
        if ilvl is not None and 0 <= ilvl <= 8:
            levels[ilvl] = _Level(lvl)
    return levels


class _Style:
    __slots__ = ("based_on", "num_id", "ilvl")

    def __init__(self, style):
        self.based_on = _val(style, "basedOn")
        self.num_id = self.ilvl = None
        ppr = style.find(W_PPR)
        numpr = None if ppr is None else ppr.find(_w("numPr"))
        if numpr is not None:
            self.num_id = _val(numpr, "numId")
            self.ilvl = _int(_val(numpr, "ilvl"))


class _Numbering:
    """Renders the list labels Word would show, in document order."""

    def __init__(self, numbering, styles):
        self.abstracts: dict[str, tuple[dict[int, _Level], str | None]] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        self.styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        # counters[instance][ilvl] is the last number given at that level.
        self.counters: dict[object, list[int | None]] = {}

        if numbering is not None:
            for abstract in numbering.iterchildren(_w("abstractNum")):
                abstract_id = abstract.get(_w("abstractNumId"))
                if abstract_id is not None:
                    self.abstracts[abstract_id] = (_levels(abstract), _val(abstract, "numStyleLink"))
            for num in numbering.iterchildren(_w("num")):
                num_id = num.get(_w("numId"))
                abstract_id = _val(num, "abstractNumId")
                if num_id is None or abstract_id is None:
                    continue
                overrides = {}
                for override in num.iterchildren(_w("lvlOverride")):
                    ilvl = _int(override.get(_w("ilvl")))
                    if ilvl is None or not 0 <= ilvl <= 8:
                        continue
                    start = _int(_val(override, "startOverride"))
                    lvl = override.find(_w("lvl"))
                    overrides[ilvl] = (start, None if lvl is None else _Level(lvl))
                self.nums[num_id] = (abstract_id, overrides)
        if styles is not None:
            for style in styles.iterchildren(_w("style")):
                style_id = style.get(_w("styleId"))
                if style_id is None:
                    continue
                self.styles[style_id] = _Style(style)
                default = style.get(_w("default"))
                if style.get(_w("type")) == "paragraph" and default is not None and _truthy(default):
                    self.default_style = self.default_style or style_id

    # -- resolution -------------------------------------------------------

    def _abstract_levels(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        """The abstractNum behind ``num_id``, following w:numStyleLink."""
        seen = set()
        while num_id in self.nums and num_id not in seen:
            seen.add(num_id)
            abstract_id = self.nums[num_id][0]
            if abstract_id not in self.abstracts:
                return None
            levels, style_link = self.abstracts[abstract_id]
            if levels or not style_link:
                return abstract_id, levels
            style = self.styles.get(style_link)
            if style is None or style.num_id is None:
                return None
            num_id = style.num_id
        return None

    def _style_chain(self, style_id):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _num_pr(self, p) -> tuple[str, int, str | None] | None:
        ppr = p.find(W_PPR)
        numpr = None if ppr is None else ppr.find(_w("numPr"))
        num_id = ilvl = None
        if numpr is not None:
            num_id = _val(numpr, "numId")
            ilvl = _int(_val(numpr, "ilvl"))
        style_id = (None if ppr is None else _val(ppr, "pStyle")) or self.default_style
        if num_id is None:
            for _, style in self._style_chain(style_id):
                if style.num_id is not None:
                    num_id = style.num_id
                    if ilvl is None:
                        ilvl = style.ilvl
                    break
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, ilvl, style_id

    # -- rendering --------------------------------------------------------

    def label(self, p) -> str | None:
        found = self._num_pr(p)
        if found is None:
            return None
        num_id, ilvl, style_id = found
        resolved = self._abstract_levels(num_id)
        if resolved is None:
            return None
        abstract_id, abstract_levels = resolved
        overrides = self.nums[num_id][1]
        levels = dict(abstract_levels)
        for level_no, (_, level) in overrides.items():
            if level is not None:
                levels[level_no] = level
        if ilvl is None:
            ilvl = next(
                (n for n, level in sorted(levels.items()) if style_id and level.pstyle == style_id),
                0,
            )
        if not 0 <= ilvl <= 8 or ilvl not in levels:
            return None

        # A w:num that restarts a level counts on its own; the others share
        # the counters of their abstractNum.
        starts = {n: start for n, (start, _) in overrides.items() if start is not None}
        instance = ("num", num_id) if starts else ("abstract", abstract_id)
        counters = self.counters.setdefault(instance, [None] * 9)

        def start_of(level_no):
            if level_no in starts:
                return starts[level_no]
            level = levels.get(level_no)
            return level.start if level else 0

        current = counters[ilvl]
        counters[ilvl] = start_of(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            level = levels.get(deeper)
            restart = level.restart if level else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None

        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        if level.text is None:
            return None

        def placeholder(match):
            ref = int(match.group(1)) - 1
            ref_level = levels.get(ref)
            if ref_level is None:
                return ""
            value = counters[ref] if counters[ref] is not None else start_of(ref)
            fmt = "decimal" if level.legal and ref_level.fmt not in ("bullet", "none") else ref_level.fmt
            return _format_number(value, fmt)

        label = re.sub(r"%([1-9])", placeholder, level.text).strip()
        return label or None


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("bullet", "none"):
        return ""
    if value > 0 and value < 4000 and fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if value > 0 and value < 100000 and fmt in ("upperLetter", "lowerLetter"):
        # Word: A..Z, then AA..ZZ, then AAA...
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalZero" and 0 <= value < 10:
        return f"0{value}"
    return str(value)
