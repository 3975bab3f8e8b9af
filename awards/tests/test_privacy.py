"""Privacy by design: the unit that proposed a pupil reads that pupil and what was given, and no
other entry of the list; an administrator removes a closed school year's names and every figure
stays the same."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import anonymise, figures, services, spreadsheet
from awards.forms import UploadForm
from awards.models import ListAccess, ListEntry
from conftest import add_pupil, make_pupil_list, make_user
from programmes.models import Membership

Role = Membership.Role
PROPOSED = "Quàng Văn Tú"
OTHER = "Mùa Thị Sinh"


@pytest.fixture
def sent_list(world, plan, reviewer):
    """The Sở's list sent to the association: a pupil proposed by the ward association of
    commune A, and one the Sở found itself; both given a scholarship in April 2026."""
    pupil_list = make_pupil_list(plan, world.department, world.association, status="sent")
    for name, proposer in ((PROPOSED, world.unit_a), (OTHER, None)):
        entry = add_pupil(pupil_list, name, proposed_by=proposer, birth_date=date(2012, 2, len(name)))
        entry.decision, entry.amount, entry.source, entry.given_on = "scholarship", 1_000_000, "fund", date(2026, 4, 3)
        services.entry_decide(user=reviewer, entry=entry)
    return pupil_list


def test_the_proposing_unit_reads_its_own_pupil_and_what_was_given_and_nothing_else(
    client, sent_list, reporter_a, reporter_b
):
    client.force_login(reporter_a)
    page = client.get(reverse("awards:proposed_entries")).content.decode()
    assert PROPOSED in page and "1.000.000" in page and OTHER not in page
    assert ListAccess.objects.filter(user=reporter_a, pupil_list=sent_list, action="viewed").exists()
    # The list itself stays the two parties'.
    assert client.get(reverse("awards:list_detail", args=[sent_list.pk])).status_code == 404
    assert reverse("awards:proposed_entries") in client.get(reverse("awards:list_index")).content.decode()

    client.force_login(reporter_b)
    assert PROPOSED not in client.get(reverse("awards:proposed_entries")).content.decode()


def test_a_draft_is_not_shown_to_the_proposing_unit(client, world, plan, reporter_a):
    draft = make_pupil_list(plan, world.department, world.association)
    add_pupil(draft, PROPOSED, proposed_by=world.unit_a)
    client.force_login(reporter_a)
    assert PROPOSED not in client.get(reverse("awards:proposed_entries")).content.decode()


def test_an_uploaded_row_names_its_proposing_unit_or_is_refused(world, plan):
    draft = make_pupil_list(plan, world.department, world.association)
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet.template_xlsx()))
    sheet = book["Danh sách"]
    headers = [cell.value for cell in sheet[1]]
    row = {
        "Họ và tên": PROPOSED,
        "Ngày sinh (dd/mm/yyyy)": "04/07/2012",
        "Trường": "THCS Hòa Bình",
        "Thành tích hoặc hoàn cảnh": "Mồ côi mẹ, học khá",
        "Đã có sự đồng ý (Có/Không)": "Có",
        "Người đồng ý": "Quàng Văn Pao (cha)",
        "Ngày đồng ý (dd/mm/yyyy)": "01/03/2026",
        "Đơn vị đề xuất": f"  {world.unit_a.name.upper()} ",
    }
    for column, value in row.items():
        sheet.cell(row=2, column=headers.index(column) + 1, value=value)

    def upload(book):
        content = io.BytesIO()
        book.save(content)
        file = SimpleUploadedFile("ds.xlsx", content.getvalue())
        return UploadForm({}, {"file": file}, pupil_list=draft)

    form = upload(book)
    assert form.is_valid(), form.errors
    assert form.rows[0].proposer == world.unit_a
    sheet.cell(row=2, column=headers.index("Đơn vị đề xuất") + 1, value=world.other_department.name)
    form = upload(book)
    assert not form.is_valid() and "Dòng 2" in str(form.errors["file"])


def test_names_are_removed_once_the_school_year_is_closed_and_the_figures_stay(world, sent_list, reviewer):
    admin = make_user("province_admin", (world.department, Role.ADMIN))
    given = figures.given(date(2026, 1, 1), date(2026, 6, 30), plan=sent_list.plan)
    before = figures.summary(given)
    with pytest.raises(PermissionDenied):
        anonymise.school_year_anonymise(user=reviewer, school_year=2025, today=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        anonymise.school_year_anonymise(user=admin, school_year=2025, today=date(2026, 8, 31))
    with pytest.raises(ValidationError, match="chờ trả lời"):
        anonymise.school_year_anonymise(user=admin, school_year=2025, today=date(2026, 9, 1))

    services.list_agree(user=reviewer, pupil_list=sent_list)
    assert anonymise.school_year_anonymise(user=admin, school_year=2025, today=date(2026, 9, 1)) == 2
    entries = list(ListEntry.objects.filter(pupil_list=sent_list))
    assert {(e.full_name, e.birth_date, e.reason, e.consent_by, e.identity) for e in entries} == {
        ("", None, "", "", "")
    }
    assert {(e.school, e.decision, e.amount) for e in entries} == {("THCS Nguyễn Du", "scholarship", 1_000_000)}
    assert figures.summary(given) == before
    sent_list.refresh_from_db()
    assert sent_list.anonymised_by == admin and not sent_list.editable
    # A decision form opened before, sent after: refused, and the name does not come back.
    stale = entries[0]
    stale.full_name, stale.decision = PROPOSED, "support"
    with pytest.raises(ValidationError):
        services.entry_decide(user=reviewer, entry=stale)
    assert not ListEntry.objects.filter(full_name=PROPOSED).exists()
    assert set(ListEntry.objects.values_list("identity", flat=True)) == {""}
    # Once done, the year has no names left to remove.
    assert anonymise.school_years(admin, today=date(2026, 9, 1)) == []


def test_the_administrator_removes_the_names_from_the_page(client, world, sent_list, reviewer, time_machine):
    admin = make_user("province_admin", (world.department, Role.ADMIN))
    services.list_agree(user=reviewer, pupil_list=sent_list)
    time_machine.move_to(date(2026, 10, 1))
    client.force_login(admin)
    url = reverse("awards:anonymise")
    page = client.get(url).content.decode()
    assert "2025-2026" in page
    # Without the confirmation nothing happens, and the page says why beside the box.
    page = client.post(url, {"school_year": 2025}).content.decode()
    assert ListEntry.objects.filter(full_name=PROPOSED).exists() and "is-invalid" in page
    client.post(url, {"school_year": 2025, "confirm": "on"})
    assert not ListEntry.objects.filter(full_name=PROPOSED).exists()
    # The receiving party still reads the list, without names.
    client.force_login(reviewer)
    page = client.get(reverse("awards:list_detail", args=[sent_list.pk])).content.decode()
    assert PROPOSED not in page and "(đã ẩn danh)" in page and "1.000.000" in page


def test_a_year_not_ready_is_refused_beside_the_field_saying_why(client, world, sent_list, time_machine):
    admin = make_user("province_admin", (world.department, Role.ADMIN))
    time_machine.move_to(date(2026, 10, 1))
    client.force_login(admin)
    page = client.post(reverse("awards:anonymise"), {"school_year": 2025, "confirm": "on"}).content.decode()
    assert "vẫn đang chờ trả lời" in page and sent_list.title in page
    assert ListEntry.objects.filter(full_name=PROPOSED).exists()
