"""Plain text: decoding (BOMs, BOM-less UTF-16, UTF-8), telling text from
binary content, and the normalisation every reader's result goes through."""

from __future__ import annotations

import re
import unicodedata

from ..errors import UnreadableDocument
from .word import _DOCX_SUFFIXES

# Above this share of control or private-use characters, decoded
# "text" is treated as binary; below it the stray characters are removed.
CONTROL_SHARE_LIMIT = 0.05

# Undecodable bytes count as text in an unknown encoding (rather than binary)
# when at least this share of them is printable ASCII or whitespace.
TEXT_LIKE_ASCII_SHARE = 0.6

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


def _decode_text(data: bytes, filename: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
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
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
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
