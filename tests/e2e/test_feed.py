"""The current plan's feed in Chromium: the Sở's editor posts an official letter from the plan's page
on a phone, a disguised file is refused beside its field with the typing kept, the real one goes;
a commune's reporter reads it at 320 px, marked new, and downloads the file. Every page is
axe-clean. The fields are found by their ids: their labels are the translators'."""

import pytest

from programmes.models import Plan

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e
NARROW = {"width": 320, "height": 640}
WIDTH = "() => document.documentElement.scrollWidth"
TITLE = "Hướng dẫn tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2026"


def test_a_party_posts_a_letter_and_a_unit_reads_it(demo, live_server, new_page, tmp_path):
    plan = Plan.objects.get(number="15/KH-SGDĐT-HKH")
    disguised = tmp_path / "ke-hoach.pdf"
    disguised.write_bytes(b"MZ\x90\x00 not a PDF at all")
    letter = tmp_path / "cong-van-52.pdf"
    letter.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")

    editor = new_page(PHONE)
    log_in(editor, live_server, "editor", demo)
    editor.goto(f"{live_server.url}/plans/{plan.pk}/")
    editor.get_by_test_id("feed-link").click()
    assert_accessible(editor)
    editor.get_by_test_id("feed-post").locator("summary").click()
    editor.locator("#id_kind").select_option("letter")
    editor.locator("#id_number").fill("52/SGDĐT-GDTX")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_body").fill("Kính gửi Hội Khuyến học các xã, phường.\nĐề nghị triển khai theo kế hoạch.")
    editor.locator("#id_files").set_input_files([str(letter), str(disguised)])
    editor.get_by_test_id("feed-post").locator("button[type=submit]").click()

    # Refused beside the field; everything typed is still there.
    files = editor.locator("#id_files")
    assert files.get_attribute("aria-invalid") == "true"
    assert "Hãy đính kèm tệp PDF" in editor.locator("#id_files_error").inner_text()
    assert editor.locator("#id_title").input_value() == TITLE
    assert editor.locator("#id_number").input_value() == "52/SGDĐT-GDTX"
    assert editor.evaluate(WIDTH) <= PHONE["width"]
    assert_accessible(editor)

    files.set_input_files([str(letter)])
    editor.get_by_test_id("feed-post").locator("button[type=submit]").click()
    first = editor.get_by_test_id("feed-entries").locator("li").first
    first.get_by_text(TITLE).wait_for()  # the page after posting, not the one before it
    assert TITLE in first.inner_text() and "52/SGDĐT-GDTX" in first.inner_text()
    assert_accessible(editor)

    reporter = new_page(NARROW)
    log_in(reporter, live_server, "reporter", demo)
    reporter.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert reporter.get_by_test_id("feed-link").locator(".feed-new").count() == 1
    reporter.get_by_test_id("feed-link").click()
    entry = reporter.get_by_test_id("feed-entries").locator("li").first
    assert TITLE in entry.inner_text()
    assert entry.locator(".feed-new").count() == 1
    assert reporter.get_by_test_id("feed-post").count() == 0  # a unit reads, does not post
    assert reporter.evaluate(WIDTH) <= NARROW["width"]
    assert_accessible(reporter)
    with reporter.expect_download() as download:
        entry.get_by_role("link", name="cong-van-52.pdf").click()
    assert download.value.suggested_filename == "cong-van-52.pdf"
