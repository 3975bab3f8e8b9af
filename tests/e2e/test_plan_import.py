"""An editor imports the Hòa Bình plan from its text in a real browser."""

from pathlib import Path

import pytest

from programmes.models import Plan

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e

SEED = next((Path(__file__).resolve().parents[2] / "programmes" / "tests" / "seeds").glob("001_*.txt"))


def test_editor_pastes_the_hoa_binh_plan_fixes_a_party_and_saves(demo, live_server, new_page):
    Plan.objects.filter(number="1392/KH-SGD&ĐT-HKH").delete()  # the demo entered it by hand already
    page = new_page()
    log_in(page, live_server, "editor", demo)
    page.get_by_test_id("main-nav").get_by_role("link", name="Kế hoạch").click()
    page.get_by_role("link", name="Nhập từ văn bản").click()
    assert_accessible(page)

    page.get_by_label("Dán nội dung văn bản").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Kiểm tra kế hoạch đã đọc").wait_for()
    assert page.get_by_label("Số, ký hiệu").input_value() == "1392/KH-SGD&ĐT-HKH"
    assert page.get_by_test_id("import-commitment").count() == 21
    assert_accessible(page)

    first = page.get_by_test_id("import-commitment").first
    assert first.get_by_label("Số thứ tự").input_value() == "II.1"
    # The parties are offered by the names matched above, not only by their role.
    first.get_by_label("Bên chịu trách nhiệm").select_option(label="Sở Giáo dục và Đào tạo tỉnh Hòa Bình")
    page.get_by_role("button", name="Lưu thành dự thảo kế hoạch").click()

    page.get_by_text("Đã nhập kế hoạch dưới dạng dự thảo").wait_for()
    document = page.locator("article.document")
    assert "1392/KH-SGD&ĐT-HKH" in document.inner_text()
    first_commitment = document.locator("li", has_text="Tiếp tục đẩy mạnh công tác thông tin").first
    assert first_commitment.locator(".badge").first.inner_text() == "Sở Giáo dục và Đào tạo tỉnh Hòa Bình"
    plan = Plan.objects.get(number="1392/KH-SGD&ĐT-HKH")
    assert plan.status == "draft" and plan.commitments.count() == 21
    assert plan.commitments.get(number="II.1").party == "department"
