"""Stored text written into a file safely, whatever the database holds.

Every .docx and .xlsx writer puts text through here, so that a control
character stored before the forms cleaned it (or put in by any other way)
cannot make a document fail, and text a unit typed is never a live formula.
"""

from khuyenhoc.text import clean_text

# What a spreadsheet program may read as the start of a formula (OWASP, "CSV injection").
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    """``value`` as text that Word's XML can hold ('' for None)."""
    return "" if value is None else clean_text(str(value))


def cell_text(value):
    """A spreadsheet cell's value: text cleaned, numbers (and None) as they are."""
    return safe_text(value) if isinstance(value, str) else value


def formula_like(value) -> bool:
    """Text that a spreadsheet program could take for a formula. ``sheets`` writes it as a
    string cell with Excel's leading-apostrophe mark (``quotePrefix``): the file shows "=1+1"
    as typed and no spreadsheet program evaluates it, not even once the cell is edited."""
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)
