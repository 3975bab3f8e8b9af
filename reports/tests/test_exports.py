"""The .docx and .xlsx exports of progress reports, read back with python-docx and openpyxl."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from docx.oxml.ns import qn

from conftest import all_text, make_commitment, make_plan, print_docx, read_docx
from programmes.models import Indicator, Plan
from reports.exports import choice_label, place_and_date, short_date, vn_date, vn_number
from reports.exports.docx import consolidation_docx, report_docx
from reports.exports.xlsx import consolidation_xlsx, report_xlsx
from reports.models import (
    CommitmentProgress,
    IndicatorValue,
    ProgressReport,
    Proposal,
    ReportingPeriod,
    ReportingUnit,
)
from reports.rules import RECEIVED
from reports.services.consolidation import consolidate

Status = CommitmentProgress.Status
# Status labels come from the catalogue, whose wording may change.
DONE = choice_label(Status, Status.DONE)
IN_PROGRESS = choice_label(Status, Status.IN_PROGRESS)
ACCEPTED = choice_label(ProgressReport.Status, ProgressReport.Status.ACCEPTED)
SUBMITTED = choice_label(ProgressReport.Status, ProgressReport.Status.SUBMITTED)


@dataclass
class Setup:
    plan: Plan
    period: ReportingPeriod
    scholarships: Indicator
    share: Indicator
    funds: Indicator
    report_a: ProgressReport
    report_b: ProgressReport


@pytest.fixture
def setup(world) -> Setup:
    """A 2025 plan of province P; communes A and B report on H1 with figures for three indicators."""
    plan = make_plan(
        world.province,
        world.department,
        world.association,
        number="15/KH-SGDĐT-HKH",
        title="Kế hoạch phối hợp năm 2025",
        status="in_force",
        start_year=2025,
        end_year=2025,
        place="Phú Thọ",
    )
    joint = make_commitment(plan, "1", "Đẩy mạnh công tác thông tin, tuyên truyền")
    centres = make_commitment(plan, "2", "Củng cố trung tâm học tập cộng đồng", party="association")
    make_commitment(plan, "3", "Sở chỉ đạo các trường", party="department")
    scholarships = Indicator.objects.create(
        commitment=centres, name="Số suất học bổng", unit="units", target_value=40, aggregation="sum"
    )
    share = Indicator.objects.create(
        commitment=centres, name="Tỷ lệ gia đình học tập", unit="percent", target_value=90, aggregation="mean", order=1
    )
    funds = Indicator.objects.create(
        commitment=joint, name="Kinh phí khuyến học", unit="vnd", target_value=50000, aggregation="sum"
    )
    period = ReportingPeriod.objects.create(
        plan=plan,
        year=2025,
        half="H1",
        starts_on=date(2024, 12, 15),
        ends_on=date(2025, 6, 14),
        due_on=date(2025, 6, 19),
        locked_after=date(2025, 7, 4),
    )
    for organisation in (world.department, world.association, world.unit_a, world.unit_b):
        ReportingUnit.objects.create(plan=plan, organisation=organisation)

    def report(organisation, status, statuses, values, **text):
        r = ProgressReport.objects.create(plan=plan, period=period, organisation=organisation, status=status, **text)
        for commitment, (state, note) in statuses.items():
            CommitmentProgress.objects.create(report=r, commitment=commitment, status=state, note=note)
        for indicator, value in values.items():
            IndicatorValue.objects.create(report=r, indicator=indicator, value=value)
        return r

    report_a = report(
        world.unit_a,
        "accepted",
        {joint: (Status.DONE, "Tổ chức 3 buổi tuyên truyền"), centres: (Status.DONE, "Kiện toàn 2 trung tâm")},
        {scholarships: 10, share: 80, funds: 16000},
        results="Trao 10 suất học bổng",
        shortcomings="Thiếu kinh phí",
        causes="Nguồn xã hội hóa hạn chế",
        next_steps="Vận động thêm nhà hảo tâm",
        proposals_text="Đề nghị hỗ trợ kinh phí",
    )
    report_b = report(
        world.unit_b,
        "submitted",
        {joint: (Status.IN_PROGRESS, ""), centres: (Status.DONE, "")},
        {scholarships: 15, share: 90, funds: 16000},
        shortcomings="Cán bộ kiêm nhiệm",
    )
    report(world.department, "draft", {joint: (Status.DONE, "")}, {funds: 999999})  # not received: not counted
    Proposal.objects.create(report=report_a, text="Đề nghị hỗ trợ kinh phí", answer="Tỉnh sẽ bố trí trong năm 2026")
    Proposal.objects.create(report=report_b, text="Đề nghị tập huấn cán bộ")
    return Setup(plan, period, scholarships, share, funds, report_a, report_b)


def table_with(document, *headers):
    for table in document.tables:
        first = [cell.text for cell in table.rows[0].cells]
        if all(h in first for h in headers):
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table with {headers}")


def row_of(rows, text):
    return next(row for row in rows if any(text in cell for cell in row))


def assert_administrative_frame(document):
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.top_margin.cm, 1) == 2.0 and round(section.bottom_margin.cm, 1) == 2.0
    assert round(section.left_margin.cm, 1) == 3.0 and 1.5 <= round(section.right_margin.cm, 1) <= 2.0
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt in (13, 14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    # Page number centred at the top from the second page.
    assert section.different_first_page_header_footer
    header = section.header._element
    assert "PAGE" in "".join(t.text or "" for t in header.iter(qn("w:instrText")))
    assert not "".join(section.first_page_header._element.itertext()).strip()
    text = all_text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    motto = next(
        p
        for t in document.tables
        for c in t.rows[0].cells
        for p in c.paragraphs
        if p.text == "Độc lập - Tự do - Hạnh phúc"
    )
    assert motto.style.font.bold and motto.style.font.underline  # through the document's named styles
    # The header table has no borders.
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(edge.get(qn("w:val")) == "nil" for edge in borders)
    assert any(p.text == "BÁO CÁO" and p.style.font.bold for p in document.paragraphs)
    # Written through named styles: no run carries formatting of its own.
    body = document.element.body
    assert not [r for r in body.iter(qn("w:r")) if r.rPr is not None and r.rPr.rStyle is None]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert "Nơi nhận:" in text and "- Lưu: VT." in text and "(Ký, ghi rõ họ tên)" in text
    return text


def test_labels_are_vietnamese():
    assert DONE not in ("", "Done") and ACCEPTED not in ("", "Accepted") and SUBMITTED != "Submitted"
    with translation.override("en"):
        assert choice_label(Indicator.Unit, "vnd_per_person_year") == "đồng/người/năm"


def test_numbers_and_dates_are_written_the_vietnamese_way():
    assert vn_number(Decimal("32000.00")) == "32.000"
    assert vn_number(98.5, 1) == "98,5"
    assert vn_number(Decimal("1234567.25")) == "1.234.567,25"
    assert vn_number(Decimal("-0.5")) == "-0,5"
    assert vn_number(None) == ""
    assert vn_date(date(2025, 2, 5)) == "ngày 05 tháng 02 năm 2025"
    assert vn_date(date(2025, 12, 15)) == "ngày 15 tháng 12 năm 2025"
    assert place_and_date("Phú Thọ", None) == "Phú Thọ, ngày ..... tháng ..... năm ........"


# What the documents wrote when the exports formatted numbers and dates by hand: the library's
# formats must write the same text, with 0, 1 and 2 decimals.
WRITTEN = [
    (1234567, ["1.234.567", "1.234.567", "1.234.567"]),
    (98.5, ["99", "98,5", "98,5"]),
    (0.25, ["0", "0,3", "0,25"]),
    (-3, ["-3", "-3", "-3"]),
    (Decimal("30833.33"), ["30.833", "30.833,3", "30.833,33"]),
    (Decimal("-0.4"), ["0", "-0,4", "-0,4"]),  # rounded to nothing: no minus sign
    (Decimal("-1234.5"), ["-1.235", "-1.234,5", "-1.234,5"]),
    (1234567.891, ["1.234.568", "1.234.567,9", "1.234.567,89"]),
]


@pytest.mark.parametrize(("value", "texts"), WRITTEN)
def test_numbers_are_written_as_before(value, texts):
    with translation.override("en"):  # the documents are Vietnamese whatever the reader's language
        assert [vn_number(value, places) for places in (0, 1, 2)] == texts


def test_dates_are_written_as_before():
    with translation.override("en"):
        written = [short_date(day) for day in (date(2025, 2, 5), date(2025, 12, 31), date(2026, 7, 4), None)]
    assert written == ["05/02/2025", "31/12/2025", "04/07/2026", ""]


def test_consolidation_docx(setup, world):
    with translation.override("en"):  # the document is Vietnamese whatever the reader's language
        content = consolidation_docx(consolidate(setup.plan, setup.period))
    document = read_docx(content)
    text = assert_administrative_frame(document)

    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH PHÚ THỌ" in text and "HỘI KHUYẾN HỌC TỈNH PHÚ THỌ" in text
    assert "Số:       /BC-" in text
    assert "Phú Thọ, ngày ..... tháng ..... năm ........" in text
    assert "Sơ kết 6 tháng đầu năm 2025 thực hiện Kế hoạch phối hợp năm 2025 (số 15/KH-SGDĐT-HKH)" in text
    assert (
        "Tổng hợp từ 2 báo cáo đã nhận trên 4 đơn vị phải báo cáo: 1 đã duyệt, 1 chờ thẩm định. "
        "Chưa tính 2 đơn vị chưa gửi báo cáo."
    ) in text

    indicators = table_with(document, "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Số đơn vị báo cáo")
    assert row_of(indicators, "Số suất học bổng")[2:] == ["đơn vị", "40", "25", "62,5", "2"]
    assert row_of(indicators, "Tỷ lệ gia đình học tập")[2:] == ["%", "90", "85", "94,4", "2"]
    assert row_of(indicators, "Kinh phí khuyến học")[2:] == [
        "đồng",
        "50.000",
        "32.000",
        "64",
        "2",
    ]  # the draft is not counted

    assert "- Sở Giáo dục và Đào tạo tỉnh Phú Thọ: 0/2 nội dung hoàn thành;" in text
    assert "- Hội Khuyến học tỉnh Phú Thọ: 1/2 nội dung hoàn thành." in text
    commitments = table_with(document, "Nội dung", "Trách nhiệm", "Tình hình thực hiện", "Kết quả")
    assert row_of(commitments, "Đẩy mạnh công tác")[4] == "Chưa hoàn thành"
    assert row_of(commitments, "Củng cố trung tâm")[2:] == [
        "Hội Khuyến học tỉnh Phú Thọ",  # the party, named as it signed
        f"Hội Khuyến học: {DONE} 2",
        "Hoàn thành",
    ]
    assert f"Hội Khuyến học: {DONE} 1, {IN_PROGRESS} 1" in row_of(commitments, "Đẩy mạnh công tác")[3]

    paragraphs = [p.text for p in document.paragraphs]
    assert "- Hội Khuyến học phường Hòa Bình: Trao 10 suất học bổng" in paragraphs
    assert "- Hội Khuyến học phường Hòa Bình: Thiếu kinh phí" in paragraphs
    assert "- Hội Khuyến học xã Lạc Sơn: Cán bộ kiêm nhiệm" in paragraphs
    assert "- Hội Khuyến học phường Hòa Bình: Nguồn xã hội hóa hạn chế" in paragraphs
    assert "- Hội Khuyến học phường Hòa Bình: Vận động thêm nhà hảo tâm" in paragraphs
    proposal = paragraphs.index("- Hội Khuyến học phường Hòa Bình: Đề nghị hỗ trợ kinh phí")
    assert paragraphs[proposal + 1] == "Trả lời: Tỉnh sẽ bố trí trong năm 2026"
    assert "- Hội Khuyến học xã Lạc Sơn: Đề nghị tập huấn cán bộ" in paragraphs
    assert paragraphs.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") < proposal

    # One signature column per party, the lead party (listed first) on the right.
    signatures = next(t for t in document.tables if "(Ký, ghi rõ họ tên)" in t.rows[0].cells[0].text)
    assert [[p.text for p in c.paragraphs[:3]] for c in signatures.rows[0].cells] == [
        ["HỘI KHUYẾN HỌC TỈNH PHÚ THỌ", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"],
        ["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH PHÚ THỌ", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"],
    ]


def test_consolidation_docx_takes_the_number_place_date_and_issuers_given(setup):
    party = setup.plan.parties.get(organisation__name__startswith="Sở")
    party.signing_capacity, party.signatory_title = "KT. Giám đốc", "Phó Giám đốc"
    party.save()
    content = consolidation_docx(
        consolidate(setup.plan, setup.period),
        issuer_names=["Sở Giáo dục và Đào tạo tỉnh Phú Thọ"],
        number="21/BC-SGDĐT",
        place="Việt Trì",
        signed_on=date(2025, 7, 5),
    )
    text = all_text(read_docx(content))
    assert "Số: 21/BC-SGDĐT" in text
    assert "Việt Trì, ngày 05 tháng 7 năm 2025" in text
    assert "HỘI KHUYẾN HỌC TỈNH PHÚ THỌ" not in text
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in text


def test_consolidation_docx_of_a_period_nobody_reported_on(world):
    plan = make_plan(world.province, world.association, number="", title="Chương trình phối hợp")
    period = ReportingPeriod.objects.create(
        plan=plan,
        year=2025,
        half="H2",
        starts_on=date(2025, 6, 15),
        ends_on=date(2025, 12, 14),
        due_on=date(2025, 12, 19),
        locked_after=date(2026, 1, 3),
    )
    document = read_docx(consolidation_docx(consolidate(plan, period)))
    text = assert_administrative_frame(document)
    assert "Sơ kết 6 tháng cuối năm 2025 thực hiện Chương trình phối hợp" in text
    assert "Kế hoạch không có chỉ tiêu định lượng." in text
    assert "Các đơn vị không có đề xuất, kiến nghị." in text
    # The plan's last half-year (here its only one): the report covers the whole period.
    assert "6. Kết quả qua các kỳ của cả giai đoạn" in text
    assert "(Ký, ghi rõ họ tên)" in all_text(read_docx(consolidation_docx(consolidate(plan, period), issuer_names=[])))


def test_report_docx(setup, world):
    with translation.override("en"):
        document = read_docx(report_docx(setup.report_a))
    text = assert_administrative_frame(document)
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert header[:2] == ["HỘI KHUYẾN HỌC TỈNH PHÚ THỌ", "HỘI KHUYẾN HỌC PHƯỜNG HÒA BÌNH"]  # superior, then the unit
    assert "Phường Hòa Bình, ngày ..... tháng ..... năm ........" in text
    assert "Kết quả thực hiện Kế hoạch phối hợp năm 2025 (số 15/KH-SGDĐT-HKH) 6 tháng đầu năm 2025" in text
    assert "Kính gửi: Hội Khuyến học tỉnh Phú Thọ." in text

    commitments = table_with(document, "Số", "Nội dung", "Tình hình", "Kết quả thực hiện")
    assert row_of(commitments, "Đẩy mạnh công tác")[2:] == [DONE, "Tổ chức 3 buổi tuyên truyền"]
    assert not any("Sở chỉ đạo các trường" in cell for row in commitments for cell in row)  # the department's own
    figures = table_with(document, "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Số liệu")
    assert row_of(figures, "Số suất học bổng")[2:] == ["đơn vị", "40", "10", "25"]
    assert row_of(figures, "Tỷ lệ gia đình học tập")[2:5] == ["%", "90", "80"]
    assert row_of(figures, "Kinh phí khuyến học")[2:5] == ["đồng", "50.000", "16.000"]

    paragraphs = [p.text for p in document.paragraphs]
    for line in ("Trao 10 suất học bổng", "Thiếu kinh phí", "Nguồn xã hội hóa hạn chế", "Vận động thêm nhà hảo tâm"):
        assert line in paragraphs
    answer = paragraphs.index("- Đề nghị hỗ trợ kinh phí") + 1
    assert paragraphs[answer] == "Trả lời: Tỉnh sẽ bố trí trong năm 2026"
    assert "TM. BAN THƯỜNG VỤ" in text


def test_consolidation_xlsx(setup):
    reports = setup.period.reports.filter(status__in=RECEIVED).select_related("organisation__area")
    with translation.override("en"):
        workbook = openpyxl.load_workbook(
            io.BytesIO(consolidation_xlsx(consolidate(setup.plan, setup.period), reports))
        )
    assert workbook.sheetnames == ["Chỉ tiêu", "Tổng hợp", "Nội dung", "Học bổng, khen thưởng", "Thông tin"]

    sheet = workbook["Chỉ tiêu"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Đơn vị",
        "Địa bàn",
        "Trạng thái báo cáo",
        "Nội dung",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Số liệu",
    )
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H7"
    assert sheet.column_dimensions["E"].width >= 30
    # Every cell through one of the workbook's few named styles.
    assert {cell.style for cell in sheet[1]} == {"Tiêu đề cột"}
    assert {cell.style for row in sheet.iter_rows(min_row=2, max_col=6) for cell in row} == {"Nội dung"}
    assert {cell.style for row in sheet.iter_rows(min_row=2, min_col=7) for cell in row} <= {
        "Số liệu #,##0",
        "Số liệu #,##0.0",
        "Số liệu",
    }
    figures = {(r[0], r[4]): r for r in rows[1:]}
    assert len(rows) - 1 == len(figures) == 6  # two units, three indicators each
    a = figures[("Hội Khuyến học phường Hòa Bình", "Số suất học bổng")]
    assert a[1:4] == ("Phường Hòa Bình", ACCEPTED, "2") and a[5:] == ("đơn vị", 40, 10)
    b = figures[("Hội Khuyến học xã Lạc Sơn", "Tỷ lệ gia đình học tập")]
    assert b[2] == SUBMITTED and b[5:] == ("%", 90, 90)
    assert figures[("Hội Khuyến học xã Lạc Sơn", "Kinh phí khuyến học")][7] == 16000
    assert all(isinstance(r[6], int | float) and isinstance(r[7], int | float) for r in rows[1:])

    rows = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    assert (
        rows[0][:3] == ("Nội dung", "Chỉ tiêu", "Đơn vị tính") and "Kết quả" in rows[0] and "Cách tổng hợp" in rows[0]
    )
    totals = {r[1]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert totals["Số suất học bổng"]["Kết quả"] == 25 and totals["Số suất học bổng"]["Số đơn vị báo cáo"] == 2
    assert totals["Tỷ lệ gia đình học tập"]["Kết quả"] == 85
    assert totals["Tỷ lệ gia đình học tập"]["Cách tổng hợp"] == "bình quân các đơn vị"
    assert totals["Kinh phí khuyến học"]["Kết quả"] == 32000 and totals["Kinh phí khuyến học"]["Mục tiêu"] == 50000

    rows = list(workbook["Nội dung"].iter_rows(values_only=True))
    assert rows[0] == ("Nội dung", "Nội dung phối hợp", "Trách nhiệm", "Hoàn thành", "Ngành Giáo dục", "Hội Khuyến học")
    scorecard = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert scorecard["2"]["Hoàn thành"] == "Có" and scorecard["1"]["Hoàn thành"] == "Không"
    assert scorecard["3"]["Ngành Giáo dục"] is None  # no report from the education side was received
    assert (
        scorecard["1"]["Hội Khuyến học"]
        == f"Hội Khuyến học phường Hòa Bình: {DONE}\nHội Khuyến học xã Lạc Sơn: {IN_PROGRESS}"
    )


def test_report_xlsx(setup):
    workbook = openpyxl.load_workbook(io.BytesIO(report_xlsx(setup.report_b)))
    rows = list(workbook["Nội dung"].iter_rows(values_only=True))
    assert rows[0] == ("Số", "Nội dung", "Trách nhiệm", "Tình hình", "Kết quả thực hiện")
    assert [(r[0], r[3]) for r in rows[1:]] == [("1", IN_PROGRESS), ("2", DONE)]
    sheet = workbook["Chỉ tiêu"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Nội dung", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Mục tiêu", "Số liệu")
    figures = {r[1]: r for r in rows[1:]}
    assert figures["Số suất học bổng"][4:] == (40, 15, 37.5)
    assert figures["Kinh phí khuyến học"][4:6] == (50000, 16000)
    info = dict(workbook["Thông tin"].iter_rows(min_row=2, values_only=True))
    assert info["Đơn vị"] == "Hội Khuyến học xã Lạc Sơn" and info["Trạng thái báo cáo"] == SUBMITTED


def _not_applicable_everywhere(setup, world):
    """The department's report is accepted and says commitment 3 (its own) does not apply to it."""
    department = ProgressReport.objects.get(plan=setup.plan, organisation=world.department)
    department.status = "accepted"
    department.save()
    CommitmentProgress.objects.create(
        report=department, commitment=setup.plan.commitments.get(number="3"), status=Status.NOT_APPLICABLE
    )


