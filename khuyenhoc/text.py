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
