"""The conference's minutes and conclusions notice: read back with python-docx, printed by
LibreOffice to check the page, and downloaded by who follows the plan's reporting."""

from dataclasses import dataclass
from datetime import date, datetime
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse
from django.utils import translation
from docx.oxml.ns import qn

from conferences.documents import conclusions_notice_docx, minutes_docx
from conferences.models import Attendance, CarryOver, Conclusion, Conference
from conftest import all_text, build_plan, build_reporting_plan, make_organisation, print_docx, read_docx
from programmes.models import Organisation, Plan, PlanParty
from reports.exports import counted_phrase, score_phrase
from reports.models import CommitmentProgress, ProgressReport, Proposal, ReportingPeriod
from reports.services.consolidation import consolidate

PLAN_NAME = "Kế hoạch phối hợp công tác giai đoạn 2012-2016 (số 1392/KH-SGD&ĐT-HKH)"
H1_SPAN = "6 tháng đầu năm 2026 (từ ngày 15/12/2025 đến ngày 14/06/2026)"
CM = 72 / 2.54  # points in a centimetre


@dataclass
class Meeting:
    plan: Plan
    period: ReportingPeriod
    conference: Conference


@pytest.fixture
def meeting(world) -> Meeting:
    """The review of the first half of 2026 of province P's plan: commune A reported (with a
    proposal the province answered); two conclusions, one with a deadline; a commitment carried over."""
    plan = build_reporting_plan(build_plan(world))
    department = plan.parties.get(organisation=world.department)
    department.signing_capacity, department.signatory_title = "KT. Giám đốc", "Phó Giám đốc"
    department.save()
    period = plan.periods.get(year=2026, half="H1")
    report = ProgressReport.objects.create(
        plan=plan,
        period=period,
        organisation=world.unit_a,
        status="accepted",
        submitted_at=datetime(2026, 6, 18, 3, tzinfo=dt_timezone.utc),
    )
    for commitment in plan.commitments.filter(number__in=["1", "2"]):
        CommitmentProgress.objects.create(report=report, commitment=commitment, status="done", note="Đã thực hiện")
    Proposal.objects.create(
        report=report,
        text="Đề nghị hỗ trợ kinh phí cho trung tâm học tập cộng đồng",
        answer="Sở phối hợp với Hội bố trí trong dự toán năm 2027",
    )
    conference = Conference.objects.create(
        plan=plan,
        period=period,
        held_on=date(2026, 7, 15),
        place="Hội trường Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        chairs=(
            "Ông Nguyễn Văn An - Giám đốc Sở Giáo dục và Đào tạo\n"
            "Bà Trần Thị Bình - Chủ tịch Hội Khuyến học tỉnh Phú Thọ"
        ),
        minutes=(
            "Hội Khuyến học phường Hòa Bình nêu khó khăn về kinh phí hoạt động của trung tâm học tập cộng đồng.\n"
            "Các đại biểu thống nhất cần đẩy mạnh vận động xã hội hóa, huy động các doanh nghiệp trên địa bàn "
            "cùng tham gia xây dựng quỹ khuyến học."
        ),
        minutes_number="05/BB-SGDĐT-HKH",
        notice_number="06/TB-SGDĐT-HKH",
        secretary="Bà Lê Thị Cúc - Chuyên viên Phòng Giáo dục thường xuyên",
    )
    Attendance.objects.create(
        conference=conference,
        organisation=world.department,
        people="Ông Phạm Văn Dũng - Phó Giám đốc Sở\nBà Hoàng Thị Em - Trưởng phòng Giáo dục thường xuyên",
    )
    Attendance.objects.create(
        conference=conference, organisation=world.association, people="Ông Vũ Văn Giang - Phó Chủ tịch Hội"
    )
    Conclusion.objects.create(
        conference=conference,
        number=1,
        text="Hoàn thiện hướng dẫn xây dựng mô hình học tập gửi các đơn vị cấp xã.",
        responsible=world.department,
        deadline=date(2026, 9, 30),
    )
    Conclusion.objects.create(
        conference=conference,
        number=2,
        text="Tiếp tục vận động các doanh nghiệp ủng hộ quỹ khuyến học.",
        responsible=world.association,
    )
    CarryOver.objects.create(
        conference=conference,
        commitment=plan.commitments.get(number="3"),
        decision=CarryOver.Decision.CARRIED,
        reason="Chờ hướng dẫn của Bộ Giáo dục và Đào tạo",
        new_deadline=date(2026, 12, 14),
    )
    return Meeting(plan, period, conference)


