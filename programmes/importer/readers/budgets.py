"""Budgets that stop a reader before a crafted file exhausts a web worker.

An upload within the 5 MB limit can still cost far too much: a 310 KB .docx
unpacked to 100 MB of XML (85 s and 2 GB of memory), and a PDF page of a few
KB decompresses to millions of text operators, which pypdf extracts in
quadratic time (a 2 MB content stream took 54 s). So each reader counts what
it unpacks against these budgets, before unpacking when it can (the sizes a zip
directory declares), and checks a deadline inside its loops. The first budget
spent raises :class:`UnreadableDocument` with its own code.

The defaults keep a whole import (reading, then parsing at most
``MAX_CHARACTERS`` of text, about 1.5 s) under 10 s on one core, well inside
the gunicorn timeout the README gives. A plan of 30 printed pages uses a few
percent of each. ``settings.IMPORT_BUDGETS`` may override any of them, e.g.
``{"seconds": 5, "pages": 100}``.
"""

from __future__ import annotations

import time

from ..errors import UnreadableDocument

# What the parts of a .docx (as the zip directory declares them) or the
# decoded page contents of a PDF may add up to.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
# A zip member larger than RATIO_FLOOR may unpack to at most MAX_RATIO times its
# packed size: Word's XML packs about 5 to 20 times, a zip bomb about 1000 times.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
MAX_PARAGRAPHS = 20_000
MAX_PAGES = 300
# The text handed to the parser (about 400 printed pages).
MAX_CHARACTERS = 1_000_000
MAX_SECONDS = 8
# Operands and operators pypdf may parse in one content stream; a dense page
# of a plan needs a few thousand. Parsing cannot be interrupted by the deadline.
MAX_PDF_PARSING_WORK = 500_000

_DEFAULTS = {
    "unpacked_bytes": MAX_UNPACKED_BYTES,
    "ratio": MAX_RATIO,
    "paragraphs": MAX_PARAGRAPHS,
    "pages": MAX_PAGES,
    "characters": MAX_CHARACTERS,
    "seconds": MAX_SECONDS,
}


class Budget:
    """The limits of one reading and what it has spent so far; the clock starts at creation."""

    def __init__(self, **limits):
        unknown = set(limits) - set(_DEFAULTS)
        if unknown:
            raise TypeError(f"Unknown budgets: {', '.join(sorted(unknown))}")
        for name, default in _DEFAULTS.items():
            setattr(self, name, limits.get(name, default))
        self.deadline = time.monotonic() + self.seconds
        self.spent_bytes = 0
        self.spent_paragraphs = 0
        self.spent_characters = 0

    @classmethod
    def from_settings(cls) -> Budget:
        from django.conf import settings

        return cls(**(getattr(settings, "IMPORT_BUDGETS", None) or {})) if settings.configured else cls()

    def check_time(self, *_visitor_args) -> None:
        """Also pypdf's ``visitor_operand_before``, called before every operator of a page."""
        if time.monotonic() > self.deadline:
            raise UnreadableDocument("too_slow", limit=self.seconds)

    def check_zip(self, infos) -> None:
        """Refuse a zip by the sizes its directory declares, before anything is unpacked.

        Python's zipfile never returns more than the declared size of a member,
        so the declaration bounds the work."""
        unpacked = sum(info.file_size for info in infos)
        if unpacked > self.unpacked_bytes:
            raise UnreadableDocument("unpacked_too_large", size=unpacked, limit=self.unpacked_bytes)
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > self.ratio * max(info.compress_size, 1):
                raise UnreadableDocument("too_compressed", member=info.filename, limit=self.ratio)

    def unpack(self, size: int) -> None:
        self.spent_bytes += size
        if self.spent_bytes > self.unpacked_bytes:
            raise UnreadableDocument("unpacked_too_large", size=self.spent_bytes, limit=self.unpacked_bytes)

    def paragraph(self, text: str) -> None:
        self.spent_paragraphs += 1
        if self.spent_paragraphs > self.paragraphs:
            raise UnreadableDocument("too_many_paragraphs", limit=self.paragraphs)
        self.text(text)

    def text(self, text: str) -> None:
        self.spent_characters += len(text)
        if self.spent_characters > self.characters:
            raise UnreadableDocument("too_long", limit=self.characters)
        self.check_time()

    def pypdf_limits(self) -> dict:
        """pypdf's own limits, lowered to these budgets (its defaults allow 75 MB per stream)."""
        return {
            "maximum_declared_stream_length": self.unpacked_bytes,
            "zlib_maximum_output_length": self.unpacked_bytes,
            "lzw_maximum_output_length": self.unpacked_bytes,
            "run_length_maximum_output_length": self.unpacked_bytes,
            "array_based_stream_maximum_output_length": self.unpacked_bytes,
            "brotli_maximum_output_length": self.unpacked_bytes,
            "stream_decoding_work_maximum_length": 4 * self.unpacked_bytes,
            "stream_parsing_work_maximum_count": MAX_PDF_PARSING_WORK,
            # Pages plus the /Pages nodes above them: a tree with 2 kids per node at worst.
            "page_tree_maximum_entries": 2 * self.pages + 1,
        }
