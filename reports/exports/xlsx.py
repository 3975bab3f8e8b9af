"""Progress reports as workbooks: the figures as numbers, ready to sort, filter and add up.

Every sheet starts with a bold header row that stays in view (frozen) and
has an autofilter; figures are numeric cells, not text, shown with Excel's
number format so that a Vietnamese Excel writes them 32.000 and 98,5. The
sheets are written row by row through named styles (``sheets``).
"""

from collections import defaultdict

from django.utils.translation import override

from programmes import party_roles
from programmes.figures import share_of_target
from programmes.models import Indicator

from ..models import CommitmentProgress, IndicatorValue, ProgressReport
from ..selectors import commitments_for
from . import (
    LANGUAGE,
    SIDE_ORDER,
    choice_label,
    counted_phrase,
    numeric,
    numeric_share,
    party_label,
    period_phrase,
    report_commitments,
    report_figures,
    score_phrase,
    side_label,
    unit_label,
)
from .safe import safe_text
from .sheets import table, to_bytes, workbook

WHOLE = "#,##0"  # also for counts


def consolidation_xlsx(consolidation, reports) -> bytes:
    """The consolidation of a period: each unit's figures, the totals, the scorecard.

    ``reports`` are the ProgressReports that were counted (a queryset or a list).
    """
    with override(LANGUAGE):
        book = workbook()
        _unit_figures(book, consolidation, reports)
        _totals(book, consolidation)
        _scorecard(book, consolidation)
        _money(book, consolidation)
        _about(book, consolidation)
        book.properties.title = safe_text(f"Sơ kết {period_phrase(consolidation.period)} - {consolidation.plan.title}")
        return to_bytes(book)


