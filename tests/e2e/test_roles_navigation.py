"""Each demo role logs in, in a real browser, and sees its own navigation."""

import re

import pytest

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e

EXPECTED = {
    "admin": (
        [
            "Trang chủ",
            "Kế hoạch",
            "Bảng tổng hợp",
            "Thẩm định",
            "Đơn vị",
            "Danh sách học sinh",
            "Trang công khai",
            "Quản trị",
        ],
        "Quản trị viên",
    ),
    "editor": (["Trang chủ", "Kế hoạch", "Bảng tổng hợp", "Đơn vị", "Danh sách học sinh"], "Biên tập viên"),
    "reviewer": (
        ["Trang chủ", "Kế hoạch", "Bảng tổng hợp", "Thẩm định", "Đơn vị", "Danh sách học sinh"],
        "Cán bộ thẩm định",
    ),
    "leader": (["Trang chủ", "Kế hoạch", "Bảng tổng hợp", "Đơn vị", "Danh sách học sinh"], "Lãnh đạo"),
    "reporter": (
        ["Trang chủ", "Kế hoạch", "Báo cáo của tôi", "Đơn vị của tôi", "Danh sách học sinh"],
        "Cán bộ báo cáo",
    ),
}


@pytest.mark.parametrize("username", EXPECTED)
def test_each_role_logs_in_and_sees_its_own_navigation(demo, live_server, new_page, username):
    page = new_page()
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert_accessible(page)  # the login page
    log_in(page, live_server, username, demo)
    nav_items, role_label = EXPECTED[username]
    assert page.get_by_test_id("main-nav").get_by_role("link").all_inner_texts() == nav_items
    assert page.locator(".card .badge").first.inner_text() == role_label
    assert_accessible(page)  # the home page


def test_reporter_files_from_a_phone_menu_by_keyboard(demo, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "reporter", demo)
    nav = page.get_by_test_id("main-nav")
    assert not nav.is_visible()  # folded behind the menu button on a phone
    page.get_by_role("button", name="Mở trình đơn").focus()
    page.keyboard.press("Enter")
    nav.get_by_role("link", name="Đơn vị của tôi").click()
    page.get_by_role("heading", name="Hội Khuyến học phường Hòa Bình").wait_for()
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"


def test_skip_link_is_the_first_stop_for_keyboard_users(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "leader", demo)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Chuyển đến nội dung chính"


def test_reviewer_browses_the_units_of_the_province_in_english(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "reviewer", demo)
    page.get_by_role("button", name="English").click()
    page.get_by_test_id("main-nav").get_by_role("link", name="Units").click()
    page.get_by_label("Name contains").fill("Lạc Sơn")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"[?&]query="))  # the filtered list, not the one before it
    rows = page.locator("tbody tr").all_inner_texts()
    assert any("Hội Khuyến học huyện Lạc Sơn" in row for row in rows)
    assert all("Lạc Sơn" in row for row in rows)
    assert_accessible(page)
