"""A reporter on a phone types, attaches, reloads, and finds everything still there."""

import re

import pytest

from reports.models import ProgressReport, ReportEvent

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e
PHONE_390 = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


CLEAR_OF_THE_BAR = """() => {
    const field = document.activeElement.getBoundingClientRect();
    const bar = document.querySelector('.save-bar').getBoundingClientRect();
    return field.top >= 0 && field.bottom <= bar.top;
}"""


def field_values(page):
    return {
        "results": page.get_by_label("Kết quả đạt được").input_value(),
        "status": page.locator("select[name^='status_']").first.input_value(),
        "figure": page.locator("input[name^='value_']").first.input_value(),
    }


def test_typing_survives_an_attachment_a_reload_and_a_failed_submit(demo, live_server, new_page):
    page = new_page(viewport=PHONE_390)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    log_in(page, live_server, "reporter", demo)
    page.goto(f"{live_server.url}/reports/mine/")
    page.get_by_test_id("my-reports").locator("li").first.get_by_role("button", name="Lập báo cáo").click()
    page.get_by_role("heading", name=re.compile("^Báo cáo 6 tháng")).wait_for()
    edit_url = page.url

    # Type, then attach a file before ever pressing "Lưu nháp".
    page.get_by_label("Kết quả đạt được").fill("Tổ chức 4 buổi tuyên truyền tại khu dân cư")
    page.locator("select[name^='status_']").first.select_option(label="Hoàn thành")
    page.locator("input[name^='value_']").first.fill("85")
    page.get_by_label("Minh chứng").set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Đính kèm").click()
    page.get_by_text("Đã đính kèm tệp.").wait_for()
    assert not page.get_by_role("button", name="Khôi phục").is_visible()  # the attach saved it all
    typed = {"results": "Tổ chức 4 buổi tuyên truyền tại khu dân cư", "status": "done", "figure": "85"}
    assert field_values(page) == typed
    assert page.get_by_test_id("evidence").get_by_role("link", name="bien-ban.pdf").is_visible()
    assert dialogs == []  # submitting the form itself never asks
    assert_accessible(page)

    # Type more, reload without saving: the page asks first, then offers the copy back.
    page.get_by_label("Tồn tại, hạn chế và khó khăn").fill("Kinh phí còn hạn chế")
    page.locator("input[name^='value_']").first.fill("90")
    page.reload()
    assert dialogs == ["beforeunload"]
    banner = page.get_by_role("status").filter(has_text="Khôi phục")
    banner.wait_for()
    assert page.get_by_label("Tồn tại, hạn chế và khó khăn").input_value() == ""
    assert_accessible(page)
    banner.get_by_role("button", name="Khôi phục").click()
    assert field_values(page) == {**typed, "figure": "90"}
    assert page.get_by_label("Tồn tại, hạn chế và khó khăn").input_value() == "Kinh phí còn hạn chế"

    # A wrong figure: the failed save moves focus to the summary, whose link focuses the field.
    page.locator("input[name^='value_']").first.fill("-5")
    page.get_by_role("button", name="Lưu nháp").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    figure = page.locator("input[name^='value_']").first
    summary.get_by_role("link", name=re.compile("không được âm")).click()
    assert page.evaluate("document.activeElement.name") == figure.get_attribute("name")
    # Bootstrap scrolls smoothly: wait until the scroll settles with the field clear of the bar.
    page.wait_for_function(CLEAR_OF_THE_BAR, timeout=3000)

    # Fixed and saved: the copy is cleared, and a reload offers nothing.
    figure.fill("90")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    page.reload()
    assert page.get_by_label("Tồn tại, hạn chế và khó khăn").input_value() == "Kinh phí còn hạn chế"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('autosave:')).length") == 0
    assert not page.get_by_role("button", name="Khôi phục").is_visible()

    # The wrong file is removed, and the report's history says so.
    page.get_by_test_id("evidence").get_by_role("button", name="Gỡ bien-ban.pdf").click()
    page.get_by_text("Đã gỡ tệp “bien-ban.pdf”.").wait_for()
    assert page.url == edit_url
    report = ProgressReport.objects.get(pk=int(edit_url.rstrip("/").split("/")[-2]))
    assert report.attachments.count() == 0
    assert report.events.filter(action=ReportEvent.Action.ATTACHMENT_REMOVED, comment="bien-ban.pdf").exists()


def test_the_plan_form_offers_its_copy_back_until_discarded(demo, live_server, new_page):
    page = new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, "editor", demo)
    page.goto(f"{live_server.url}/plans/new/")
    page.locator("[name='number']").fill("25/KH-SGDĐT-HKH")
    page.locator("[name='title']").fill("Kế hoạch phối hợp năm 2027")
    page.reload()
    assert page.locator("[name='title']").input_value() == ""
    page.get_by_role("button", name="Khôi phục").click()
    assert page.locator("[name='title']").input_value() == "Kế hoạch phối hợp năm 2027"
    page.get_by_role("button", name="Bỏ qua").wait_for(state="hidden")
    page.reload()
    page.get_by_role("button", name="Bỏ qua").click()  # still kept until saved; this time, discarded
    page.reload()
    assert not page.get_by_role("button", name="Khôi phục").is_visible()


def test_logging_out_forgets_the_copies_kept_in_this_browser(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "reporter", demo)
    page.evaluate(
        "() => { localStorage.setItem('autosave:/reports/1/edit/#3', '{}'); localStorage.setItem('theme', 'dark'); }"
    )
    page.locator("#main-nav .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/accounts/"))
    kept = page.evaluate("() => Object.keys(localStorage)")
    assert kept == ["theme"]  # the portal's copies are gone, nothing else is touched