def cell_lines(table) -> list[list[str]]:
    """Each cell of the table's first row, as its paragraphs' texts without the blank ones."""
    return [[p.text for p in cell.paragraphs if p.text] for cell in table.rows[0].cells]


def assert_frame(document, *, kind: str) -> str:
    """Page, font, the parties' head with the national heading and motto, the document's type."""
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 2.0
    assert document.styles["Normal"].font.name == "Times New Roman"
    head = document.tables[0]
    left, right = cell_lines(head)
    assert left[:2] == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH PHÚ THỌ", "HỘI KHUYẾN HỌC TỈNH PHÚ THỌ"]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(edge.get(qn("w:val")) == "nil" for edge in borders)
    assert [p.text for p in document.paragraphs if p.text == kind and p.style.font.bold] == [kind]
    body = document.element.body
    assert not [r for r in body.iter(qn("w:r")) if r.rPr is not None and r.rPr.rStyle is None]
    return all_text(document)


# The documents ----------------------------------------------------------------


def test_minutes_record_the_conference(meeting, world):
    with translation.override("en"):  # the document is Vietnamese whatever the reader's language
        document = read_docx(minutes_docx(meeting.conference))
    text = assert_frame(document, kind="BIÊN BẢN")
    left, right = cell_lines(document.tables[0])
    assert left[-1] == "Số: 05/BB-SGDĐT-HKH"
    assert right[-1] == "Phú Thọ, ngày 15 tháng 7 năm 2026"
    paragraphs = [p.text for p in document.paragraphs]
    assert f"Hội nghị sơ kết 6 tháng đầu năm 2026 thực hiện {PLAN_NAME}" in paragraphs
    assert "Thời gian: Vào hồi ..... giờ ....., ngày 15/07/2026." in paragraphs
    assert "Địa điểm: Hội trường Sở Giáo dục và Đào tạo tỉnh Phú Thọ." in paragraphs

    # Who chaired, who came for each party, who took the minutes, in that order.
    order = [
        "1. Chủ trì hội nghị",
        "- Ông Nguyễn Văn An - Giám đốc Sở Giáo dục và Đào tạo",
        "- Bà Trần Thị Bình - Chủ tịch Hội Khuyến học tỉnh Phú Thọ",
        "2. Đại biểu Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        "- Ông Phạm Văn Dũng - Phó Giám đốc Sở",
        "- Bà Hoàng Thị Em - Trưởng phòng Giáo dục thường xuyên",
        "3. Đại biểu Hội Khuyến học tỉnh Phú Thọ",
        "- Ông Vũ Văn Giang - Phó Chủ tịch Hội",
        "4. Thư ký hội nghị",
        "- Bà Lê Thị Cúc - Chuyên viên Phòng Giáo dục thường xuyên",
    ]
    positions = [paragraphs.index(line) for line in order]
    assert positions == sorted(positions)

    # The consolidated report it heard, the proposals answered, what was said.
    heard = paragraphs.index(f"Hội nghị đã nghe báo cáo sơ kết {H1_SPAN} thực hiện {PLAN_NAME}:")
    assert paragraphs[heard - 1] == "1. Báo cáo sơ kết 6 tháng đầu năm 2026"
    consolidation = consolidate(meeting.plan, meeting.period)
    assert "Tổng hợp từ 1 báo cáo đã nhận" in counted_phrase(consolidation)
    assert f"- {counted_phrase(consolidation)}" in paragraphs
    assert "- Hội Khuyến học tỉnh Phú Thọ: 1/2 nội dung hoàn thành." in paragraphs
    for score in consolidation.scores:
        if score.total:
            assert f"- {score_phrase(score)}." in paragraphs
    proposal = paragraphs.index(
        "- Hội Khuyến học phường Hòa Bình: Đề nghị hỗ trợ kinh phí cho trung tâm học tập cộng đồng"
    )
    assert paragraphs[proposal + 1] == "Trả lời: Sở phối hợp với Hội bố trí trong dự toán năm 2027"
    assert "Hội Khuyến học phường Hòa Bình nêu khó khăn về kinh phí hoạt động của trung tâm học tập cộng đồng." in (
        paragraphs
    )

    # The conclusions, numbered, with who carries them out and by when.
    first = paragraphs.index("1. Hoàn thiện hướng dẫn xây dựng mô hình học tập gửi các đơn vị cấp xã.")
    assert paragraphs[first + 1 : first + 3] == [
        "- Đơn vị chịu trách nhiệm: Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        "- Thời hạn hoàn thành: trước ngày 30/09/2026.",
    ]
    second = paragraphs.index("2. Tiếp tục vận động các doanh nghiệp ủng hộ quỹ khuyến học.")
    assert paragraphs[second + 1 : second + 3] == [
        "- Đơn vị chịu trách nhiệm: Hội Khuyến học tỉnh Phú Thọ",
        "V. CÁC NỘI DUNG CHƯA HOÀN THÀNH",  # no deadline, no line for it
    ]

    carried = next(t for t in document.tables if t.rows[0].cells[0].text == "Số")
    assert [cell.text for cell in carried.rows[1].cells] == [
        "3",
        "Sở chỉ đạo các trường",
        "Chuyển sang 6 tháng cuối năm 2026, thời hạn 14/12/2026",
        "Chờ hướng dẫn của Bộ Giáo dục và Đào tạo",
    ]
    assert paragraphs.index("Hội nghị kết thúc vào hồi ..... giờ ..... cùng ngày./.") > second

    # Signed by the secretary (left) and the chair (right), their names under the blank; no recipients.
    signatures = document.tables[-1]
    assert cell_lines(signatures) == [
        ["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Lê Thị Cúc"],
        ["CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "Nguyễn Văn An"],
    ]
    assert "Nơi nhận" not in text and "Lưu: VT" not in text


def test_minutes_of_a_final_review_with_nothing_recorded_yet(meeting):
    conference = meeting.conference
    conference.kind = Conference.Kind.FINAL
    conference.minutes_number = conference.secretary = conference.minutes = ""
    conference.save()
    conference.attendance.all().delete()
    conference.conclusions.all().delete()
    conference.carry_overs.all().delete()
    document = read_docx(minutes_docx(conference))
    text = assert_frame(document, kind="BIÊN BẢN")
    assert f"Hội nghị tổng kết thực hiện {PLAN_NAME}" in text
    assert "Số:       /BB-" in text  # to fill in by hand
    paragraphs = [p.text for p in document.paragraphs]
    heard = paragraphs.index(f"Hội nghị đã nghe báo cáo tổng kết thực hiện {PLAN_NAME}; kết quả {H1_SPAN} như sau:")
    assert paragraphs[heard - 1] == "1. Báo cáo tổng kết"
    # The whole period: each half-year up to this one, with its reports and commitments done.
    assert "Kết quả qua các kỳ của giai đoạn thực hiện kế hoạch:" in paragraphs
    halves = next(t for t in document.tables if t.rows[0].cells[0].text == "Kỳ")
    assert [row.cells[0].text for row in halves.rows[1:]] == ["6 tháng đầu năm 2026"]
    # Lines to fill in by hand for who came, who took the minutes, what was said and concluded.
    blank = "- " + "." * 90
    came = paragraphs.index("2. Đại biểu tham dự")
    assert paragraphs[came + 1 : came + 4] == [blank, "3. Thư ký hội nghị", blank]
    assert paragraphs[paragraphs.index("IV. KẾT LUẬN CỦA HỘI NGHỊ") + 1] == "." * 90
    assert "Không có nội dung nào phải chuyển tiếp hoặc dừng thực hiện." in text
    assert cell_lines(document.tables[-1]) == [
        ["THƯ KÝ", "(Ký, ghi rõ họ tên)"],
        ["CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "Nguyễn Văn An"],
    ]


def test_notice_gives_the_conclusions_signed_by_each_party(meeting, world):
    with translation.override("en"):
        document = read_docx(conclusions_notice_docx(meeting.conference))
    text = assert_frame(document, kind="THÔNG BÁO")
    left, right = cell_lines(document.tables[0])
    assert left[-1] == "Số: 06/TB-SGDĐT-HKH"
    assert right[-1] == "Phú Thọ, ngày ..... tháng ..... năm ........"  # dated when signed
    paragraphs = [p.text for p in document.paragraphs]
    assert f"Kết luận của Hội nghị sơ kết 6 tháng đầu năm 2026 thực hiện {PLAN_NAME}" in paragraphs
    assert (
        "Ngày 15/07/2026, tại Hội trường Sở Giáo dục và Đào tạo tỉnh Phú Thọ, Sở Giáo dục và Đào tạo tỉnh Phú Thọ "
        f"và Hội Khuyến học tỉnh Phú Thọ tổ chức Hội nghị sơ kết 6 tháng đầu năm 2026 thực hiện {PLAN_NAME}. "
        "Hội nghị do Ông Nguyễn Văn An - Giám đốc Sở Giáo dục và Đào tạo và Bà Trần Thị Bình - Chủ tịch Hội "
        "Khuyến học tỉnh Phú Thọ đồng chủ trì."
    ) in paragraphs
    first = paragraphs.index("1. Hoàn thiện hướng dẫn xây dựng mô hình học tập gửi các đơn vị cấp xã.")
    assert paragraphs[first + 1 : first + 4] == [
        "- Đơn vị chịu trách nhiệm: Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        "- Thời hạn hoàn thành: trước ngày 30/09/2026.",
        "2. Tiếp tục vận động các doanh nghiệp ủng hộ quỹ khuyến học.",
    ]
    # The minutes' own parts stay in the minutes.
    assert "Sở chỉ đạo các trường" not in text and "Trả lời:" not in text

    # One signature per party, the lead (listed first) on the right, in the capacity printed on the plan.
    signatures, recipients = document.tables[-2], document.tables[-1]
    assert cell_lines(signatures) == [
        ["HỘI KHUYẾN HỌC TỈNH PHÚ THỌ", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)"],
        ["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH PHÚ THỌ", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký, ghi rõ họ tên)"],
    ]
    assert cell_lines(recipients)[0] == [
        "Nơi nhận:",
        "- Sở Giáo dục và Đào tạo tỉnh Phú Thọ;",
        "- Hội Khuyến học tỉnh Phú Thọ;",
        "- Các đơn vị thực hiện;",
        "- Lưu: VT.",
    ]


def test_notice_without_a_number_leaves_one_to_fill_in(meeting):
    meeting.conference.notice_number = ""
    text = all_text(read_docx(conclusions_notice_docx(meeting.conference, signed_on=date(2026, 7, 20))))
    assert "Số:       /TB-" in text
    assert "Phú Thọ, ngày 20 tháng 7 năm 2026" in text


def test_text_typed_with_control_characters_cannot_break_the_documents(meeting):
    conference = meeting.conference
    conference.minutes = "Ý kiến\x0b thứ nhất\x01\nÝ kiến thứ hai\x0c"
    conference.place = "Hội trường\x1b B"
    conference.save()
    Conclusion.objects.filter(conference=conference, number=2).update(text="Vận động\x01 doanh nghiệp")
    minutes = all_text(read_docx(minutes_docx(conference)))
    assert "Ý kiến thứ hai" in minutes and "Địa điểm: Hội trường B." in minutes
    assert "2. Vận động doanh nghiệp" in all_text(read_docx(conclusions_notice_docx(conference)))


# As printed --------------------------------------------------------------------

A4 = (21 * CM, 29.7 * CM)
LEFT, RIGHT, BOTTOM = 3 * CM, 2 * CM, 2 * CM


def assert_printed_within_the_margins(pages):
    for number, page in enumerate(pages, 1):
        assert (round(page.width), round(page.height)) == (round(A4[0]), round(A4[1])), f"page {number} is not A4"
        for x_min, _y_min, x_max, y_max, word in page.words:
            assert x_min >= LEFT - 1, f"{word!r} on page {number} starts in the left margin"
            assert x_max <= page.width - RIGHT + 1, f"{word!r} on page {number} runs into the right margin"
            assert y_max <= page.height - BOTTOM + 1, f"{word!r} on page {number} runs into the bottom margin"


def test_minutes_print_as_an_administrative_document(meeting, tmp_path):
    pages = print_docx(minutes_docx(meeting.conference), tmp_path)
    assert 1 <= len(pages) <= 3
    assert_printed_within_the_margins(pages)
    first, last = pages[0].text, pages[-1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert "BIÊN BẢN" in first and "Hội nghị sơ kết 6 tháng đầu năm 2026" in first
    # The signature block is whole on the last page. (It is also kept with the line that closes
    # the minutes, which Word honours; LibreOffice 7.4 does not always, so that is not asserted.)
    for words in ("THƯ KÝ", "CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "Lê Thị Cúc", "Nguyễn Văn An"):
        assert words in last, words
    lines = pages[-1].lines
    assert any("THƯ KÝ" in line and "CHỦ TRÌ" in line for line in lines)  # side by side
    assert not any("Nơi nhận" in page.text for page in pages)
    # The national heading sits to the right of the parties' names, above the title.
    heading = next(w for w in pages[0].words if w[4] == "CỘNG")
    issuer = next(w for w in pages[0].words if w[4] == "SỞ")
    title = next(w for w in pages[0].words if w[4] == "BIÊN")
    assert heading[0] > issuer[2] and title[1] > heading[3]


@pytest.mark.parametrize("parties", [2, 3])
def test_notice_prints_as_an_administrative_document(meeting, world, tmp_path, parties):
    if parties == 3:  # three signatures side by side, in narrower columns
        veterans = make_organisation("Hội Cựu giáo chức tỉnh Phú Thọ", world.province, Organisation.Side.OTHER)
        PlanParty.objects.create(plan=meeting.plan, organisation=veterans, order=9)
    pages = print_docx(conclusions_notice_docx(meeting.conference), tmp_path)
    assert 1 <= len(pages) <= 2
    assert_printed_within_the_margins(pages)
    first, last = pages[0].text, pages[-1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert "THÔNG BÁO" in first
    # The signatures and the recipients under them are never split across pages.
    for words in ("TM. BAN THƯỜNG VỤ", "KT. GIÁM ĐỐC", "(Ký, ghi rõ họ tên)", "Nơi nhận:", "Lưu: VT."):
        assert words in last, words
    assert last.count("(Ký, ghi rõ họ tên)") == parties


# The downloads --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "name"),
    [("conferences:minutes_docx", "bien-ban-hoi-nghi"), ("conferences:notice_docx", "thong-bao-ket-luan")],
)
def test_province_staff_download_the_documents(client, editor, meeting, url_name, name):
    client.force_login(editor)
    response = client.get(reverse(url_name, args=[meeting.conference.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == f'attachment; filename="{name}-{meeting.plan.pk}-2026-h1.docx"'
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in all_text(read_docx(response.content))


@pytest.mark.parametrize("url_name", ["conferences:minutes_docx", "conferences:notice_docx"])
def test_another_provinces_editor_cannot_find_the_documents(client, outsider, meeting, url_name):
    client.force_login(outsider)
    assert client.get(reverse(url_name, args=[meeting.conference.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["conferences:minutes_docx", "conferences:notice_docx"])
def test_a_commune_reporter_sees_the_plan_but_not_the_conference_documents(client, reporter_a, meeting, url_name):
    from programmes.selectors import can_follow_plan, plans_visible_to

    assert plans_visible_to(reporter_a).filter(pk=meeting.plan.pk).exists()
    assert not can_follow_plan(reporter_a, meeting.plan)
    client.force_login(reporter_a)
    assert client.get(reverse(url_name, args=[meeting.conference.pk])).status_code == 403


@pytest.mark.parametrize("url_name", ["conferences:minutes_docx", "conferences:notice_docx"])
def test_the_documents_are_only_read(client, editor, meeting, url_name):
    client.force_login(editor)
    assert client.post(reverse(url_name, args=[meeting.conference.pk])).status_code == 405


def test_signing_in_comes_first(client, meeting):
    url = reverse("conferences:minutes_docx", args=[meeting.conference.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