def test_not_applicable_is_left_out_of_the_scores_in_the_docx(setup, world):
    _not_applicable_everywhere(setup, world)
    document = read_docx(consolidation_docx(consolidate(setup.plan, setup.period)))
    text = all_text(document)
    assert "- Sở Giáo dục và Đào tạo tỉnh Phú Thọ: 0/1 nội dung hoàn thành, 1 không áp dụng;" in text
    commitments = table_with(document, "Nội dung", "Trách nhiệm", "Tình hình thực hiện", "Kết quả")
    assert row_of(commitments, "Sở chỉ đạo các trường")[4] == "Không áp dụng"


def test_not_applicable_is_left_out_of_the_scores_in_the_xlsx(setup, world):
    _not_applicable_everywhere(setup, world)
    reports = setup.period.reports.filter(status__in=RECEIVED)
    workbook = openpyxl.load_workbook(io.BytesIO(consolidation_xlsx(consolidate(setup.plan, setup.period), reports)))
    rows = list(workbook["Nội dung"].iter_rows(values_only=True))
    scorecard = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert scorecard["3"]["Hoàn thành"] == "Không áp dụng"
    about = dict(workbook["Thông tin"].iter_rows(min_row=2, values_only=True))
    assert about["Số liệu tổng hợp"].startswith(
        "Tổng hợp từ 3 báo cáo đã nhận trên 4 đơn vị phải báo cáo: 2 đã duyệt, 1 chờ thẩm định."
    )
    scores = [
        r[1] for r in workbook["Thông tin"].iter_rows(min_row=2, values_only=True) if r[0] == "Nội dung hoàn thành"
    ]
    assert "Sở Giáo dục và Đào tạo tỉnh Phú Thọ: 0/1 nội dung hoàn thành, 1 không áp dụng" in scores


