"""The award lists' workbooks: the template, the reading of a filled-in file, the download of a list.

Files are built here with openpyxl, as a clerk's Excel would save them, and read back as bytes.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
import pytest

from awards.spreadsheet import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    EntryRow,
    SheetProblem,
    entries_xlsx,
    read_entries,
    template_xlsx,
)

TODAY = date(2026, 3, 15)
HEADERS = [column.header for column in COLUMNS]
# One pupil as a clerk types it, in the template's column order.
PUPIL = [
    "Nguyễn Thị Lan",
    "04/07/2012",
    "Trường THCS Nguyễn Du",
    "8A",
    "Phường Hòa Bình",
    "Học sinh giỏi cấp tỉnh môn Toán",
    "Giấy khen số 12/GK-UBND",
    "Có",
    "Nguyễn Văn Hùng",
    "02/03/2026",
    None,  # proposed by no unit below
]


def pupil(**changes) -> list:
    """``PUPIL`` with some columns changed, named by their keys."""
    keys = [column.key for column in COLUMNS]
    row = list(PUPIL)
    for key, value in changes.items():
        row[keys.index(key)] = value
    return row


def xlsx(rows, headers=HEADERS, *, above=()) -> bytes:
    """A workbook whose first sheet has ``above`` rows, then ``headers``, then ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    for values in [*above, headers, *rows]:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> list[EntryRow]:
    return read_entries(data, today=TODAY)


