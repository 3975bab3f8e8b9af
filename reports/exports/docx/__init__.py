"""Progress reports as Word documents in the administrative format of Nghị định 30/2020/NĐ-CP.

The document is meant to be edited before signing: ordinary paragraphs and
tables, headings in the "Heading 1/2" styles (so Word's navigation pane
works), blanks (number, date, names) left as dots or spaces to fill in.

Layout (Phụ lục I of the decree): A4 portrait, margins 2 cm top and bottom,
3 cm left, 2 cm right, Times New Roman 14 pt for the body; a borderless
two-column header with the issuing bodies and the number on the left, the
national heading, motto, place and date on the right; the document type and
its summary centred; the recipients and the signature block at the bottom;
page numbers centred at the top from the second page.
"""

from .consolidation import consolidation_docx
from .report import report_docx

__all__ = ["consolidation_docx", "report_docx"]
