"""An editor enters a plan in the browser; a reporter can read it but not change it."""

import re

import pytest
from playwright.sync_api import expect

from programmes.models import Plan

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e

TITLE = "Kế hoạch phối hợp khuyến học, khuyến tài năm 2027"


def add_commitment(page, section_title, number, text, party, indicator=None):
    section = page.locator("section", has=page.get_by_role("heading", name=section_title))
    section.get_by_role("link", name="Thêm nội dung").click()
    form = page.get_by_role("form", name="Nội dung cam kết mới")
    form.get_by_label("Số thứ tự").fill(number)
    form.get_by_label("Nội dung").fill(text)
    form.get_by_label("Bên chịu trách nhiệm").select_option(label=party)
    if indicator:
        name, target, unit = indicator
        form.get_by_label("Tên chỉ tiêu").first.fill(name)
        form.get_by_label("Mức chỉ tiêu").first.fill(target)
        form.get_by_label("Đơn vị tính").first.select_option(label=unit)
    form.get_by_role("button", name="Lưu nội dung").click()
    page.get_by_test_id("commitment-row").filter(has_text=text).wait_for()


def numbers(page):
    return [n.strip() for n in page.locator("[data-testid=commitment-row] .commitment-number").all_inner_texts()]


def test_editor_enters_a_plan_and_finds_it_without_diacritics(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "editor", demo)
    page.get_by_test_id("main-nav").get_by_role("link", name="Kế hoạch").click()
    page.get_by_role("link", name="Kế hoạch mới").click()
    assert_accessible(page)

    page.get_by_label("Số, ký hiệu").fill("25/KH-SGDĐT-HKH")
    page.get_by_label("Tên văn bản").fill(TITLE)
    page.get_by_label("Địa bàn ban hành").select_option(label="Phú Thọ · Tỉnh, thành phố")
    page.get_by_label("Từ năm").fill("2027")
    page.get_by_label("Đến năm").fill("2027")
    party_selects = page.locator("select[name$='-organisation']")
    party_selects.nth(0).select_option(label="Sở Giáo dục và Đào tạo tỉnh Phú Thọ")
    party_selects.nth(1).select_option(label="Hội Khuyến học tỉnh Phú Thọ")
    page.get_by_role("button", name="Tạo và nhập nội dung cam kết").click()
    page.get_by_role("heading", name="Nội dung cam kết của kế hoạch").wait_for()

    page.evaluate("window.__sameDocument = true")  # survives only if no row reloads the page
    page.get_by_label("Số thứ tự").fill("I")
    page.locator("input[name='new-section-title']").fill("Nội dung phối hợp")
    page.get_by_role("button", name="Thêm phần").click()
    page.get_by_role("heading", name="I. Nội dung phối hợp").wait_for()

    add_commitment(page, "I. Nội dung phối hợp", "1", "Tuyên truyền về xây dựng xã hội học tập", "Phối hợp")
    add_commitment(
        page,
        "I. Nội dung phối hợp",
        "2",
        "Phát triển hội viên trong cha mẹ học sinh",
        "Hội Khuyến học tỉnh Phú Thọ",  # the plan's parties, offered by name
        indicator=("Tỷ lệ hội viên trong chi hội các trường", "85", "%"),
    )
    add_commitment(
        page,
        "I. Nội dung phối hợp",
        "3",
        "Xây dựng trường học là Đơn vị học tập",
        "Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
    )
    assert numbers(page) == ["1", "2", "3"]

    page.get_by_role("button", name="Chuyển 1 xuống").click()
    # A function, not an expression: Playwright evaluates expressions with eval(), which the CSP refuses.
    page.wait_for_function(
        "() => document.querySelector('[data-testid=commitment-row] .commitment-number').textContent.trim() === '2'"
    )
    assert numbers(page) == ["2", "1", "3"]
    assert page.evaluate("window.__sameDocument === true")
    assert_accessible(page)

    page.get_by_role("link", name="Xong: xem kế hoạch").click()
    document = page.locator("article.document")
    assert re.search(r"2\s.*Phát triển hội viên.*1\s.*Tuyên truyền.*3\s", document.inner_text(), re.S)
    assert "ít nhất 85 %" in document.inner_text()
    assert_accessible(page)

    plan = Plan.objects.get(number="25/KH-SGDĐT-HKH")
    assert list(plan.commitments.order_by("order").values_list("number", flat=True)) == ["2", "1", "3"]
    assert plan.commitments.get(number="2").indicators.get().target_value == 85

    page.get_by_test_id("main-nav").get_by_role("link", name="Kế hoạch").click()
    page.wait_for_url(re.compile(r"/plans/$"))
    page.get_by_label("Tìm kiếm").fill("khuyen tai nam 2027")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"query=khuyen"))  # the filtered list, not the one before it
    results = page.get_by_test_id("plan-list")
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    assert "Hòa Bình" not in results.inner_text()


def test_reporter_reads_a_plan_but_cannot_edit_it(demo, live_server, new_page):
    """The ward of the reporter took over the former Hòa Bình city, so it reads the Hòa Bình plan."""
    plan = Plan.objects.get(number="1392/KH-SGD&ĐT-HKH")
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "reporter", demo)
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name=re.compile("Phối hợp công tác giai đoạn 2012-2016", re.I)).click()
    page.locator("article.document").get_by_text("1.4", exact=True).wait_for()  # the plan's page, loaded
    assert page.get_by_role("link", name="Sửa kế hoạch").count() == 0
    assert page.get_by_role("link", name="Sửa nội dung cam kết").count() == 0
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")
    assert response.status == 403
    assert page.get_by_role("heading", name="Không được phép").is_visible()
    assert page.goto(f"{live_server.url}/plans/{plan.pk}/commitments/").status == 403
