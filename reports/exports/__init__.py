"""Progress reports as files: a Word document staff edit and sign, a workbook of the figures.

The exports are always in Vietnamese, whatever language the person asking
reads the portal in: the renderers run under ``translation.override(LANGUAGE)``,
labels come from the gettext catalogue, and the fixed wording of the document
(headings, the national heading, the signature block) is written in Vietnamese
here, as the administrative format prescribes (Nghị định 30/2020/NĐ-CP).
Numbers (32.000; 98,5) and dates (05/02/2025) are written by
``django.utils.formats`` with the project's Vietnamese formats
(``khuyenhoc/formats/vi``); the helpers that write them pin Vietnamese
themselves, so they do not depend on the active language either.

The renderers are pure functions that return bytes:

- ``docx.consolidation_docx`` and ``docx.report_docx``
- ``xlsx.consolidation_xlsx`` and ``xlsx.report_xlsx``
"""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.utils import formats
from django.utils.translation import override

from programmes import figures, party_roles
from programmes.models import Commitment, Indicator, Organisation

from ..models import ProgressReport, half_year_label
from ..selectors import commitments_for

LANGUAGE = "vi"  # of every export

# The order statuses are counted in: what is done first.
STATUS_ORDER = ["done", "in_progress", "at_risk", "not_started", "not_applicable"]
SIDE_ORDER = [Organisation.Side.EDUCATION, Organisation.Side.ASSOCIATION, Organisation.Side.OTHER]


@lru_cache(maxsize=512)
def choice_label(choices, value) -> str:
    """The Vietnamese label of ``value`` in a ``TextChoices`` class ('' for an empty value).

    Remembered: a national workbook asks for the same few labels tens of thousands of times, and
    the labels are fixed for the life of the process (the catalogue is compiled at deployment).
    The catalogue's tests keep every label translated."""
    if not value:
        return ""
    try:
        label = choices(value).label
    except ValueError:
        return str(value)
    with override(LANGUAGE):
        return str(label)


def unit_label(indicator: Indicator) -> str:
    return choice_label(Indicator.Unit, indicator.unit)


def side_label(side: str) -> str:
    return choice_label(Organisation.Side, side)


def party_label(commitment: Commitment, parties: party_roles.Parties) -> str:
    """Who carries a commitment, named as the plan's parties signed, else by its role: "Phối hợp
    (Sở Giáo dục và Đào tạo tỉnh Hòa Bình chủ trì; cùng Hội Cựu giáo chức tỉnh Hòa Bình)"."""
    text = parties.name_of(commitment) or choice_label(Commitment.Party, commitment.party)
    if commitment.party != Commitment.Party.JOINT:
        return text
    lead = (
        commitment.lead and f"{parties.lead_of(commitment) or choice_label(Commitment.Lead, commitment.lead)} chủ trì"
    )
    supporters = ", ".join(o.name for o in commitment.supporters.all())
    details = "; ".join(part for part in (lead, supporters and f"cùng {supporters}") if part)
    return f"{text} ({details})" if details else text


def vn_number(value, places: int = 2) -> str:
    """``value`` written the Vietnamese way: "." between thousands, "," before decimals.

    Rounded to ``places`` decimals, without trailing zeros: 32000 -> "32.000",
    98.5 -> "98,5", Decimal("25.00") -> "25", None -> "".
    """
    number = figures.rounded(value, places)
    if number is None:
        return ""
    if number.is_zero():
        number = abs(number)  # -0,4 rounded to 0 is "0", not "-0"
    with override(LANGUAGE):
        return formats.number_format(number, force_grouping=True)


def figure_text(value, indicator: Indicator) -> str:
    """An indicator's figure in a document, with the decimals its unit is shown with on the pages."""
    return vn_number(value, figures.places(indicator.unit))


def share_text(value) -> str:
    """The share of a target reached, in a document, as on the pages."""
    return vn_number(value, figures.SHARE_PLACES)


