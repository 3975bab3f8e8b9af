"""Nothing a unit types can break the province's documents or plant a formula in its workbooks."""

import io
from datetime import date, datetime
from datetime import timezone as dt_timezone

import docx
import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from programmes.models import Commitment, Indicator, Organisation, Plan
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal
from reports.services import workflow

CONTROLS = "\x0b\x01\x0c"
FORMULAS = ["=1+1", '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1)"]


def test_a_report_saved_with_pasted_control_characters_stores_clean_text(client, world, reporter_a, h1, in_h1):
    from reports.tests.test_views import form_data

    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    commitment = workflow.commitments_for(report.plan, report.organisation)[0]
    client.force_login(reporter_a)
    data = form_data(
        report,
        results="\x0bKết quả\x0c\x01",
        causes="Dòng một\x0bdòng hai",
        **{f"note_{commitment.pk}": "Đã\x01 làm\x1b"},
    )
    response = client.post(reverse("reports:report_edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.results == "Kết quả"
    assert report.causes == "Dòng một\ndòng hai"  # Word's line break stays a line break
    assert report.progress.get(commitment=commitment).note == "Đã làm"
    assert client.get(reverse("reports:report_docx", args=[report.pk])).status_code == 200


@pytest.fixture
def filed(world, reporting_plan, h1):
    """Unit A's accepted report for the first half of 2026, with a note, figures and a proposal."""
    report = ProgressReport.objects.create(
        plan=reporting_plan,
        period=h1,
        organisation=world.unit_a,
        status="accepted",
        submitted_at=datetime(2026, 6, 18, 3, tzinfo=dt_timezone.utc),
        results="Tổ chức 3 hội nghị",
    )
    for commitment in workflow.commitments_for(reporting_plan, world.unit_a):
        CommitmentProgress.objects.create(report=report, commitment=commitment, status="at_risk", note="Đã thực hiện")
    IndicatorValue.objects.create(report=report, indicator=Indicator.objects.get(name="Học bổng"), value=32000)
    IndicatorValue.objects.create(report=report, indicator=Indicator.objects.get(name="Tỷ lệ hội viên"), value=98.5)
    Proposal.objects.create(report=report, text="Đề nghị hỗ trợ kinh phí", answer="Đã ghi nhận")
    return report


def _downloads(client, reviewer, leader, report):
    """The unit's .docx and .xlsx, the period's consolidated .docx and .xlsx, the dashboard's .xlsx."""
    plan, period = report.plan, report.period
    with time_machine.travel(date(2026, 7, 1), tick=False):
        cache.clear()
        client.force_login(reviewer)
        responses = {
            "report.docx": client.get(reverse("reports:report_docx", args=[report.pk])),
            "report.xlsx": client.get(reverse("reports:report_xlsx", args=[report.pk])),
            "period.docx": client.get(reverse("reports:period_docx", args=[plan.pk, period.pk])),
            "period.xlsx": client.get(reverse("reports:period_xlsx", args=[plan.pk, period.pk])),
        }
        client.force_login(leader)
        responses["dashboard.xlsx"] = client.get(reverse("reports:dashboard_xlsx"))
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 200)
    return {name: r.content for name, r in responses.items()}


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _cells(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def test_every_export_writes_control_characters_already_in_the_database(client, world, reviewer, leader, filed):
    ProgressReport.objects.filter(pk=filed.pk).update(results=f"Kết quả{CONTROLS}tốt", next_steps=CONTROLS)
    Commitment.objects.filter(plan=filed.plan, number="1").update(text=f"Tuyên truyền{CONTROLS}")
    Organisation.objects.filter(pk=world.unit_a.pk).update(name=f"Hội Khuyến học{CONTROLS} phường Hòa Bình")
    Proposal.objects.filter(report=filed).update(text=f"Đề nghị{CONTROLS}", answer=f"Trả lời{CONTROLS}")
    CommitmentProgress.objects.filter(report=filed).update(note=f"Ghi chú{CONTROLS}")
    Indicator.objects.filter(name="Học bổng").update(name=f"Học bổng{CONTROLS}")
    Plan.objects.filter(pk=filed.plan.pk).update(title=f"Kế hoạch{CONTROLS} phối hợp")

    files = _downloads(client, reviewer, leader, filed)

    for name in ("report.docx", "period.docx"):
        text = _docx_text(files[name])
        assert "Kế hoạch\n\n phối hợp" in text, name  # the plan's title, its breaks kept as breaks
        assert not any(char in text for char in "\x01\x0b\x0c")
    assert "Kết quả\n\ntốt" in _docx_text(files["report.docx"])  # U+0001 dropped
    for name in ("report.xlsx", "period.xlsx", "dashboard.xlsx"):
        values = [cell.value for cell in _cells(files[name]) if isinstance(cell.value, str)]
        assert not any(char in value for value in values for char in "\x01\x0b\x0c"), name
    assert "Ghi chú\n\n" in [cell.value for cell in _cells(files["report.xlsx"])]


def test_unit_typed_text_is_never_a_formula_in_a_workbook(client, world, reviewer, leader, filed):
    first, second = FORMULAS[:2]
    Commitment.objects.filter(plan=filed.plan, number="2").update(number=first, text=second)
    CommitmentProgress.objects.filter(report=filed).update(note=FORMULAS[2])
    Organisation.objects.filter(pk=world.unit_a.pk).update(name=FORMULAS[3])
    Indicator.objects.filter(name="Học bổng").update(name=FORMULAS[4])
    Indicator.objects.filter(name="Tỷ lệ hội viên").update(name=FORMULAS[5])

    files = _downloads(client, reviewer, leader, filed)

    written = set()
    for name in ("report.xlsx", "period.xlsx", "dashboard.xlsx"):
        cells = _cells(files[name])
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == [], name
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.data_type == "s" and cell.quotePrefix, (name, cell.coordinate, cell.value)
                written.add(cell.value)
        figures = [cell.value for cell in cells if cell.value in (32000, 98.5)]
        assert figures and all(isinstance(value, (int, float)) for value in figures), name
    assert written >= set(FORMULAS)  # every formula-like text is there, as text
