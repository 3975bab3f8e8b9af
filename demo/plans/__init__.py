"""Demo plans: three real seed documents entered as they are printed.

- the Bến Tre coordination programme (no number, no date; period 2011-2015),
- the Hòa Bình plan No. 1392/KH-SGD&ĐT-HKH of 24/07/2012 (period 2012-2016),
- the Thuận An agreement No. 06/HKH-PGD of 21/02/2024, which carries out the
  Bình Dương agreement No. 131/SGD&ĐT-HKH of 07/02/2017 (entered as a stub:
  only its number, date, title and parties are known from the citation).

Transcription rules:

- Commitment texts are copied from the documents; only line breaks that split
  a sentence and markdown markers (``**``, ``*``) are removed. Typing errors of
  the originals ("trình trạng", "cùng cỗ", "Phân đầu", "khu phổ", "TTHTCD") and
  their spacing around punctuation are kept, so that the text matches the paper.
- Headings printed in capitals are written in sentence case (titles, sections);
  so are signatories' names and titles.
- List fields (legal bases, purposes, requirements, recipients) hold one item
  per line, without the leading dash, the leading "Căn cứ" and the trailing
  ";" / "," / "." that only join the items of a printed list.
- Sections are the top-level parts that hold commitments. Which side carries a
  commitment comes from the sub-heading it is printed under ("1. Sở Giáo dục
  và Đào tạo", "2.2. Về phía Hội Khuyến học", ...); items of a part that both
  sides carry are ``joint``. ``supporting`` is filled only where the text says
  that the responsible side works with the other signatory ("phối hợp với").
"""

from .ben_tre import BEN_TRE
from .binh_duong_thuan_an import BINH_DUONG, THUAN_AN
from .hoa_binh import HOA_BINH
from .load import DEMO_PLANS, demo_plan_create, demo_plans_load
from .spec import DemoPlan, Item, Part, Signatory, Target

__all__ = [
    "BEN_TRE",
    "BINH_DUONG",
    "DEMO_PLANS",
    "HOA_BINH",
    "THUAN_AN",
    "DemoPlan",
    "Item",
    "Part",
    "Signatory",
    "Target",
    "demo_plan_create",
    "demo_plans_load",
]
