"""The home page tells each demo persona what to do next, on a phone too."""

import pytest

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


def test_reporters_see_what_to_file_and_the_unread_count_on_a_phone(demo, live_server, new_page):
    from programmes.models import User
    from tasks.models import Notification

    reporter2 = User.objects.get(username="reporter2")
    Notification.objects.bulk_create([Notification(user=reporter2, title=f"Nhắc việc {i}") for i in range(3)])
    unread = Notification.objects.filter(user=reporter2, read_at=None).count()  # with the demo's own

    page = new_page(viewport=PHONE_390)
    log_in(page, live_server, "reporter2", demo)
    assert not page.get_by_test_id("main-nav").is_visible()  # the menu stays folded
    navbar = page.get_by_role("navigation", name="Điều hướng chính")
    assert navbar.get_by_role("link", name=f"{unread} thông báo chưa đọc", exact=True).is_visible()
    todo = page.get_by_test_id("todo-reporter")
    assert todo.get_by_role("heading", name="Bị trả lại: cần sửa và gửi lại").is_visible()
    assert todo.get_by_role("heading", name="Bản nháp chưa gửi").is_visible()
    assert todo.locator("[data-kind=returned]").get_by_text("Ý kiến của cán bộ thẩm định:").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    assert_accessible(page)
    todo.locator("[data-kind=returned] a").first.click()
    page.get_by_role("button", name="Lưu nháp").wait_for()  # the edit page opens for them

    from django.utils import timezone

    Notification.objects.filter(user__username="reporter").update(read_at=timezone.now())  # all read
    page = new_page(viewport=PHONE_390)
    log_in(page, live_server, "reporter", demo)
    todo = page.get_by_test_id("todo-reporter")
    due = todo.locator("[data-kind=due], [data-kind=overdue]")  # the current period, not started yet
    assert due.count() == 1
    assert due.get_by_role("button", name="Lập báo cáo").is_visible()
    assert (
        page.get_by_role("navigation", name="Điều hướng chính")
        .get_by_role("link", name="Thông báo", exact=True)
        .is_visible()
    )
    assert_accessible(page)


def test_reviewer_sees_the_reports_waiting(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "reviewer", demo)
    todo = page.get_by_test_id("todo-reviewer")
    assert todo.get_by_role("heading", name="1 báo cáo chờ thẩm định").is_visible()
    assert_accessible(page)
    page.get_by_test_id("todo-waiting").get_by_role("link", name="Hội Khuyến học phường Hòa Bình").click()
    page.get_by_role("heading", name="Hội Khuyến học phường Hòa Bình").first.wait_for()