def problems(data: bytes) -> list[str]:
    with pytest.raises(SheetProblem) as raised:
        read(data)
    return raised.value.errors


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_parts(data: bytes, changes: dict[str, bytes]) -> bytes:
    """An .xlsx with some of its parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    return zipped({**parts, **changes})


# --------------------------------------------------------------------------- the template


def test_the_filled_in_template_reads_back_row_by_row():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    sheet = book["Danh sách"]
    second = pupil(full_name="Trần Minh Quân", birth_date="15/09/2015", consent="Không", consent_by="", consent_on="")
    for row, values in enumerate([PUPIL, second], start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value or None)
    buffer = io.BytesIO()
    book.save(buffer)

    first, other = read(buffer.getvalue())

    assert first == EntryRow(
        row=2,
        full_name="Nguyễn Thị Lan",
        birth_date=date(2012, 7, 4),
        school="Trường THCS Nguyễn Du",
        class_name="8A",
        commune="Phường Hòa Bình",
        reason="Học sinh giỏi cấp tỉnh môn Toán",
        evidence="Giấy khen số 12/GK-UBND",
        consent=True,
        consent_by="Nguyễn Văn Hùng",
        consent_on=date(2026, 3, 2),
    )
    assert (other.row, other.full_name, other.birth_date) == (3, "Trần Minh Quân", date(2015, 9, 15))
    assert (other.consent, other.consent_by, other.consent_on) == (False, "", None)


def test_the_template_sheet_is_ready_to_fill_in():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == ["Danh sách", "Hướng dẫn"]
    sheet = book["Danh sách"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert {cell.style for cell in sheet[1]} == {"Tiêu đề cột"}
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 50
    (choice,) = sheet.data_validations.dataValidation
    assert (choice.type, choice.formula1, str(choice.sqref)) == ("list", '"Có,Không"', f"H2:H{MAX_ROWS + 1}")
    # The date columns hold text, so that 04/07/2012 stays day first whatever Excel's settings.
    assert sheet["B2"].number_format == "@" and sheet[f"J{MAX_ROWS + 1}"].number_format == "@"


def test_the_instructions_cover_every_column_and_the_consent_law():
    sheet = openpyxl.load_workbook(io.BytesIO(template_xlsx()))["Hướng dẫn"]
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [line[0] for line in lines[: len(COLUMNS)]] == HEADERS
    assert {line[1] for line in lines[: len(COLUMNS)]} == {"Có", "Không", "Khi ghi “Có”"}
    text = " ".join(line[2] for line in lines)
    assert "Luật Bảo vệ dữ liệu cá nhân năm 2025" in text
    assert "cha, mẹ hoặc người giám hộ" in text
    assert "04/07/2012" in text


# --------------------------------------------------------------------------- dates and values


@pytest.mark.parametrize("typed", ["04/07/2012", "4/7/2012", "04-07-2012", "04.07.2012", " 4 / 7 / 2012 "])
def test_a_birth_date_typed_day_first_in_any_accepted_form(typed):
    (entry,) = read(xlsx([pupil(birth_date=typed)]))
    assert entry.birth_date == date(2012, 7, 4)


def test_excel_date_cells_are_taken_as_they_are():
    (entry,) = read(xlsx([pupil(birth_date=datetime(2012, 7, 4), consent_on=date(2026, 1, 10))]))
    assert (entry.birth_date, entry.consent_on) == (date(2012, 7, 4), date(2026, 1, 10))


@pytest.mark.parametrize(
    "typed, agreed",
    [("Có", True), ("có", True), ("CO", True), ("x", True), ("yes", True), (True, True), ("Không", False)],
)
def test_consent_written_in_the_usual_ways(typed, agreed):
    (entry,) = read(xlsx([pupil(consent=typed)]))
    assert entry.consent is agreed


def test_a_blank_consent_means_no_and_needs_no_one():
    (entry,) = read(xlsx([pupil(consent=None, consent_by=None, consent_on=None)]))
    assert (entry.consent, entry.consent_by, entry.consent_on) == (False, "", None)


def test_text_is_cleaned_of_control_characters_and_extra_spaces():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" as some programs paste it
    # Excel writes a control character XML cannot hold as _x000B_ (a vertical tab); C1 ones as they are.
    row = pupil(full_name=f"  {decomposed}_x0001_ Thị_x000B__x000B_Lan\x85 ", reason="Vượt khó\r\n\thọc giỏi")
    row[3] = 8  # a class typed as a number
    (entry,) = read(xlsx([row]))
    assert entry.full_name == "Nguyễn Thị Lan"
    assert entry.reason == "Vượt khó học giỏi"
    assert entry.class_name == "8"


def test_formula_like_text_is_kept_as_typed():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(pupil(full_name=None, reason="+84 điểm thi đua", evidence="@SUM(A1)"))
    # Typed with Excel's leading apostrophe: a text cell that starts with "=".
    sheet["A2"] = '=HYPERLINK("http://example.com","Lan")'
    sheet["A2"].data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)

    (entry,) = read(buffer.getvalue())

    assert entry.full_name == '=HYPERLINK("http://example.com","Lan")'
    assert (entry.reason, entry.evidence) == ("+84 điểm thi đua", "@SUM(A1)")


# --------------------------------------------------------------------------- headers and rows


def test_headers_are_matched_whatever_their_case_accents_spacing_and_order():
    headers = [
        "STT",
        "  HỌ  VÀ TÊN ",
        "ngay sinh",
        "Truong",
        "lớp",
        "Xã / Phường",
        "Ghi chú",
        "THÀNH TÍCH HOẶC HOÀN CẢNH",
        "minh chung",
        "Đã có sự đồng ý",
        "Ngày đồng ý (ngày/tháng/năm)",
        "nguoi dong y",
    ]
    row = [1, *PUPIL[:5], "ghi chú bỏ qua", PUPIL[5], PUPIL[6], PUPIL[7], PUPIL[9], PUPIL[8]]
    (entry,) = read(xlsx([row], headers))
    assert (entry.full_name, entry.commune, entry.reason) == ("Nguyễn Thị Lan", "Phường Hòa Bình", PUPIL[5])
    assert (entry.consent_by, entry.consent_on) == ("Nguyễn Văn Hùng", date(2026, 3, 2))


def test_the_header_is_the_first_row_with_anything_in_it():
    (entry,) = read(xlsx([PUPIL], above=[[], [None, "  "]]))
    assert entry.row == 4


def test_missing_columns_are_named_in_one_message():
    headers = [header for header in HEADERS if header not in ("Trường", "Người đồng ý")]
    row = [value for header, value in zip(HEADERS, PUPIL) if header in headers]
    assert problems(xlsx([row], headers)) == [
        "Tệp không theo mẫu: thiếu cột “Trường”, “Người đồng ý”. Dòng tiêu đề phải giữ tên các cột như trong tệp mẫu."
    ]


def test_optional_columns_may_be_left_out():
    keep = [
        index
        for index, column in enumerate(COLUMNS)
        if column.key not in ("class_name", "commune", "evidence", "proposed_by")
    ]
    (entry,) = read(xlsx([[PUPIL[i] for i in keep]], [HEADERS[i] for i in keep]))
    assert (entry.class_name, entry.commune, entry.evidence) == ("", "", "")


def test_blank_rows_are_skipped_and_rows_keep_their_numbers():
    numbered_only = [None] * len(HEADERS) + [7]  # a number in an added "STT" column, nothing else
    headers = HEADERS + ["STT"]
    rows = [[], pupil(), [None, " ", "\t"], numbered_only, pupil(full_name="Lê Văn Tâm")]
    entries = read(xlsx(rows, headers))
    assert [(entry.row, entry.full_name) for entry in entries] == [(3, "Nguyễn Thị Lan"), (6, "Lê Văn Tâm")]


def test_every_row_is_read_even_if_the_file_declares_fewer():
    data = xlsx([PUPIL, pupil(full_name="Lê Văn Tâm")])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:K3"/>' in sheet
    data = with_parts(data, {"xl/worksheets/sheet1.xml": sheet.replace(b"A1:K3", b"A1:K1")})
    assert [entry.full_name for entry in read(data)] == ["Nguyễn Thị Lan", "Lê Văn Tâm"]


def test_a_sheet_with_a_header_but_no_pupil_is_refused():
    assert problems(xlsx([[], []])) == [
        "Tệp chưa có học sinh nào: hãy ghi mỗi học sinh trên một dòng, dưới dòng tiêu đề."
    ]
    assert problems(template_xlsx())[0].startswith("Tệp chưa có học sinh nào")


def test_an_empty_first_sheet_is_refused():
    book = openpyxl.Workbook()
    book.create_sheet("Khác").append(HEADERS)
    buffer = io.BytesIO()
    book.save(buffer)
    assert problems(buffer.getvalue()) == [
        "Trang tính đầu tiên của tệp không có dữ liệu. Danh sách phải nằm ở trang tính đầu tiên, "
        "bắt đầu bằng dòng tiêu đề của tệp mẫu."
    ]


def test_as_many_pupils_as_the_limit_are_taken_and_one_more_is_refused():
    rows = [pupil(full_name=f"Học sinh {n}") for n in range(MAX_ROWS)]
    assert len(read(xlsx(rows))) == MAX_ROWS
    assert problems(xlsx(rows + [pupil()])) == [
        "Tệp có hơn 2000 học sinh; mỗi tệp chỉ nhận tối đa 2000 dòng. Hãy chia danh sách thành nhiều tệp."
    ]


# --------------------------------------------------------------------------- row problems


@pytest.mark.parametrize(
    "key, label",
    [
        ("full_name", "Họ và tên"),
        ("birth_date", "Ngày sinh"),
        ("school", "Trường"),
        ("reason", "Thành tích hoặc hoàn cảnh"),
    ],
)
def test_a_required_value_left_empty_is_named_with_its_row(key, label):
    assert problems(xlsx([pupil(), pupil(**{key: "  "})])) == [f"Dòng 3: thiếu “{label}”."]


def test_texts_longer_than_their_column_takes():
    row = pupil(full_name="A" * 151, school="B" * 256, reason="C" * 1001, evidence="D" * 1000, consent_by="E" * 150)
    assert problems(xlsx([row])) == [
        "Dòng 2: “Họ và tên” dài 151 ký tự, tối đa 150 ký tự.",
        "Dòng 2: “Trường” dài 256 ký tự, tối đa 255 ký tự.",
        "Dòng 2: “Thành tích hoặc hoàn cảnh” dài 1001 ký tự, tối đa 1000 ký tự.",
    ]


@pytest.mark.parametrize("typed", ["7/2012", "04/07/12", "ngày 4 tháng 7", "2012", 41095])
def test_a_date_not_written_day_month_year(typed):
    shown = str(typed)
    assert problems(xlsx([pupil(birth_date=typed)])) == [
        f"Dòng 2: “Ngày sinh” ghi “{shown}” không đúng dạng ngày/tháng/năm (ví dụ 04/07/2012)."
    ]


def test_a_day_that_does_not_exist():
    assert problems(xlsx([pupil(birth_date="31/02/2012", consent_on="29/02/2025")])) == [
        "Dòng 2: “Ngày sinh” ghi “31/02/2012” không phải là ngày có thật; hãy kiểm tra ngày và tháng.",
        "Dòng 2: “Ngày đồng ý” ghi “29/02/2025” không phải là ngày có thật; hãy kiểm tra ngày và tháng.",
    ]


def test_a_birth_date_in_the_future():
    assert problems(xlsx([pupil(birth_date="16/03/2026")])) == [
        "Dòng 2: “Ngày sinh” 16/03/2026 là ngày trong tương lai."
    ]


@pytest.mark.parametrize("born, age", [("16/03/2023", 2), ("15/03/1995", 31), ("01/01/1905", 121)])
def test_a_pupil_younger_than_3_or_older_than_30_is_refused(born, age):
    assert problems(xlsx([pupil(birth_date=born)])) == [
        f"Dòng 2: “Ngày sinh” {born} cho thấy học sinh {age} tuổi, ngoài khoảng từ 3 đến 30 tuổi; "
        "hãy kiểm tra lại năm sinh."
    ]


def test_a_pupil_of_3_or_of_30_on_the_day_is_taken():
    entries = read(xlsx([pupil(birth_date="15/03/2023"), pupil(birth_date=datetime(1995, 3, 16))]))
    assert [entry.birth_date for entry in entries] == [date(2023, 3, 15), date(1995, 3, 16)]


def test_consent_must_be_yes_or_no():
    assert problems(xlsx([pupil(consent="Chưa rõ")])) == [
        "Dòng 2: “Đã có sự đồng ý” ghi “Chưa rõ”; chỉ ghi “Có” hoặc “Không”."
    ]


def test_consent_needs_who_agreed_and_when():
    assert problems(xlsx([pupil(consent_by=None, consent_on=None)])) == [
        "Dòng 2: đã ghi “Có” sự đồng ý nhưng thiếu “Người đồng ý”.",
        "Dòng 2: đã ghi “Có” sự đồng ý nhưng thiếu “Ngày đồng ý”.",
    ]


def test_consent_cannot_be_given_in_the_future():
    assert problems(xlsx([pupil(consent_on="20/03/2026")])) == [
        "Dòng 2: “Ngày đồng ý” 20/03/2026 là ngày trong tương lai."
    ]


def test_every_problem_of_every_row_is_reported_at_once():
    rows = [
        pupil(full_name=None, birth_date="32/01/2012"),
        pupil(),
        pupil(school=None, consent="x", consent_by=None),
    ]
    assert problems(xlsx(rows)) == [
        "Dòng 2: thiếu “Họ và tên”.",
        "Dòng 2: “Ngày sinh” ghi “32/01/2012” không phải là ngày có thật; hãy kiểm tra ngày và tháng.",
        "Dòng 4: thiếu “Trường”.",
        "Dòng 4: đã ghi “Có” sự đồng ý nhưng thiếu “Người đồng ý”.",
    ]


def test_a_long_list_of_problems_is_cut_at_fifty():
    errors = problems(xlsx([pupil(full_name=None, school=None)] * 40))
    assert len(errors) == 51
    assert errors[0] == "Dòng 2: thiếu “Họ và tên”."
    assert errors[49] == "Dòng 26: thiếu “Trường”."
    assert errors[-1] == "… và 30 lỗi khác."


# --------------------------------------------------------------------------- files refused

NOT_EXCEL = (
    "Tệp không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu, điền danh sách vào đó và lưu "
    "dưới dạng Excel Workbook (.xlsx)."
)
DAMAGED = "Không đọc được tệp Excel: tệp bị hỏng hoặc chưa được lưu đầy đủ. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại."
MACROS = (
    "Tệp có chứa macro (tệp .xlsm) nên không được nhận, vì lý do an toàn. Hãy lưu lại dưới dạng "
    "Excel Workbook (.xlsx), không có macro, rồi gửi lại."
)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"%PDF-1.7\n...",
        "Họ và tên;Ngày sinh\nLan;04/07/2012\n".encode(),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,  # a legacy .xls
        zipped({"word/document.xml": b"<w:document/>"}),  # a Word file
    ],
    ids=["empty", "pdf", "csv", "xls", "docx"],
)
def test_what_is_not_an_xlsx_is_refused_by_its_content(content):
    assert problems(content) == [NOT_EXCEL]


def test_a_truncated_file_is_damaged():
    assert problems(xlsx([PUPIL])[:1500]) == [DAMAGED]


def test_an_xlsx_whose_parts_openpyxl_cannot_read_is_damaged():
    assert problems(with_parts(xlsx([PUPIL]), {"xl/workbook.xml": b"<not xml"})) == [DAMAGED]
    assert problems(with_parts(xlsx([PUPIL]), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"})) == [DAMAGED]


def test_a_macro_enabled_workbook_is_refused():
    data = xlsx([PUPIL])
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    xlsm = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert xlsm != types
    assert problems(with_parts(data, {"[Content_Types].xml": xlsm})) == [MACROS]
    assert problems(with_parts(data, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})) == [MACROS]


def test_a_file_over_the_limit_is_refused_unread():
    assert problems(b"PK\x03\x04" + b"\x00" * MAX_BYTES) == [
        "Tệp lớn hơn 2 MB, vượt quá giới hạn cho phép. Hãy xóa bớt nội dung không cần thiết (hình ảnh, "
        "trang tính khác) hoặc chia danh sách thành nhiều tệp."
    ]


def test_a_small_file_that_unpacks_to_a_huge_one_is_refused():
    bomb = with_parts(xlsx([PUPIL]), {"xl/media/blank.bin": b"\x00" * (60 * 1024 * 1024)})
    assert len(bomb) < MAX_BYTES
    assert problems(bomb) == [
        "Nội dung tệp quá lớn để đọc. Hãy chép danh sách sang tệp mẫu mới hoặc chia thành nhiều tệp."
    ]


# --------------------------------------------------------------------------- the download


@dataclass
class Awarded:
    """A pupil with a decision, as the awards app's objects will look."""

    full_name: str
    birth_date: date
    school: str = "Trường Tiểu học Kim Đồng"
    class_name: str = "5B"
    commune: str = "Xã Tân Lập"
    reason: str = "Hoàn cảnh khó khăn, vượt khó học tốt"
    evidence: str = ""
    consent: bool = True
    consent_by: str = "Phạm Thị Hoa"
    consent_on: date | None = date(2026, 2, 1)
    decision: str = "Quyết định số 15/QĐ-KH"
    amount: int | None = 1_500_000
    source: str = "Quỹ Khuyến học tỉnh"
    given_on: date | None = date(2026, 3, 1)
    occasion: str = "Tết Nguyên đán"


