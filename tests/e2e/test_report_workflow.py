"""A unit files, the province returns, the unit fixes, the province accepts, the consolidated report downloads."""

import io
import re

import docx
import pytest

from reports.models import ProgressReport

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e
UNIT = "Hội Khuyến học phường Hòa Bình"


def open_current_report(page, live_server):
    page.goto(f"{live_server.url}/reports/mine/")
    current = page.get_by_test_id("my-reports").locator("li").first
    return current


def fill_report(page, figure):
    for select in page.locator("select[name^='status_']").all():
        select.select_option(label="Hoàn thành")
    for field in page.locator("input[name^='value_']").all():
        field.fill(figure)
    page.get_by_label("Kết quả đạt được").fill("Tổ chức 4 buổi tuyên truyền tại khu dân cư")
    page.get_by_label("Đề xuất, kiến nghị").fill("Đề nghị tỉnh hỗ trợ tài liệu tuyên truyền")


def submit(page):
    page.get_by_role("button", name="Lưu và gửi…").click()
    page.get_by_role("button", name="Gửi lên cấp tỉnh").click()
    page.get_by_text("Đã gửi báo cáo lên cấp tỉnh.").wait_for()


def test_file_return_fix_accept_and_download_the_consolidation(demo, live_server, new_page):
    reporter = new_page(viewport=PHONE)  # units often file from a phone
    log_in(reporter, live_server, "reporter", demo)
    current = open_current_report(reporter, live_server)
    current.get_by_role("button", name="Lập báo cáo").click()
    reporter.get_by_role("heading", name=re.compile("^Báo cáo 6 tháng")).wait_for()
    assert_accessible(reporter)
    fill_report(reporter, "85")
    submit(reporter)
    report = ProgressReport.objects.filter(organisation__name=UNIT).order_by("-period__starts_on").first()
    assert report.status == "submitted"

    reviewer = new_page()
    log_in(reviewer, live_server, "reviewer", demo)
    reviewer.get_by_test_id("main-nav").get_by_role("link", name="Thẩm định").click()
    assert_accessible(reviewer)
    reviewer.goto(f"{live_server.url}/reports/{report.pk}/")
    reviewer.get_by_label("Nội dung đơn vị cần sửa").fill("Bổ sung số liệu quỹ khuyến học")
    reviewer.get_by_role("button", name="Trả lại đơn vị").click()
    reviewer.get_by_text("Đã trả lại báo cáo cho đơn vị.").wait_for()

    current = open_current_report(reporter, live_server)
    assert "Bổ sung số liệu quỹ khuyến học" in current.inner_text()
    current.get_by_role("link", name="Sửa và gửi lại").click()
    fill_report(reporter, "90")
    submit(reporter)

    reviewer.goto(f"{live_server.url}/reports/{report.pk}/")
    assert_accessible(reviewer)
    reviewer.get_by_test_id("review-actions").get_by_role(
        "link", name="Duyệt báo cáo"
    ).click()  # asks first, on a page of its own
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Duyệt báo cáo").click()
    reviewer.get_by_text("Đã duyệt báo cáo.").wait_for()
    report.refresh_from_db()
    assert report.status == "accepted"
    # Returned close to the lock date, the report was also reopened for a week.
    returned = ["returned", "reopened"] if report.reopened_until else ["returned"]
    assert list(report.events.values_list("action", flat=True)) == [
        "created",
        "submitted",
        *returned,
        "submitted",
        "accepted",
    ]

    reviewer.goto(f"{live_server.url}/plans/{report.plan_id}/")
    reviewer.get_by_test_id("periods").get_by_role("link", name=str(report.period)).click()
    assert_accessible(reviewer)
    with reviewer.expect_download() as download:
        reviewer.get_by_role("link", name="Báo cáo tổng hợp (.docx)").click()
    document = docx.Document(io.BytesIO(open(download.value.path(), "rb").read()))
    text = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "BÁO CÁO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Đề nghị tỉnh hỗ trợ tài liệu tuyên truyền" in text
