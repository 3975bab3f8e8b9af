"""A review conference in Chromium: the city's editor records the first half of 2026's conference
of the three-party programme, writes two conclusions and adds them to the plan; the veteran
teachers' ward chapter finds its conclusion in its report of the next half-year, on a phone, and
the city's leader sees it on the dashboard."""

import pytest

from demo.partners import DEPARTMENT, THREE_PARTY_PROGRAMME, VETERANS, VETERANS_CHAPTER
from programmes.models import Membership, Organisation, Plan, User

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e
CONCLUSION = "Hội Cựu giáo chức mở thêm lớp phụ đạo hè cho học sinh vượt khó ở các phường ven"
OTHER = "Hội Khuyến học vận động thêm 100 suất học bổng cho học sinh vùng ven"


def member(username, organisation_name, role, password):
    user = User.objects.create_user(username, f"{username}@demo.khuyenhoc.vn", password, full_name=username)
    Membership.objects.create(user=user, organisation=Organisation.objects.get(name=organisation_name), role=role)
    return user


def test_the_conference_records_its_conclusions_which_the_units_and_the_leaders_see(demo, live_server, new_page):
    plan = Plan.objects.get(number=THREE_PARTY_PROGRAMME.number)
    h1 = plan.periods.get(year=2026, half="H1")
    editor = new_page()
    log_in(editor, live_server, "editor_hcm", demo)
    editor.goto(f"{live_server.url}/reports/plans/{plan.pk}/periods/{h1.pk}/")
    editor.get_by_role("link", name="Lên lịch hội nghị sơ kết").click()
    editor.get_by_label("Trạng thái").select_option(label="Đã tổ chức")
    editor.get_by_label("Ngày*").fill("20/07/2026")  # "*": required
    editor.get_by_label("Địa điểm").fill("Hội trường Sở Giáo dục và Đào tạo")
    editor.get_by_label("Chủ trì").fill("Ông Trương Quốc Bảo, Phó Giám đốc Sở")
    editor.get_by_label(f"Thành phần dự của {VETERANS}").fill("Ông Phan Văn Thọ, Chủ tịch")
    # A reload before saving loses nothing: the page offers what was typed back.
    editor.reload()
    editor.get_by_role("button", name="Khôi phục").click()
    assert editor.get_by_label(f"Thành phần dự của {VETERANS}").input_value() == "Ông Phan Văn Thọ, Chủ tịch"
    editor.get_by_role("button", name="Lưu").click()
    editor.get_by_text("Đã lưu hội nghị.").wait_for()
    assert_accessible(editor)
    h1.refresh_from_db()
    assert h1.conference_on.isoformat() == "2026-07-20"  # the reminder follows the real date

    for text, party in ((CONCLUSION, VETERANS), (OTHER, "Hội Khuyến học Thành phố Hồ Chí Minh")):
        editor.get_by_role("link", name="Thêm kết luận").click()
        editor.get_by_label("Kết luận*").fill(text)
        editor.get_by_label("Bên chịu trách nhiệm").select_option(label=party)
        editor.get_by_label("Thời hạn").fill("30/11/2026")
        editor.get_by_role("button", name="Lưu").click()
        editor.get_by_test_id("conclusions").get_by_text(text).wait_for()
    editor.get_by_label(f"1. {CONCLUSION}").check()
    editor.get_by_label(f"2. {OTHER}").check()
    editor.get_by_role("button", name="Đưa vào kế hoạch").click()
    editor.get_by_text("Đã đưa 2 kết luận vào kế hoạch").wait_for()
    assert editor.get_by_test_id("conclusions").get_by_text("KL2026.1.1").count() == 1

    # The ward chapter of the veteran teachers reports it in its next half-year.
    member("chihoi_cgc", VETERANS_CHAPTER, Membership.Role.REPORTER, demo)
    unit = new_page(viewport=PHONE)
    log_in(unit, live_server, "chihoi_cgc", demo)
    unit.goto(f"{live_server.url}/reports/mine/")
    card = (
        unit.get_by_test_id("my-reports")
        .locator("li", has_text="6 tháng cuối năm 2026")
        .filter(has_text=THREE_PARTY_PROGRAMME.number)
    )
    card.get_by_role("button", name="Lập báo cáo").or_(card.get_by_role("link", name="Tiếp tục")).click()
    assert CONCLUSION in unit.get_by_test_id("open-conclusions").inner_text()
    commitments = unit.get_by_test_id("report-commitment").filter(has_text="KL2026.1.1")
    assert commitments.count() == 1 and CONCLUSION in commitments.inner_text()
    assert OTHER not in unit.content()  # the association's, not the veterans'
    assert_accessible(unit)

    # The city's leader sees both still to do.
    member("lanhdao_hcm", DEPARTMENT, Membership.Role.LEADER, demo)
    leader = new_page()
    log_in(leader, live_server, "lanhdao_hcm", demo)
    leader.goto(f"{live_server.url}/reports/dashboard/")
    shown = leader.get_by_test_id("dashboard-conclusions").inner_text()
    assert CONCLUSION[:40] in shown and OTHER[:40] in shown
