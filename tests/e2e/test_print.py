"""Printing: the plan as the signed document on portrait pages; the period page and the dashboard without overlap,
with what they cover and the print date on the sheet."""

import io
import re
import unicodedata

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.models import Plan

from .conftest import log_in

pytestmark = pytest.mark.e2e

CURRENT_PLAN = "15/KH-SGDĐT-HKH"


def printed(page) -> list[tuple[bool, str]]:
    """Print the page to PDF; for each sheet, whether it is portrait and its text without spaces
    (Chromium's PDF splits words into glyph runs)."""
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    return [
        (
            sheet.mediabox.height > sheet.mediabox.width,
            unicodedata.normalize("NFC", re.sub(r"\s+", "", sheet.extract_text())),
        )
        for sheet in reader.pages
    ]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_plan_prints_portrait_from_the_first_page_without_buttons(demo, live_server, new_page):
    plan = Plan.objects.get(number=CURRENT_PLAN)
    page = new_page()
    log_in(page, live_server, "editor", demo)
    page.goto(f"{live_server.url}{reverse('programmes:plan_detail', args=[plan.pk])}")
    sheets = printed(page)
    assert all(portrait for portrait, _text in sheets)
    first = sheets[0][1]
    assert squeeze("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") in first
    assert squeeze("KẾ HOẠCH PHỐI HỢP") in first
    everything = "".join(text for _portrait, text in sheets)
    for button in ("Sửa kế hoạch", "Sửa nội dung cam kết", "Chuyển sang", "Lịch sử", "Trang chủ"):
        assert squeeze(button) not in everything, button


def test_the_dashboard_prints_landscape_without_overlap_with_its_scope_and_date(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "leader", demo)
    page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
    page.locator("#trend-chart").wait_for()
    today = timezone.localdate().strftime("%d/%m/%Y")

    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
    # On paper the chart keeps the size Chart.js drew for the screen (it is not redrawn for the sheet).
    page.locator("#trend-chart").evaluate("canvas => { canvas.style.width = '900px'; canvas.style.height = '400px'; }")
    boxes = page.evaluate("""() => {
      const rect = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
      return {chart: rect(document.querySelector('#trend-chart')), box: rect(document.querySelector('.chart-box')),
              tables: [...document.querySelectorAll('main table')].map(rect)};
    }""")
    left, top, right, bottom = boxes["chart"]
    box = boxes["box"]
    assert box[0] - 1 <= left and box[1] - 1 <= top and right <= box[2] + 1 and bottom <= box[3] + 1, boxes
    for table in boxes["tables"]:
        assert right <= table[0] or table[2] <= left or bottom <= table[1] or table[3] <= top, (boxes["chart"], table)
    assert page.evaluate("getComputedStyle(document.querySelector('main h2')).breakAfter") == "avoid"

    header = page.get_by_test_id("print-header")
    assert header.is_visible()
    assert "Địa bàn: Phú Thọ" in header.inner_text()
    assert f"In ngày {today}" in header.inner_text()

    sheets = printed(page)
    assert not any(portrait for portrait, _text in sheets)  # the wide unit grid keeps the landscape page
    assert squeeze(f"In ngày {today}") in sheets[0][1]
    assert squeeze("Bảng tổng hợp") in sheets[0][1]


def test_the_period_page_prints_its_plan_period_and_date(demo, live_server, new_page):
    plan = Plan.objects.get(number=CURRENT_PLAN)
    period = plan.periods.filter(reports__status="submitted").first()
    page = new_page()
    log_in(page, live_server, "reviewer", demo)
    page.goto(f"{live_server.url}{reverse('reports:period_detail', args=[plan.pk, period.pk])}")
    sheets = printed(page)
    assert all(portrait for portrait, _text in sheets)
    first = sheets[0][1]
    today = timezone.localdate().strftime("%d/%m/%Y")
    for words in (f"Kế hoạch: {plan}", f"Kỳ báo cáo: {period}", f"In ngày {today}"):
        assert squeeze(words) in first, words
    assert squeeze("Báo cáo tổng hợp (.docx)") not in first  # no buttons on paper