def sheet_of(data: bytes, name: str = "Danh sách"):
    return openpyxl.load_workbook(io.BytesIO(data))[name]


def test_a_list_without_decisions_has_the_templates_columns():
    entries = read(xlsx([PUPIL, pupil(full_name="Lê Văn Tâm", consent="Không", consent_by="", consent_on="")]))
    sheet = sheet_of(entries_xlsx("Đề nghị học bổng năm 2026", entries))
    assert [cell.value for cell in sheet[1]] == ["STT", *HEADERS]
    assert [cell.value for cell in sheet[2]] == [1, *PUPIL]
    assert [cell.value for cell in sheet[3]][:2] == [2, "Lê Văn Tâm"]
    assert [cell.value for cell in sheet[3]][-4:] == ["Không", None, None, None]


def test_a_downloaded_list_reads_back_as_it_was():
    entries = read(xlsx([PUPIL, pupil(full_name="Lê Văn Tâm", birth_date="1/1/2014")]))
    again = read(entries_xlsx("Danh sách", entries))
    assert [(entry.full_name, entry.birth_date, entry.consent_on) for entry in again] == [
        (entry.full_name, entry.birth_date, entry.consent_on) for entry in entries
    ]


def test_a_list_with_decisions_shows_amounts_as_numbers_and_dates_day_first():
    entries = [Awarded("Đỗ Minh Khoa", date(2015, 11, 5)), Awarded("Vũ An", date(2016, 1, 9), amount=None)]
    data = entries_xlsx("Trao học bổng Tết 2026", entries)
    sheet = sheet_of(data)
    headers = [cell.value for cell in sheet[1]]
    assert headers[-5:] == ["Quyết định", "Số tiền (đồng)", "Nguồn", "Ngày trao", "Dịp trao"]
    first = {header: cell for header, cell in zip(headers, sheet[2])}
    assert first["Ngày sinh (dd/mm/yyyy)"].value == "05/11/2015"
    assert first["Số tiền (đồng)"].value == 1_500_000
    assert first["Số tiền (đồng)"].number_format == "#,##0"
    assert first["Ngày trao"].value == "01/03/2026"
    assert first["Đã có sự đồng ý (Có/Không)"].value == "Có"
    assert sheet.cell(3, headers.index("Số tiền (đồng)") + 1).value is None
    about = [[cell.value for cell in row] for row in sheet_of(data, "Thông tin").iter_rows()]
    assert about[1:3] == [["Danh sách", "Trao học bổng Tết 2026"], ["Số học sinh", 2]]


