"""Vietnamese is stored precomposed (NFC): "ế" is one character, so search, sorting and fonts agree."""

import unicodedata
from pathlib import Path

import polib
from django.conf import settings

PO_PATH = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_every_translation_is_nfc():
    po = polib.pofile(str(PO_PATH))
    texts = [(e.msgid, s) for e in po for s in [e.msgid, e.msgstr, *e.msgstr_plural.values()]]
    assert [msgid for msgid, text in texts if not is_nfc(text)] == []


def test_language_names_are_nfc():
    assert all(is_nfc(name) for _code, name in settings.LANGUAGES)
    assert dict(settings.LANGUAGES)["vi"] == unicodedata.normalize("NFC", "Tiếng Việt")


def test_the_language_switch_shows_tiếng_việt_in_nfc(client, db):
    page = client.get("/accounts/login/").content.decode()
    nfc, nfd = unicodedata.normalize("NFC", "Tiếng Việt"), unicodedata.normalize("NFD", "Tiếng Việt")
    assert nfc in page and nfd not in page
    assert is_nfc(page)
