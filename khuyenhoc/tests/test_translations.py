"""The Vietnamese catalogue is complete, current and compiled.

The staleness check extracts the texts again with GNU gettext (as
``make translations`` does) in a copy of the sources; without gettext on the
machine it skips, unless REQUIRE_GETTEXT is set, as in CI.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PO_PATH = BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
SOURCES = [
    "conferences",
    "manage.py",
    "khuyenhoc",
    "programmes",
    "reports",
    "tasks",
    "awards",
    "feed",
    "public",
    "demo",
    "templates",
    "locale",
]


def keys(catalogue):
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


def test_every_text_is_translated_into_vietnamese():
    po = polib.pofile(str(PO_PATH))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(PO_PATH))
    mo = polib.mofile(str(MO_PATH))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    assert compiled == source, "run `make translations` and commit locale/vi/LC_MESSAGES/django.mo"


def test_catalogue_holds_exactly_the_texts_of_the_code(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("REQUIRE_GETTEXT"):
            pytest.fail("GNU gettext is required (REQUIRE_GETTEXT is set) but xgettext is missing")
        pytest.skip("GNU gettext is not installed: cannot check that the catalogue is current")
    for name in SOURCES:
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
        else:
            shutil.copy(source, tmp_path / name)
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = keys(polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po")))
    committed = keys(polib.pofile(str(PO_PATH)))
    assert extracted - committed == set(), "new texts: run `make translations` and translate them"
    assert committed - extracted == set(), "texts no longer used: run `make translations`"
