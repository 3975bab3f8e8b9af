"""A leader reads the dashboard, filters by period and follows a late unit to its report."""

import re

import pytest

from reports.models import ProgressReport

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_leader_filters_by_period_and_follows_a_late_unit_to_its_report(demo, live_server, new_page):
    late = next(
        r
        for r in ProgressReport.objects.filter(plan__number="15/KH-SGDĐT-HKH", status="accepted").select_related(
            "period"
        )
        if r.submitted_at and r.submitted_at.date() > r.period.due_on
    )
    page = new_page()
    log_in(page, live_server, "leader", demo)
    page.get_by_test_id("main-nav").get_by_role("link", name="Bảng tổng hợp").click()
    page.get_by_role("heading", name=re.compile("^Bảng tổng hợp")).wait_for()
    assert_accessible(page)

    page.get_by_label("Năm", exact=True).fill(str(late.period.year))
    page.get_by_label("Kỳ", exact=True).select_option(value=late.period.half)
    page.get_by_role("button", name="Lọc").click()
    heading = "6 tháng đầu năm" if late.period.half == "H1" else "6 tháng cuối năm"
    page.get_by_role("heading", name=re.compile(f"{heading} {late.period.year}")).wait_for()
    assert page.get_by_test_id("late-count").locator(".display-6").inner_text() == "1"

    page.get_by_test_id("late-count").click()
    page.get_by_test_id("report-list").get_by_role("link", name=late.organisation.name).click()
    page.get_by_role("heading", name=re.compile(re.escape(late.organisation.name))).wait_for()
    assert page.url.endswith(f"/reports/{late.pk}/")
    assert_accessible(page)


def test_the_dashboard_reads_on_a_phone(demo, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "leader", demo)
    page.goto(f"{live_server.url}/reports/dashboard/")
    page.get_by_test_id("key-figures").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("#trend-chart").bounding_box()["width"] > 200  # the chart is drawn
