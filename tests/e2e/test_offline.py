"""A commune reporter on a phone with no signal: the draft opens from what the phone kept,
the typing waits on the phone and goes to the portal when the connection returns; a version
changed meanwhile is shown beside the phone's, nothing overwritten; logging out empties the cache."""

import re

import pytest

from reports.models import ProgressReport
from reports.services import workflow

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e

STATE = "[data-offline-status][data-state='{}']"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def open_a_draft_online(page, live_server):
    """Start the first report if needed; then "My reports" keeps its edit page. Returns the report."""
    page.goto(f"{live_server.url}/reports/mine/")
    first = page.get_by_test_id("my-reports").locator("li").first
    start = first.get_by_role("button", name="Lập báo cáo")
    if start.count():
        start.click()
        page.get_by_role("heading", name=re.compile("^Báo cáo 6 tháng")).wait_for()
        page.goto(f"{live_server.url}/reports/mine/")
    page.locator("body[data-offline-ready]").wait_for(state="attached")
    link = page.locator("a[data-offline-keep]").first
    pk = int(re.search(r"/reports/(\d+)/edit/", link.get_attribute("href")).group(1))
    return ProgressReport.objects.get(pk=pk)


def go_offline_to(page, live_server, report):
    page.context.set_offline(True)
    response = page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    assert response.from_service_worker
    page.get_by_role("heading", name=re.compile("^Báo cáo 6 tháng")).wait_for()


def test_a_draft_filled_offline_reaches_the_portal_when_the_connection_returns(demo, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "reporter", demo)
    report = open_a_draft_online(page, live_server)
    go_offline_to(page, live_server, report)
    assert page.evaluate("navigator.onLine") is False
    page.get_by_label("Kết quả đạt được").fill("Họp chi hội khi mất sóng")
    page.locator(STATE.format("phone")).wait_for()
    attached = report.attachments.count()
    page.locator("input[type=file]").set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("button[name=attach]").click()
    page.locator(STATE.format("file-kept")).wait_for()
    assert page.locator("input[type=file]").input_value() == ""
    submit = page.locator("button[name=submit]:not([hidden])")
    assert submit.get_attribute("aria-disabled") == "true"
    submit.click(force=True)  # aria-disabled: it does nothing but say so
    page.locator(STATE.format("needs-connection")).wait_for()
    assert "/edit/" in page.url
    assert ProgressReport.objects.get(pk=report.pk).results != "Họp chi hội khi mất sóng"
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.context.set_offline(False)
    page.locator(STATE.format("portal")).wait_for()
    assert page.locator(STATE.format("portal")).inner_text() == page.locator(STATE.format("portal")).get_attribute(
        "data-portal"
    )
    saved = ProgressReport.objects.get(pk=report.pk)
    assert saved.results == "Họp chi hội khi mất sóng"
    assert saved.version == report.version + 1
    assert page.locator("input[name=version]").input_value() == str(saved.version)
    assert list(saved.attachments.values_list("name", flat=True)[attached:]) == ["bien-ban.pdf"]


def test_a_version_changed_meanwhile_is_shown_beside_the_phones_and_nothing_is_lost(demo, live_server, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    log_in(page, live_server, "reporter", demo)
    report = open_a_draft_online(page, live_server)
    go_offline_to(page, live_server, report)
    page.get_by_label("Kết quả đạt được").fill("Bản trên điện thoại")
    page.locator(STATE.format("phone")).wait_for()
    # A colleague of the unit saves from another phone meanwhile.
    workflow.report_save(
        user=report.organisation.memberships.get(user__username="reporter").user,
        report=report,
        version=report.version,
        narrative={"results": "Bản của đồng nghiệp"},
        progress=[],
        values={},
    )
    page.context.set_offline(False)
    page.locator(STATE.format("conflict")).wait_for()
    field = page.locator("[data-offline-conflict] fieldset[data-field='results']")
    assert "Bản trên điện thoại" in field.inner_text() and "Bản của đồng nghiệp" in field.inner_text()
    assert ProgressReport.objects.get(pk=report.pk).results == "Bản của đồng nghiệp"
    assert page.get_by_label("Kết quả đạt được").input_value() == "Bản trên điện thoại"
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    field.locator("input[value=phone]").check()
    page.locator("[data-offline-apply]").click()
    page.locator(STATE.format("portal")).wait_for()
    assert ProgressReport.objects.get(pk=report.pk).results == "Bản trên điện thoại"


def test_a_page_the_phone_did_not_keep_answers_with_the_offline_page(demo, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "reporter", demo)
    open_a_draft_online(page, live_server)
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/notifications/")  # seen online, but not kept
    assert page.locator("[data-offline-precache], [data-testid]").count() == 0
    page.get_by_role("link", name="My reports").or_(page.get_by_role("link", name="Báo cáo của tôi")).click()
    page.get_by_test_id("my-reports").wait_for()
    assert_accessible(page)


def test_logging_out_empties_the_offline_cache(demo, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "reporter", demo)
    open_a_draft_online(page, live_server)
    assert page.evaluate("caches.keys()") == ["khuyenhoc-offline"]
    # A file waiting to be attached is kept in the page's database.
    page.evaluate(
        "new Promise(r => { const o = indexedDB.open('khuyenhoc-offline', 1);"
        " o.onupgradeneeded = () => o.result.createObjectStore('files', {autoIncrement: true});"
        " o.onsuccess = () => { o.result.close(); r(); }; })"
    )
    databases = "indexedDB.databases().then(found => found.map(d => d.name))"
    assert "khuyenhoc-offline" in page.evaluate(databases)
    # The menu's "Log out" button, as a click would send it.
    page.evaluate("document.querySelector('form[data-autosave-forget]').requestSubmit()")
    page.wait_for_url(re.compile("/accounts/login/"))
    assert page.evaluate("caches.keys()") == []
    assert "khuyenhoc-offline" not in page.evaluate(databases)
