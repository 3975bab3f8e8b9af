"""The words of the reporting pages: half-years in words, "Thẩm định", counts in units, "— Chọn … —"."""

import io
import json
import re
from datetime import datetime
from datetime import timezone as dt_timezone

import openpyxl
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reports.models import ProgressReport, half_year_label
from reports.services import workflow
from reports.tests.test_dashboard import reported, today  # noqa: F401 (fixtures)

CODE = re.compile(r"\bH[12]\s*/\s*\d{4}\b")


def test_a_half_year_is_named_in_words(h1):
    with translation.override("vi"):
        assert half_year_label(2026, "H1") == "6 tháng đầu năm 2026"
        assert half_year_label(2026, "H2") == "6 tháng cuối năm 2026"
        assert str(h1) == "6 tháng đầu năm 2026"
    with translation.override("en"):
        assert str(h1) == "First half of 2026"


def test_the_dashboard_names_half_years_in_words_never_by_code(client, leader, reported, today):  # noqa: F811
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert CODE.findall(page) == []
    trend = json.loads(
        re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert "6 tháng đầu năm 2026" in trend["labels"]  # the chart's
    grid = re.search(r'data-testid="unit-grid".*?</thead>', page, re.S).group(0)
    assert "6 tháng đầu năm 2026" in grid


def test_the_dashboard_workbook_names_half_years_in_words(client, leader, reported, today):  # noqa: F811
    client.force_login(leader)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:dashboard_xlsx")).content))
    cells = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value]
    assert "6 tháng đầu năm 2026" in cells
    assert [cell for cell in cells if CODE.search(cell) or cell in ("H1", "H2")] == []


def test_the_list_of_missing_units_names_the_half_year(client, world, leader, reported, today):  # noqa: F811
    client.force_login(leader)
    page = client.get(
        reverse("reports:report_list"), {"year": 2026, "half": "H1", "timing": "missing"}
    ).content.decode()
    assert world.unit_b.name in page and "6 tháng đầu năm 2026" in page
    assert CODE.findall(page) == []


def test_lagging_commitments_are_counted_in_units(client, leader, reported, today):  # noqa: F811
    client.force_login(leader)
    lagging = re.search(
        r'data-testid="lagging">(.*?)</ol>', client.get(reverse("reports:dashboard")).content.decode(), re.S
    ).group(1)
    assert "1 đơn vị chưa hoàn thành, 1 có nguy cơ chậm" in lagging
    assert "lượt" not in lagging
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    lagging = re.search(
        r'data-testid="lagging">(.*?)</ol>', client.get(reverse("reports:dashboard")).content.decode(), re.S
    ).group(1)
    assert "1 unit not done, 1 at risk" in lagging and "1 units" not in lagging


def test_the_reviewers_box_is_headed_thẩm_định(client, world, reviewer, h1):
    report = ProgressReport.objects.create(
        plan=h1.plan,
        period=h1,
        organisation=world.unit_a,
        status="submitted",
        submitted_at=datetime(2026, 6, 10, 3, tzinfo=dt_timezone.utc),
    )
    client.force_login(reviewer)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert re.search(r'<h2 class="h5" id="review-title">Thẩm định</h2>', page)
    assert "Sơ kết" not in page


def test_selects_ask_what_to_choose_instead_of_dashes(
    client, world, editor, leader, reporter_a, reporting_plan, h1, in_h1
):
    draft = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    pages = []
    client.force_login(editor)
    for url in [
        reverse("programmes:plan_create"),
        reverse("programmes:commitment_create", args=[reporting_plan.pk]),
        reverse("programmes:plan_derive", args=[reporting_plan.pk]),
    ]:
        pages.append(client.get(url).content.decode())
    client.force_login(leader)
    pages.append(client.get(reverse("reports:dashboard")).content.decode())
    client.force_login(reporter_a)
    pages.append(client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode())
    for page in pages:
        assert "---------" not in page
    assert '<option value="" selected>— Chọn địa bàn ban hành —</option>' in pages[0]
    assert "— Chọn kế hoạch cấp trên —" in pages[0]
    assert "— Chọn bên chịu trách nhiệm —" in pages[1] and "— Chọn đơn vị tính —" in pages[1]
    assert "— Chọn kỳ —" in pages[3]
    assert "— Chọn trạng thái —" in pages[4]
