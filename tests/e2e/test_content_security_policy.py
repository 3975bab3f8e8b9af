"""The Content-Security-Policy refuses nothing on the pages that run scripts: the dashboard's
chart, the report form, the plan editor's htmx forms and the date picker. (Every other browser
test checks the same through the ``csp_violations`` fixture of conftest.py.)"""

import re

import pytest

from programmes.models import Plan
from reports.models import ReportingPeriod

from .conftest import log_in
from .test_report_workflow import open_current_report

pytestmark = pytest.mark.e2e


def test_the_policy_is_enforced_and_a_violation_is_caught(demo, live_server, new_page, csp_violations):
    page = new_page()
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"data:,\" onerror=\"window.ran = 1\">')")
    page.wait_for_timeout(300)
    assert page.evaluate("window.ran") is None
    assert any("script-src" in message for message in csp_violations)
    csp_violations.clear()  # the control: the pages below must add none


def test_the_dashboard_draws_its_chart_within_the_policy(demo, live_server, new_page, csp_violations):
    page = new_page()
    log_in(page, live_server, "leader", demo)
    page.goto(f"{live_server.url}/reports/dashboard/")
    page.locator("#trend-chart").wait_for()
    assert page.evaluate("!!window.Chart.getChart(document.getElementById('trend-chart'))")
    progress = page.locator("progress.portal-progress").first
    assert progress.evaluate("p => p.getBoundingClientRect().width") > 100
    assert csp_violations == []


def test_the_report_form_works_within_the_policy(demo, live_server, new_page, csp_violations):
    page = new_page()
    log_in(page, live_server, "reporter", demo)
    open_current_report(page, live_server).get_by_role("button", name=re.compile("Lập báo cáo|Tiếp tục")).click()
    page.get_by_role("heading", name=re.compile("^Báo cáo 6 tháng")).wait_for()
    page.get_by_label("Kết quả đạt được").fill("Tổ chức 4 buổi tuyên truyền")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    assert csp_violations == []


def test_the_plan_editor_and_the_date_picker_work_within_the_policy(demo, live_server, new_page, csp_violations):
    page = new_page()
    log_in(page, live_server, "editor", demo)
    period = ReportingPeriod.objects.filter(plan__area__organisations__memberships__user__username="editor").first()
    plan = (
        Plan.objects.filter(area__organisations__memberships__user__username="editor", status="draft").first()
        or period.plan
    )
    page.goto(f"{live_server.url}/plans/{plan.pk}/commitments/")
    page.get_by_role("link", name="Thêm nội dung").first.click()  # htmx fetches the form in place
    page.get_by_role("form", name="Nội dung cam kết mới").wait_for()

    page.goto(f"{live_server.url}/reports/plans/{period.plan.pk}/reporting/")
    page.evaluate("HTMLInputElement.prototype.showPicker = function () { window.pickerOpened = this.type; }")
    page.locator("[data-date-picker]").first.click()
    assert page.evaluate("window.pickerOpened") == "date"
    assert csp_violations == []
