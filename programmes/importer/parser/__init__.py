"""Turns the text of a signed coordination plan into a ``ParsedPlan``.

The text comes as people have it: pasted from Word or a web page, with
Markdown bold markers, lines broken by page breaks, blank lines inside an
item, mixed numbering ("I-", "II.", "1.", "1/", "1-", "1.1.", "a)", "-"),
typos and missing parts. The parser reads it in three zones:

- the head: number ("Số ..."), place and date, the title that names the
  kind of document, legal bases ("Căn cứ ..."), and any preamble;
- the body: sections (Roman numerals, or top-level numbers when there are
  none), headings that name a party, and the numbered or bulleted items
  under them, which become commitments;
- the tail: signature blocks and the recipients ("Nơi nhận").

Commitment numbers follow the document: a printed "1.1" stays "1.1"; a
single-level "1." is prefixed with its section ("II.1"); a bullet takes the
number of its heading and its position ("II.1.3"). Articles ("Điều 3.") are
sections numbered like their article: clause "3.2", item "3.2.a". A heading
without a number ("Trách nhiệm của Phòng GD&ĐT:") takes its place in the
section ("II.2"). A number already taken in the plan is prefixed with the
section as well ("IV.1.1"), and if still taken followed by "-2".

The parties come from the title ("giữa A, B và C"), the header and the
signature blocks (``parties.py``); a heading gives its items to the party it
names, and the codes (department, association, joint, other) are assigned
once every party is known.
"""

from .data import ParsedCommitment, ParsedPlan, ParsedSection, ParseWarning, Signatory
from .reader import parse_plan
from .recognise import recase
from .text import Block, blocks_of, clean_lines, fold

__all__ = [
    "Block",
    "ParseWarning",
    "ParsedCommitment",
    "ParsedPlan",
    "ParsedSection",
    "Signatory",
    "blocks_of",
    "clean_lines",
    "fold",
    "parse_plan",
    "recase",
]