def numeric(value, unit: str | None = None):
    """A figure for a spreadsheet cell: an int when whole, else a float; None stays None.
    With ``unit``, rounded as the pages show it (money and counts whole)."""
    if value is None:
        return None
    number = Decimal(value) if not isinstance(value, float) else Decimal(str(value))
    if unit is not None:
        number = figures.figure(number, unit)
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def cell_format(value) -> str:
    """The number format that shows exactly the decimals of an (already rounded) figure, as the pages do."""
    decimals = 0 if isinstance(value, int) else len(repr(value).partition(".")[2].rstrip("0"))
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def numeric_share(value):
    """The share of a target reached, for a spreadsheet cell, rounded as the pages show it."""
    return numeric(figures.share(value))


def vn_date(day: date) -> str:
    """A date as in a Vietnamese document: "ngày 05 tháng 02 năm 2025".

    Nghị định 30/2020/NĐ-CP pads days below 10 and the months January and February.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, signed_on: date | None) -> str:
    """The line under the motto; dots for staff to fill in what is not known yet."""
    when = vn_date(signed_on) if signed_on else "ngày ..... tháng ..... năm ........"
    return f"{place or '..........'}, {when}"


def period_phrase(period) -> str:
    """ "6 tháng đầu năm 2025" for the first half, "6 tháng cuối năm 2025" for the second."""
    with override(LANGUAGE):
        return half_year_label(period.year, period.half)


def counted_phrase(consolidation) -> str:
    """Which reports the consolidated figures add up, and which they leave out."""
    text = (
        f"Tổng hợp từ {consolidation.received} báo cáo đã nhận trên {consolidation.expected} đơn vị phải báo cáo: "
        f"{consolidation.accepted} đã duyệt, {consolidation.pending} chờ thẩm định."
    )
    left_out = []
    if consolidation.returned:
        left_out.append(f"{consolidation.returned} báo cáo bị trả lại để đơn vị sửa")
    if consolidation.missing:
        left_out.append(f"{consolidation.missing} đơn vị chưa gửi báo cáo")
    if left_out:
        text += " Chưa tính " + "; ".join(left_out) + "."
    return text


def score_phrase(score) -> str:
    """A side's commitments done, out of those that apply to it: "Hội Khuyến học: 2/6 nội dung hoàn thành, 1 không áp dụng"."""
    text = f"{score.title}: {score.done}/{score.total} nội dung hoàn thành"
    if score.not_applicable:
        text += f", {score.not_applicable} không áp dụng"
    return text


def row_result(row) -> str:
    """A commitment's result in the consolidation: done, not done, or not applicable to anyone."""
    if row.not_applicable:
        return "Không áp dụng"
    return "Hoàn thành" if row.done else "Chưa hoàn thành"


def short_date(day: date | None) -> str:
    """05/02/2025; '' for no date."""
    if not day:
        return ""
    with override(LANGUAGE):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def report_commitments(report: ProgressReport):
    """The unit's commitments (those it reports on, then any other it gave progress for),
    and its progress by commitment id."""
    progress = {
        p.commitment_id: p
        for p in report.progress.select_related("commitment__section").prefetch_related("commitment__supporters")
    }
    commitments = commitments_for(report.plan, report.organisation, report.period)
    listed = {c.pk for c in commitments}
    extra = sorted(
        (p.commitment for p in progress.values() if p.commitment_id not in listed),
        key=lambda c: (c.section.order, c.order, c.pk),
    )
    return commitments + extra, progress


def report_figures(report: ProgressReport, commitments: list[Commitment]):
    """(indicator, figure or None) for every indicator of ``commitments``, then any other the unit gave."""
    values = {v.indicator_id: v for v in report.values.select_related("indicator__commitment")}
    figures = []
    seen = set()
    for commitment in commitments:
        for indicator in commitment.indicators.all():
            seen.add(indicator.pk)
            value = values.get(indicator.pk)
            figures.append((indicator, value.value if value else None))
    for indicator_id, value in values.items():
        if indicator_id not in seen:
            figures.append((value.indicator, value.value))
    return figures
