"""Progress reports as workbooks: the figures as numbers, ready to sort, filter and add up.

Every sheet starts with a bold header row that stays in view (frozen) and
has an autofilter; figures are numeric cells, not text, shown with Excel's
number format so that a Vietnamese Excel writes them 32.000 and 98,5.
"""
import io
from collections import defaultdict

from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from programmes.models import Indicator

from ..models import CommitmentProgress, IndicatorValue, ProgressReport
from ..services.workflow import commitments_for
from . import (
    SIDE_ORDER,
    cell_format,
    choice_label,
    counted_phrase,
    numeric,
    numeric_share,
    party_label,
    period_phrase,
    progress_of,
    report_commitments,
    report_figures,
    score_phrase,
    side_label,
    unit_label,
)
from .safe import append_row, safe_text

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
WHOLE = "#,##0"  # also for counts


def consolidation_xlsx(consolidation, reports) -> bytes:
    """The consolidation of a period: each unit's figures, the totals, the scorecard.

    ``reports`` are the ProgressReports that were counted (a queryset or a list).
    """
    with override("vi"):
        workbook = Workbook()
        _unit_figures(workbook.active, consolidation, reports)
        _totals(workbook.create_sheet("Tổng hợp"), consolidation)
        _scorecard(workbook.create_sheet("Nội dung"), consolidation)
        _about(workbook.create_sheet("Thông tin"), consolidation)
        workbook.properties.title = safe_text(f"Sơ kết {period_phrase(consolidation.period)} - {consolidation.plan.title}")
        return _bytes(workbook)