def report_xlsx(report: ProgressReport) -> bytes:
    """One unit's report: its commitments with their status, its figures."""
    commitments, progress = report_commitments(report)
    figures = report_figures(report, commitments)
    names = party_roles.parties(report.plan)
    with override(LANGUAGE):
        book = workbook()
        rows = []
        for commitment in commitments:
            item = progress.get(commitment.pk)
            rows.append(
                [
                    commitment.number,
                    commitment.text,
                    party_label(commitment, names),
                    choice_label(CommitmentProgress.Status, item.status) if item else "Chưa báo cáo",
                    item.note if item else "",
                ]
            )
        table(
            book,
            "Nội dung",
            ["Số", "Nội dung", "Trách nhiệm", "Tình hình", "Kết quả thực hiện"],
            rows,
            [8, 60, 24, 20, 60],
        )

        rows = []
        for indicator, value in figures:
            rows.append(
                [
                    indicator.commitment.number,
                    indicator.name,
                    unit_label(indicator),
                    choice_label(Indicator.Direction, indicator.direction),
                    numeric(indicator.target_value, indicator.unit),
                    numeric(value, indicator.unit),
                    numeric_share(share_of_target(value, indicator.target_value)),
                ]
            )
        table(
            book,
            "Chỉ tiêu",
            ["Nội dung", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Mục tiêu", "Số liệu", "Tỷ lệ so với mục tiêu (%)"],
            rows,
            [10, 50, 16, 10, 14, 14, 14],
            numbers={4: None, 5: None, 6: None},
        )

        info = [
            ["Đơn vị", report.organisation.name],
            ["Địa bàn", report.organisation.area.name],
            ["Kế hoạch", str(report.plan)],
            ["Kỳ báo cáo", period_phrase(report.period)],
            ["Trạng thái báo cáo", choice_label(ProgressReport.Status, report.status)],
        ]
        table(book, "Thông tin", ["Mục", "Nội dung"], info, [22, 80])
        book.properties.title = safe_text(f"{report.organisation.name} - {period_phrase(report.period)}")
        return to_bytes(book)


# --------------------------------------------------------------------------- sheets


def _unit_figures(book, consolidation, reports) -> None:
    """One row per unit and indicator it reports on; a blank figure where the unit gave none."""
    reports = list(reports)
    ids = [r.pk for r in reports]
    loaded = ProgressReport.objects.filter(pk__in=ids).select_related("organisation__area", "plan")
    loaded = {r.pk: r for r in loaded}
    values = defaultdict(dict)  # report id -> indicator id -> figure
    for report_id, indicator_id, value in IndicatorValue.objects.filter(report_id__in=ids).values_list(
        "report_id", "indicator_id", "value"
    ):
        values[report_id][indicator_id] = value
    # Indicators a unit gave a figure for without reporting on them (any more): loaded whole, once each.
    given = {indicator_id for figures in values.values() for indicator_id in figures}
    others = {i.pk: i for i in Indicator.objects.filter(pk__in=given).select_related("commitment")}
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
            applicable[key] = [
                i for c in commitments_for(plan, organisation, consolidation.period) for i in c.indicators.all()
            ]
        indicators = list(applicable[key])
        listed = {i.pk for i in indicators}
        indicators += [others[i] for i in values[report_id] if i not in listed]
        status = choice_label(ProgressReport.Status, report.status)
        for indicator in indicators:
            rows.append(
                [
                    organisation.name,
                    organisation.area.name,
                    status,
                    indicator.commitment.number,
                    indicator.name,
                    unit_label(indicator),
                    numeric(indicator.target_value, indicator.unit),
                    numeric(values[report_id].get(indicator.pk), indicator.unit),
                ]
            )
    table(
        book,
        "Chỉ tiêu",
        ["Đơn vị", "Địa bàn", "Trạng thái báo cáo", "Nội dung", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Số liệu"],
        rows,
        [36, 24, 18, 10, 50, 16, 14, 14],
        numbers={6: None, 7: None},
    )


def _totals(book, consolidation) -> None:
    rows = []
    for total in consolidation.totals:
        indicator = total.indicator
        rows.append(
            [
                indicator.commitment.number,
                indicator.name,
                unit_label(indicator),
                choice_label(Indicator.Aggregation, indicator.aggregation),
                choice_label(Indicator.Direction, indicator.direction),
                numeric(indicator.target_value, indicator.unit),
                numeric(total.value, indicator.unit),
                numeric_share(total.progress),
                total.units,
            ]
        )
    table(
        book,
        "Tổng hợp",
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


def _money(book, consolidation) -> None:
    """What the plan's pupil lists gave in the half-year: pupils and đồng, by kind and by source."""
    rows = [["Hình thức", str(line.label), line.pupils, line.amount] for line in consolidation.money]
    rows += [["Nguồn", str(line.label), line.pupils, line.amount] for line in consolidation.money_sources]
    table(
        book,
        "Học bổng, khen thưởng",
        ["Theo", "Nội dung", "Số học sinh", "Số tiền (đồng)"],
        rows,
        [12, 36, 14, 18],
        numbers={2: WHOLE, 3: WHOLE},
    )


def _scorecard(book, consolidation) -> None:
    # A column per side that carries commitments, and per side that reported on some.
    counted = {score.party for score in consolidation.scores if score.total or score.not_applicable}
    sides = [s for s in SIDE_ORDER if s in counted or any(s in row.statuses for row in consolidation.rows)]
    names = party_roles.parties(consolidation.plan)
    rows = []
    for row in consolidation.rows:
        line = [
            row.commitment.number,
            row.commitment.text,
            party_label(row.commitment, names),
            "Không áp dụng" if row.not_applicable else "Có" if row.done else "Không",
        ]
        for side in sides:
            statuses = row.statuses.get(side, [])
            line.append("\n".join(f"{name}: {choice_label(CommitmentProgress.Status, st)}" for name, st in statuses))
        rows.append(line)
    table(
        book,
        "Nội dung",
        ["Nội dung", "Nội dung phối hợp", "Trách nhiệm", "Hoàn thành"] + [side_label(s) for s in sides],
        rows,
        [10, 60, 24, 12] + [50] * len(sides),
    )


def _about(book, consolidation) -> None:
    """What the figures are: the plan, the period, which reports they add up, each side's score."""
    rows = [
        ["Kế hoạch", str(consolidation.plan)],
        ["Kỳ báo cáo", period_phrase(consolidation.period)],
        ["Số liệu tổng hợp", counted_phrase(consolidation)],
    ]
    rows += [["Nội dung hoàn thành", score_phrase(s)] for s in consolidation.scores if s.total or s.not_applicable]
    table(book, "Thông tin", ["Mục", "Nội dung"], rows, [22, 100])
