"""Word documents: a zip holding ``word/document.xml`` (.docx, and .docm,
.dotx, .dotm re-declared as a plain .docx), read with python-docx into one line
per paragraph."""

from __future__ import annotations

import io
import zipfile

from ..errors import UnreadableDocument
from .budgets import Budget
from .numbering import _Numbering
from .wordml import (
    M_T,
    MC_FALLBACK,
    W_BR,
    W_CR,
    W_CUSTOM_XML,
    W_NO_BREAK_HYPHEN,
    W_P,
    W_PPR,
    W_PTAB,
    W_R,
    W_RPR,
    W_SDT,
    W_SDT_CONTENT,
    W_T,
    W_TAB,
    W_TBL,
    W_TC,
    W_TR,
    W_TXBX_CONTENT,
    W_VANISH,
    _is_on,
    _w,
)

_DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")

# Main-part content types of Word files that are not plain .docx; python-docx
# only opens WORDPROCESSING_MAIN, so the content type is rewritten for it.
WORDPROCESSING_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_WORD_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)


def _read_zip(data: bytes, filename: str, budget: Budget) -> str:
    looks_like_word = filename.endswith(_DOCX_SUFFIXES) or b"word/" in data
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:
        if looks_like_word:
            raise UnreadableDocument("corrupted", format="docx", reason="bad_zip") from None
        raise UnreadableDocument("binary", format="zip") from None
    # Before anything is read: even [Content_Types].xml may be a bomb.
    budget.check_zip(infos)

    names = {info.filename for info in infos}
    content_types = b""
    if "[Content_Types].xml" in names:
        try:
            content_types = archive.read("[Content_Types].xml")
        except Exception:
            raise UnreadableDocument("corrupted", format="docx", reason="bad_zip") from None
    other_main = next((t for t in _OTHER_WORD_MAINS if t in content_types), None)
    is_word = "word/document.xml" in names or WORDPROCESSING_MAIN in content_types or other_main is not None
    if not is_word:
        if any(name.startswith("word/") for name in names) or filename.endswith(_DOCX_SUFFIXES):
            raise UnreadableDocument("corrupted", format="docx", reason="no_document_part")
        raise UnreadableDocument("binary", format=_zip_format(names, archive))

    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a requirement
        raise UnreadableDocument("binary", format="docx") from None
    try:
        if other_main is not None and WORDPROCESSING_MAIN not in content_types:
            data = _rewrite_content_types(archive, infos, content_types.replace(other_main, WORDPROCESSING_MAIN))
        document = docx.Document(io.BytesIO(data))
        return _DocxText(document, budget).text()
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


class _DocxText:
    def __init__(self, document, budget: Budget):
        self.document = document
        self.budget = budget
        self.numbering = _Numbering(_numbering_element(document), _styles_element(document))
        self.lines: list[str] = []

    def text(self) -> str:
        self._blocks(self.document.element.body, depth=0)
        return "\n".join(self.lines)

    def _blocks(self, container, depth: int) -> None:
        if depth > 50:  # absurdly nested tables or text boxes
            return
        for child in container.iterchildren():
            self.budget.check_time()
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
        line = f"{label} {text}" if label else text
        self.budget.paragraph(line)
        self.lines.append(line)
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
