"""Turn uploaded bytes into plain text for the plan parser.

Public API::

    MAX_BYTES = 5 * 1024 * 1024
    read_document(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES,
                  budget: Budget | None = None) -> str

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
    ``limit`` (``max_bytes``).
``"unpacked_too_large"``, ``"too_compressed"``, ``"too_many_paragraphs"``, ``"too_many_pages"``, ``"too_long"``, ``"too_complex"``, ``"too_slow"``
    A budget of :mod:`.budgets` is spent: the parts of a ``.docx`` (as its
    zip directory declares them) or the decoded pages of a PDF add up to more
    than ``unpacked_bytes``; a large zip member is packed more than ``ratio``
    times (a "zip bomb"); more paragraphs, PDF pages or characters of text
    than allowed; a PDF page beyond pypdf's limits; or reading outlasted
    ``seconds``. ``detail``: ``limit`` (and ``size`` for unpacked bytes).
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

from ..errors import UnreadableDocument
from .budgets import Budget
from .pdf import _read_pdf
from .text import _decode_text, _finish
from .word import _read_zip

__all__ = ["MAX_BYTES", "Budget", "read_document"]

MAX_BYTES = 5 * 1024 * 1024


def read_document(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES, budget: Budget | None = None) -> str:
    """Return the text of an uploaded plan (.docx, PDF or plain text).

    Raises :class:`UnreadableDocument` with one of the codes documented in the
    module docstring; no other exception escapes for any input bytes. Reading
    stops at ``budget`` (by default :mod:`.budgets`' limits, or the settings').
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"read_document() needs bytes, not {type(data).__name__}")
    filename = (filename or "").strip().lower()
    budget = budget or Budget.from_settings()

    if not data:
        raise UnreadableDocument("empty")
    if len(data) > max_bytes:
        raise UnreadableDocument("too_large", size=len(data), limit=max_bytes)

    head = data[:1024].lstrip(b" \t\r\n\x0c")
    if head.startswith(b"{\\rtf"):
        # RTF is ASCII, but its markup would reach the parser as text.
        raise UnreadableDocument("binary", format="rtf")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _finish(_read_zip(data, filename, budget), empty_code="empty")
    if head.startswith(b"%PDF-"):
        return _finish(_read_pdf(data, budget), empty_code="no_text_layer")
    return _finish(_decode_text(data, filename), empty_code="empty", plain_text=True)