def test_money_is_whole_in_every_file(setup):
    """A mean in đồng is written without decimals, in the .docx and the .xlsx alike."""
    setup.funds.aggregation = "mean"
    setup.funds.unit = "vnd_per_person_year"
    setup.funds.save()
    IndicatorValue.objects.filter(indicator=setup.funds, report=setup.report_b).update(
        value=Decimal("16001")
    )  # mean 16.000,5
    consolidation = consolidate(setup.plan, setup.period)
    document = read_docx(consolidation_docx(consolidation))
    indicators = table_with(document, "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả")
    assert row_of(indicators, "Kinh phí khuyến học")[4] == "16.001"
    reports = setup.period.reports.filter(status__in=RECEIVED)
    sheet = openpyxl.load_workbook(io.BytesIO(consolidation_xlsx(consolidation, reports)))["Tổng hợp"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "Kinh phí khuyến học")
    result = row[header.index("Kết quả")]
    assert result.value == 16001 and result.number_format == "#,##0"
    share = row[header.index("Tỷ lệ so với mục tiêu (%)")]
    assert share.value == 32 and share.number_format == "#,##0"  # 32,002 % -> 32


def test_only_the_plans_last_consolidated_report_covers_every_half_year(reporting_plan, h1):
    h2 = reporting_plan.periods.get(half="H2")
    assert "Kết quả qua các kỳ" not in all_text(read_docx(consolidation_docx(consolidate(reporting_plan, h1))))
    document = read_docx(consolidation_docx(consolidate(reporting_plan, h2)))
    assert "6. Kết quả qua các kỳ của cả giai đoạn" in all_text(document)
    halves = next(t for t in document.tables if t.rows[0].cells[0].text == "Kỳ")
    assert [row.cells[0].text for row in halves.rows[1:]] == ["6 tháng đầu năm 2026", "6 tháng cuối năm 2026"]


