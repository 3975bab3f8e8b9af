"""A prize list from the Sở to the association, in Chromium: the Sở's editor creates it, uploads a
file with a bad row, fixes it and sends it; the association's reviewer sees a pupil flagged as
proposed twice and records a scholarship, on a phone, and finds it filled in the association's
report of the half-year."""

import io
from datetime import date

import openpyxl
import pytest

from awards.models import ListAccess, PupilList
from awards.spreadsheet import COLUMNS
from programmes.models import Membership, Organisation, User

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e
TITLE = "Học sinh đạt giải cấp tỉnh năm học 2025-2026 (bổ sung)"
# A pupil the demo's Lạc Sơn list already proposes: the reviewer should see the flag.
TWICE = [
    "Bùi Thị Ngọc Ánh",
    "17/05/2013",
    "THCS Lạc Sơn",
    "7A",
    "Xã Lạc Sơn",
    "Giải ba Tin học cấp tỉnh",
    "",
    "Có",
    "Bùi Văn Tư (cha)",
    "01/03/2026",
]
OTHER = [
    "Hoàng Gia Huy",
    "09/11/2012",
    "THCS Hòa Bình",
    "8C",
    "Phường Hòa Bình",
    "Giải nhì Hóa học cấp tỉnh",
    "",
    "Có",
    "Hoàng Thị Lý (mẹ)",
    "02/03/2026",
]


def workbook(path, rows):
    book = openpyxl.Workbook()
    book.active.append([column.header for column in COLUMNS])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_the_sos_list_goes_to_the_association_which_records_the_awards(demo, live_server, new_page, tmp_path):
    editor = new_page()
    log_in(editor, live_server, "editor", demo)
    editor.goto(f"{live_server.url}/lists/")
    editor.get_by_role("link", name="Danh sách mới").click()
    editor.get_by_label("Tên danh sách").fill(TITLE)
    editor.get_by_label("Loại danh sách").select_option(label="Học sinh đạt giải")
    editor.get_by_label("Năm học").fill("2025")
    editor.get_by_label("Kế hoạch").select_option(index=1)
    editor.get_by_label("Bên lập").select_option(label="Sở Giáo dục và Đào tạo tỉnh Phú Thọ")
    editor.get_by_label("Bên nhận").select_option(label="Hội Khuyến học tỉnh Phú Thọ")
    editor.get_by_role("button", name="Tạo danh sách").click()
    editor.get_by_role("heading", name=TITLE).wait_for()

    # A file with an impossible date: named with its row, and nothing saved.
    editor.get_by_role("link", name="Tải lên tệp Excel").click()
    bad = [*OTHER[:1], "31/02/2012", *OTHER[2:]]
    editor.get_by_label("Tệp Excel (.xlsx)").set_input_files(workbook(tmp_path / "ds.xlsx", [TWICE, bad]))
    editor.get_by_role("button", name="Tải lên").click()
    editor.get_by_text("Dòng 3:").wait_for()
    assert_accessible(editor)
    assert not PupilList.objects.get(title=TITLE).entries.exists()

    editor.get_by_label("Tệp Excel (.xlsx)").set_input_files(workbook(tmp_path / "ds2.xlsx", [TWICE, OTHER]))
    editor.get_by_role("button", name="Tải lên").click()
    editor.get_by_text("Đã đọc 2 học sinh từ tệp.").wait_for()
    editor.get_by_role("button", name="Gửi cho Hội Khuyến học tỉnh Phú Thọ").click()
    editor.get_by_text("Đã gửi danh sách cho Hội Khuyến học tỉnh Phú Thọ.").wait_for()

    reviewer = new_page(viewport=PHONE)
    log_in(reviewer, live_server, "reviewer", demo)
    reviewer.get_by_test_id("todo-lists-to-review").get_by_role("link", name=TITLE).click()
    reviewer.get_by_test_id("proposed-twice").first.wait_for()
    flagged = reviewer.get_by_test_id("entries").locator("tr", has=reviewer.get_by_test_id("proposed-twice"))
    assert flagged.count() == 1 and "Bùi Thị Ngọc Ánh" in flagged.inner_text()
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name="Ghi quyết định Hoàng Gia Huy").click()
    reviewer.get_by_label("Quyết định", exact=True).select_option(label="Học bổng")
    reviewer.get_by_label("Số tiền (đồng)").fill("700.000")
    reviewer.get_by_label("Nguồn", exact=True).select_option(label="Quỹ khuyến học của Hội")
    reviewer.get_by_label("Ngày trao").fill(date.today().strftime("%d/%m/%Y"))
    reviewer.get_by_role("button", name="Lưu").click()
    reviewer.get_by_test_id("totals-decision").wait_for()
    assert "Học bổng: 700.000 đ" in reviewer.get_by_test_id("entries").inner_text()
    assert "700.000" in reviewer.get_by_test_id("totals-decision").inner_text()
    readers = set(ListAccess.objects.filter(pupil_list__title=TITLE).values_list("user__username", flat=True))
    assert readers == {"editor", "reviewer"}

    # The scholarship is in the association's report of this half-year, filled in: the clerk who
    # reviews the lists also files the association's report in this office.
    user = User.objects.get(username="reviewer")
    association = Organisation.objects.get(name="Hội Khuyến học tỉnh Phú Thọ")
    Membership.objects.create(user=user, organisation=association, role=Membership.Role.REPORTER)
    reviewer.goto(f"{live_server.url}/reports/mine/")
    half = f"6 tháng {'đầu' if date.today().month <= 6 else 'cuối'} năm {date.today().year}"
    card = reviewer.get_by_test_id("my-reports").locator("li", has_text=half).filter(has_text=association.name)
    card.get_by_role("button", name="Lập báo cáo").or_(card.get_by_role("link", name="Tiếp tục")).click()
    field = reviewer.get_by_label("Tổng giá trị học bổng, quà tặng trao cho học sinh")
    assert field.input_value() == "700.000"
    assert "Đã trao theo danh sách học sinh trong nửa năm: 700.000" in reviewer.content()
    assert_accessible(reviewer)
