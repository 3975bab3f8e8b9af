"""Text helpers shared by the apps."""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` without Vietnamese diacritics, for searching.

    "Hội Khuyến học Đà Nẵng" becomes "hoi khuyen hoc da nang".
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", stripped).strip().lower()


# Word's manual line break (vertical tab), its page break (form feed) and the C1
# "next line" end a line; any other C0/C1 control character, a lone surrogate and
# U+FFFE/U+FFFF have no meaning in a text and cannot be written to .docx/.xlsx XML.
_LINE_BREAKS_RE = re.compile("\r\n?|[\x0b\x0c\x85]")
_UNWANTED_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` as the portal stores and writes text: no control characters but tab and newline.

    Line breaks (``\\r\\n``, ``\\r``, Word's vertical tab and page break) become ``\\n``;
    other C0/C1 control characters, lone surrogates and U+FFFE/U+FFFF are dropped; the
    text is NFC-normalised, as Vietnamese pasted from some programs comes decomposed.
    Spaces are kept: forms strip their fields themselves.
    """
    value = _LINE_BREAKS_RE.sub("\n", value)
    value = _UNWANTED_RE.sub("", value)
    return unicodedata.normalize("NFC", value)