def test_dicts_are_listed_like_objects_and_one_decision_adds_the_columns():
    entries = [
        {"full_name": "Hà Thu", "birth_date": date(2013, 4, 2), "consent": False},
        {"full_name": "Mai Anh", "birth_date": date(2013, 5, 2), "consent": True, "occasion": "Khai giảng"},
    ]
    sheet = sheet_of(entries_xlsx("Danh sách", entries))
    assert sheet.max_column == 1 + len(COLUMNS) + 5
    assert [cell.value for cell in sheet[3]][-1] == "Khai giảng"
    assert [cell.value for cell in sheet[2]][:3] == [1, "Hà Thu", "02/04/2013"]


def test_formula_like_names_are_written_as_text_never_as_formulas():
    entries = [
        Awarded("=1+1", date(2015, 1, 1), decision='=HYPERLINK("http://x","y")', occasion="@SUM(A1)"),
        Awarded("-2+3\x01", date(2015, 1, 1), source="+84"),
    ]
    sheet = sheet_of(entries_xlsx("=cmd|' /C calc'!A0", entries))
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value[0] in "=+-@"]
    assert {cell.value for cell in risky} >= {"=1+1", '=HYPERLINK("http://x","y")', "@SUM(A1)", "-2+3", "+84"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    about = sheet_of(entries_xlsx("=cmd|' /C calc'!A0", entries), "Thông tin")
    assert about["B2"].data_type == "s" and about["B2"].value == "=cmd|' /C calc'!A0"


def test_a_title_above_the_header_is_read_past():
    """Clerks put the list's title, and a blank line, above the template's header."""
    rows = read(xlsx([PUPIL], above=[["DANH SÁCH HỌC SINH ĐỀ NGHỊ KHEN THƯỞNG"], ["Năm học 2025-2026"], []]))
    assert [(row.row, row.full_name) for row in rows] == [(5, "Nguyễn Thị Lan")]


def test_a_file_whose_header_is_nowhere_names_what_the_first_row_lacks():
    headers = [h for h in HEADERS if not h.startswith("Trường")]
    errors = problems(xlsx([PUPIL[:2] + PUPIL[3:]], headers=headers, above=[["DANH SÁCH"]]))
    assert len(errors) == 1 and "thiếu cột" in errors[0]