def report_xlsx(report: ProgressReport) -> bytes:
    """One unit's report: its commitments with their status, its figures."""
    commitments, progress = report_commitments(report)
    figures = report_figures(report, commitments)
    with override("vi"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Nội dung"
        rows = []
        for commitment in commitments:
            item = progress.get(commitment.pk)
            rows.append([
                commitment.number,
                commitment.text,
                party_label(commitment),
                choice_label(CommitmentProgress.Status, item.status) if item else "Chưa báo cáo",
                item.note if item else "",
            ])
        _fill(sheet, ["Số", "Nội dung", "Trách nhiệm", "Tình hình", "Kết quả thực hiện"], rows, [8, 60, 24, 20, 60])

        sheet = workbook.create_sheet("Chỉ tiêu")
        rows = []
        for indicator, value in figures:
            rows.append([
                indicator.commitment.number,
                indicator.name,
                unit_label(indicator),
                choice_label(Indicator.Direction, indicator.direction),
                numeric(indicator.target_value, indicator.unit),
                numeric(value, indicator.unit),
                numeric_share(progress_of(value, indicator.target_value)),
            ])
        _fill(
            sheet,
            ["Nội dung", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Mục tiêu", "Số liệu", "Tỷ lệ so với mục tiêu (%)"],
            rows,
            [10, 50, 16, 10, 14, 14, 14],
            numbers={4: None, 5: None, 6: None},
        )

        sheet = workbook.create_sheet("Thông tin")
        info = [
            ["Đơn vị", report.organisation.name],
            ["Địa bàn", report.organisation.area.name],
            ["Kế hoạch", str(report.plan)],
            ["Kỳ báo cáo", period_phrase(report.period)],
            ["Trạng thái báo cáo", choice_label(ProgressReport.Status, report.status)],
        ]
        _fill(sheet, ["Mục", "Nội dung"], info, [22, 80])
        workbook.properties.title = safe_text(f"{report.organisation.name} - {period_phrase(report.period)}")
        return _bytes(workbook)


# --------------------------------------------------------------------------- sheets


def _unit_figures(sheet, consolidation, reports) -> None:
    """One row per unit and indicator it reports on; a blank figure where the unit gave none."""
    sheet.title = "Chỉ tiêu"
    reports = list(reports)
    ids = [r.pk for r in reports]
    loaded = ProgressReport.objects.filter(pk__in=ids).select_related("organisation__area", "plan")
    loaded = {r.pk: r for r in loaded}
    values = defaultdict(dict)  # report id -> indicator id -> figure
    others = {}  # indicators a unit gave a figure for without reporting on them (any more)
    for value in IndicatorValue.objects.filter(report_id__in=ids).select_related("indicator__commitment"):
        values[value.report_id][value.indicator_id] = value.value
        others[value.indicator_id] = value.indicator
    plan = consolidation.plan
    applicable = {}  # (side, level) -> indicators; commitments_for depends on nothing else
    rows = []
    for report_id in ids:
        report = loaded.get(report_id)
        if report is None:
            continue
        organisation = report.organisation
        key = (organisation.side, organisation.area.level)
        if key not in applicable:
            applicable[key] = [i for c in commitments_for(plan, organisation, consolidation.period) for i in c.indicators.all()]
        indicators = list(applicable[key])
        listed = {i.pk for i in indicators}
        indicators += [others[i] for i in values[report_id] if i not in listed]
        status = choice_label(ProgressReport.Status, report.status)
        for indicator in indicators:
            rows.append([
                organisation.name,
                organisation.area.name,
                status,
                indicator.commitment.number,
                indicator.name,
                unit_label(indicator),
                numeric(indicator.target_value, indicator.unit),
                numeric(values[report_id].get(indicator.pk), indicator.unit),
            ])
    _fill(
        sheet,
        ["Đơn vị", "Địa bàn", "Trạng thái báo cáo", "Nội dung", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Số liệu"],
        rows,
        [36, 24, 18, 10, 50, 16, 14, 14],
        numbers={6: None, 7: None},
    )


def _totals(sheet, consolidation) -> None:
    rows = []
    for total in consolidation.totals:
        indicator = total.indicator
        rows.append([
            indicator.commitment.number,
            indicator.name,
            unit_label(indicator),
            choice_label(Indicator.Aggregation, indicator.aggregation),
            choice_label(Indicator.Direction, indicator.direction),
            numeric(indicator.target_value, indicator.unit),
            numeric(total.value, indicator.unit),
            numeric_share(total.progress),
            total.units,
        ])
    _fill(
        sheet,
        [
            "Nội dung",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Cách tổng hợp",
            "Yêu cầu",
            "Mục tiêu",
            "Kết quả",
            "Tỷ lệ so với mục tiêu (%)",
            "Số đơn vị báo cáo",
        ],
        rows,
        [10, 50, 16, 22, 10, 14, 14, 14, 12],
        numbers={5: None, 6: None, 7: None, 8: WHOLE},
    )


def _scorecard(sheet, consolidation) -> None:
    # A column per side that carries commitments, and per side that reported on some.
    counted = {score.side for score in consolidation.scores if score.total or score.not_applicable}
    sides = [s for s in SIDE_ORDER if s in counted or any(s in row.statuses for row in consolidation.rows)]
    rows = []
    for row in consolidation.rows:
        line = [
            row.commitment.number,
            row.commitment.text,
            party_label(row.commitment),
            "Không áp dụng" if row.not_applicable else "Có" if row.done else "Không",
        ]
        for side in sides:
            statuses = row.statuses.get(side, [])
            line.append("\n".join(f"{name}: {choice_label(CommitmentProgress.Status, st)}" for name, st in statuses))
        rows.append(line)
    _fill(
        sheet,
        ["Nội dung", "Nội dung phối hợp", "Trách nhiệm", "Hoàn thành"] + [side_label(s) for s in sides],
        rows,
        [10, 60, 24, 12] + [50] * len(sides),
    )


def _about(sheet, consolidation) -> None:
    """What the figures are: the plan, the period, which reports they add up, each side's score."""
    rows = [
        ["Kế hoạch", str(consolidation.plan)],
        ["Kỳ báo cáo", period_phrase(consolidation.period)],
        ["Số liệu tổng hợp", counted_phrase(consolidation)],
    ]
    rows += [["Nội dung hoàn thành", score_phrase(s)] for s in consolidation.scores if s.total or s.not_applicable]
    _fill(sheet, ["Mục", "Nội dung"], rows, [22, 100])


# --------------------------------------------------------------------------- helpers


def _fill(sheet, headers: list[str], rows: list[list], widths: list[int], *, numbers: dict | None = None) -> None:
    """Header row in bold, frozen and filtered; ``numbers`` maps a column index to its number format
    (None: the decimals the figure has, which the exports round as the pages show them)."""
    numbers = numbers or {}
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for values in rows:
        append_row(sheet, values)
        for column, cell in enumerate(sheet[sheet.max_row]):
            cell.border = BORDER
            if column in numbers:
                cell.alignment = Alignment(vertical="top")
                if isinstance(cell.value, (int, float)):
                    cell.number_format = numbers[column] or cell_format(cell.value)
            else:
                cell.alignment = WRAP
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    sheet.row_dimensions[1].height = 32


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