@pytest.mark.parametrize("lines", [20, 22, 24, 26])
def test_the_consolidated_report_never_prints_its_signatures_apart_from_its_recipients(setup, tmp_path, lines):
    """However long the text above, the signatures and the "Nơi nhận" under them share a page
    (without keeping them together, 24 lines of next steps put them on two)."""
    setup.report_a.next_steps = "\n".join(
        f"Việc {i}: vận động thêm nhà hảo tâm ở khu dân cư số {i}" for i in range(lines)
    )
    setup.report_a.save()
    pages = print_docx(consolidation_docx(consolidate(setup.plan, setup.period)), tmp_path)
    last = pages[-1].text
    assert last.count("(Ký, ghi rõ họ tên)") == 2 and "TM. BAN THƯỜNG VỤ" in last
    assert "Nơi nhận:" in last and "Lưu: VT" in last


def test_a_conclusions_number_prints_on_one_line(setup, tmp_path):
    """The conclusions added to a plan are numbered "KL2026.1.1": the column widens to keep it whole."""
    make_commitment(setup.plan, "KL2025.1.12", "Rà soát quỹ khuyến học các xã", party="association")
    pages = print_docx(consolidation_docx(consolidate(setup.plan, setup.period)), tmp_path)
    assert "KL2025.1.12" in [word[4] for page in pages for word in page.words]
