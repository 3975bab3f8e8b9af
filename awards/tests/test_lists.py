"""A pupil list from one party to the other: drawn up, filled, sent with every consent recorded,
agreed or returned; read only by the two parties' staff, and every reading recorded."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards import access, services
from awards.models import ListAccess, ListEntry
from conftest import add_pupil, make_pupil_list, make_user
from programmes.models import Membership

Role = Membership.Role


@pytest.fixture
def pupil_list(world, plan):
    return make_pupil_list(plan, world.department, world.association, title="Học sinh đạt giải học sinh giỏi cấp tỉnh")


def test_a_list_goes_from_draft_to_sent_to_agreed(pupil_list, editor, reviewer):
    add_pupil(pupil_list)
    services.list_send(user=editor, pupil_list=pupil_list)
    pupil_list.refresh_from_db()
    assert pupil_list.status == "sent" and pupil_list.sent_at
    assert not access.can_draw(editor, pupil_list)  # a sent list is a record
    services.list_agree(user=reviewer, pupil_list=pupil_list)
    pupil_list.refresh_from_db()
    assert pupil_list.status == "agreed" and pupil_list.reviewed_at


def test_a_list_is_not_sent_empty_nor_without_every_consent(pupil_list, editor):
    with pytest.raises(ValidationError, match="chưa có"):
        services.list_send(user=editor, pupil_list=pupil_list)
    add_pupil(pupil_list)
    add_pupil(pupil_list, "Lê Thu Hà", consent=False)
    with pytest.raises(ValidationError) as raised:
        services.list_send(user=editor, pupil_list=pupil_list)
    assert "1" in raised.value.messages[0] and "đồng ý" in raised.value.messages[0]
    pupil_list.refresh_from_db()
    assert pupil_list.status == "draft"


def test_a_returned_list_can_be_fixed_and_sent_again(pupil_list, editor, reviewer):
    add_pupil(pupil_list)
    services.list_send(user=editor, pupil_list=pupil_list)
    with pytest.raises(ValidationError):
        services.list_return(user=reviewer, pupil_list=pupil_list, comment="  ")
    services.list_return(user=reviewer, pupil_list=pupil_list, comment="Thiếu minh chứng giải thưởng")
    pupil_list.refresh_from_db()
    assert pupil_list.status == "returned" and access.can_draw(editor, pupil_list)
    services.list_send(user=editor, pupil_list=pupil_list)
    pupil_list.refresh_from_db()
    assert pupil_list.status == "sent" and pupil_list.return_comment == ""


def test_only_the_drawing_party_changes_and_only_the_receiving_party_decides(pupil_list, editor, reviewer, leader):
    entry = add_pupil(pupil_list)
    for user in (reviewer, leader):
        with pytest.raises(PermissionDenied):
            services.entry_delete(user=user, entry=entry)
    services.list_send(user=editor, pupil_list=pupil_list)
    with pytest.raises(PermissionDenied):
        services.list_agree(user=editor, pupil_list=pupil_list)
    with pytest.raises(ValidationError, match="Đã gửi"):
        services.entry_delete(user=editor, entry=entry)  # sent: a record, and its party is told why
    assert ListEntry.objects.filter(pk=entry.pk).exists()


def test_the_receiver_reads_the_list_only_once_it_is_sent(pupil_list, editor, reviewer):
    add_pupil(pupil_list)
    assert pupil_list not in access.lists_visible_to(reviewer)
    services.list_send(user=editor, pupil_list=pupil_list)
    assert pupil_list in access.lists_visible_to(reviewer)


def test_names_reach_no_one_outside_the_two_parties(client, world, pupil_list, superuser, reporter_a, outsider):
    add_pupil(pupil_list, "Phạm Gia Bảo")
    pupil_list.status, pupil_list.sent_at = "sent", pupil_list.created_at
    pupil_list.save()
    url = reverse("awards:list_detail", args=[pupil_list.pk])
    for user in (superuser, reporter_a, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert "Phạm Gia Bảo" not in client.get(reverse("awards:list_index")).content.decode()
    assert not ListAccess.objects.exists()


def test_every_reading_with_names_is_recorded(client, pupil_list, editor):
    add_pupil(pupil_list)
    client.force_login(editor)
    page = client.get(reverse("awards:list_detail", args=[pupil_list.pk])).content.decode()
    assert "Trần Minh Khang" in page
    assert client.get(reverse("awards:list_download", args=[pupil_list.pk])).status_code == 200
    assert list(ListAccess.objects.values_list("user__username", "action")) == [
        ("editor", "downloaded"),
        ("editor", "viewed"),
    ]


def test_a_pupil_typed_in_the_browser_keeps_what_was_typed_when_consent_is_incomplete(client, pupil_list, editor):
    client.force_login(editor)
    url = reverse("awards:entry_create", args=[pupil_list.pk])
    data = {
        "full_name": "Đỗ Hoàng Nam",
        "birth_date": "31/02/2012",
        "school": "THCS Chu Văn An",
        "reason": "Hoàn cảnh khó khăn, học tốt",
        "consent": "on",
        "consent_by": "",
        "consent_on": "",
    }
    page = client.post(url, data).content.decode()
    assert "Không có ngày 31/02/2012" in page
    assert "Hãy ghi ai đã đồng ý" in page and 'value="Đỗ Hoàng Nam"' in page
    assert not pupil_list.entries.exists()
    response = client.post(url, {**data, "birth_date": "28/02/2012", "consent_by": "Mẹ", "consent_on": "01/03/2026"})
    assert response.status_code == 302
    entry = pupil_list.entries.get()
    assert entry.identity == "do hoang nam|2012-02-28|thcs chu van an"


def test_a_drawing_unit_chooses_its_own_organisation_and_a_receiving_party(world, plan, reporter_a):
    from awards.forms import PupilListForm

    form = PupilListForm(user=reporter_a)
    assert list(form.fields["drawn_by"].queryset) == [world.unit_a]
    receivers = set(form.fields["received_by"].queryset)
    assert world.association in receivers  # a party of the plan it reads, and its parent
    data = {
        "title": "Học sinh có hoàn cảnh khó khăn phường Hòa Bình",
        "kind": "hardship",
        "plan": plan.pk,
        "drawn_by": world.unit_a.pk,
        "received_by": world.unit_a.pk,
        "school_year": 2025,
    }
    form = PupilListForm(data, user=reporter_a)
    assert not form.is_valid() and "received_by" in form.errors
    leader_only = make_user("leader_only", (world.department, Role.LEADER))
    assert not access.drawing_organisations(leader_only).exists()


def test_a_pupil_proposed_in_another_list_of_the_year_is_flagged_without_naming_it(client, world, plan, editor):
    first = make_pupil_list(plan, world.department, world.association, title="Danh sách A", kind="hardship")
    other = make_pupil_list(plan, world.unit_b, world.association, title="Danh sách bí mật của xã")
    later = make_pupil_list(plan, world.unit_b, world.association, title="Năm sau", school_year=2026)
    add_pupil(first, "Trần Minh Khang")
    add_pupil(first, "Lê Thu Hà")
    for pupil_list in (other, later):
        add_pupil(pupil_list, "tran  minh KHANG", school="THCS Nguyễn  Du", consent=False)
    client.force_login(editor)
    page = client.get(reverse("awards:list_detail", args=[first.pk])).content.decode()
    assert page.count('data-testid="proposed-twice"') == 1  # the same pupil; another year does not count
    assert "có trong 1 danh sách khác của năm học" in page
    assert "Danh sách bí mật của xã" not in page


def _workbook(rows) -> bytes:
    import io

    import openpyxl

    from awards.spreadsheet import COLUMNS

    book = openpyxl.Workbook()
    book.active.append([column.header for column in COLUMNS])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [
    "Vũ Hải Đăng",
    "12/05/2013",
    "THCS Lê Quý Đôn",
    "7B",
    "Phường Hòa Bình",
    "Giải ba Tin học",
    "",
    "Có",
    "Vũ Văn Lâm (cha)",
    "01/03/2026",
]


def test_a_spreadsheet_with_a_bad_row_saves_nothing_and_names_the_row(client, pupil_list, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    add_pupil(pupil_list, "Học sinh có sẵn")
    client.force_login(editor)
    url = reverse("awards:list_upload", args=[pupil_list.pk])
    bad = [*GOOD[:1], "31/02/2013", *GOOD[2:]]
    upload = SimpleUploadedFile("ds.xlsx", _workbook([GOOD, bad]))
    page = client.post(url, {"file": upload}).content.decode()
    assert "Dòng 3" in page and "31/02/2013" in page
    assert list(pupil_list.entries.values_list("full_name", flat=True)) == ["Học sinh có sẵn"]

    upload = SimpleUploadedFile("ds.xlsx", _workbook([GOOD, [*GOOD[:1], "28/02/2013", *GOOD[2:]]]))
    assert client.post(url, {"file": upload}).status_code == 302
    assert list(pupil_list.entries.values_list("full_name", "birth_date")) == [
        ("Vũ Hải Đăng", date(2013, 5, 12)),
        ("Vũ Hải Đăng", date(2013, 2, 28)),
    ]  # the file replaced what the list held


def test_a_file_that_is_not_a_workbook_is_refused_beside_the_field(client, pupil_list, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    url = reverse("awards:list_upload", args=[pupil_list.pk])
    page = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", b"MZ\x90\x00 not excel")}).content.decode()
    assert "không phải là tệp Excel" in page and not pupil_list.entries.exists()


def test_the_template_and_a_list_download_as_workbooks(client, pupil_list, editor):
    import io

    import openpyxl

    add_pupil(pupil_list)
    client.force_login(editor)
    template = client.get(reverse("awards:template_download"))
    assert template["Content-Disposition"].endswith('.xlsx"')
    assert "Danh sách" in openpyxl.load_workbook(io.BytesIO(template.content)).sheetnames
    exported = client.get(reverse("awards:list_download", args=[pupil_list.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).worksheets[0]
    assert "Trần Minh Khang" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_the_spreadsheets_problems_speak_the_readers_language():
    from django.utils import translation

    from awards.spreadsheet import SheetProblem, read_entries

    for language, expected in (("vi", "Tệp không phải là tệp Excel"), ("en", "The file is not an Excel workbook")):
        with translation.override(language), pytest.raises(SheetProblem) as raised:
            read_entries(b"plain text, not a workbook")
        assert raised.value.errors[0].startswith(expected)


def test_the_receiving_party_records_what_each_pupil_was_given_and_the_list_adds_it_up(
    client, pupil_list, editor, reviewer
):
    first, second = add_pupil(pupil_list), add_pupil(pupil_list, "Lê Thu Hà")
    third = add_pupil(pupil_list, "Phan Anh Tú")
    services.list_send(user=editor, pupil_list=pupil_list)
    client.force_login(editor)
    assert client.get(reverse("awards:entry_decide", args=[pupil_list.pk, first.pk])).status_code == 403

    client.force_login(reviewer)
    url = reverse("awards:entry_decide", args=[pupil_list.pk, first.pk])
    page = client.post(url, {"decision": "scholarship", "amount": "", "source": "donor", "donor": ""}).content
    assert "Hãy ghi số tiền" in page.decode() and "Hãy ghi tên nhà tài trợ" in page.decode()
    data = {
        "decision": "scholarship",
        "amount": "1.500.000",
        "source": "fund",
        "given_on": "02/10/2025",
        "occasion": "Lễ tuyên dương ngày 02/10",
    }
    assert client.post(url, data).status_code == 302
    url = reverse("awards:entry_decide", args=[pupil_list.pk, second.pk])
    data = {"decision": "award", "amount": "500.000", "source": "donor", "donor": "Công ty Sông Đà", "in_kind": ""}
    assert client.post(url, data).status_code == 302
    url = reverse("awards:entry_decide", args=[pupil_list.pk, third.pk])
    assert client.post(url, {"decision": "none"}).status_code == 302

    first.refresh_from_db()
    assert (first.amount, first.given_on, first.decided_by) == (1_500_000, date(2025, 10, 2), reviewer)
    page = client.get(reverse("awards:list_detail", args=[pupil_list.pk])).content.decode()
    assert "Học bổng: 1.500.000 đ" in page
    from awards.totals import list_totals

    totals = list_totals(pupil_list)
    assert [(line.label, line.pupils, line.amount) for line in totals["decision"]] == [
        ("Khen thưởng", 1, 500_000),
        ("Học bổng", 1, 1_500_000),
        ("Không trao", 1, 0),
    ]
    assert [(line.label, line.pupils, line.amount) for line in totals["source"]] == [
        ("Quỹ khuyến học của Hội", 1, 1_500_000),
        ("Nhà tài trợ", 1, 500_000),
    ]


def test_the_reviewer_decides_on_a_pupil_proposed_twice_and_the_decision_is_recorded(
    client, world, plan, pupil_list, editor, reviewer
):
    entry = add_pupil(pupil_list)
    other = make_pupil_list(plan, world.unit_b, world.association, title="Danh sách xã", kind="hardship")
    add_pupil(other)  # the same pupil, from a commune
    services.list_send(user=editor, pupil_list=pupil_list)
    client.force_login(reviewer)
    url = reverse("awards:entry_decide", args=[pupil_list.pk, entry.pk])
    assert "còn có trong 1 danh sách khác" in client.get(url).content.decode()
    note = "Đã nhận học bổng theo danh sách của xã; không trao lần hai."
    assert client.post(url, {"decision": "none", "decision_note": note}).status_code == 302
    entry.refresh_from_db()
    assert (entry.decision, entry.decision_note, entry.decided_by) == ("none", note, reviewer)
    assert entry.decided_at is not None


def test_the_party_that_owes_a_list_is_reminded_once_before_it_is_due(world, pupil_list, editor, reviewer, leader):
    from tasks.reminders import reminders_sweep

    pupil_list.due_on = date(2026, 5, 20)
    pupil_list.save()
    add_pupil(pupil_list)

    def reminded(day):
        return sorted(
            (r.recipient.username, r.subject)
            for r in reminders_sweep(today=day, enqueue=False).created
            if r.kind == "list_due"
        )

    assert reminded(date(2026, 4, 1)) == []  # not yet within the province's lead time
    first = reminded(date(2026, 5, 14))
    assert first == [("editor", "Danh sách “Học sinh đạt giải học sinh giỏi cấp tỉnh” phải gửi trước ngày 20/05/2026")]
    assert reminded(date(2026, 5, 19)) == []  # once
    services.list_send(user=editor, pupil_list=pupil_list)
    other = make_pupil_list(
        pupil_list.plan, world.department, world.association, title="Đã gửi", status="sent", due_on=date(2026, 5, 20)
    )
    assert other.pk and reminded(date(2026, 5, 19)) == []  # a sent list owes nothing


def test_the_home_page_lists_what_each_party_owes(client, world, pupil_list, editor, reviewer, leader):
    add_pupil(pupil_list)
    client.force_login(editor)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="todo-lists-to-send"' in page and pupil_list.title in page
    client.force_login(reviewer)
    assert (
        'data-testid="todo-lists"' not in client.get(reverse("home")).content.decode()
    )  # a draft stays with its party
    services.list_send(user=editor, pupil_list=pupil_list)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="todo-lists-to-review"' in page and pupil_list.title in page
    client.force_login(leader)  # reads the list, but neither sends nor decides
    assert 'data-testid="todo-lists"' not in client.get(reverse("home")).content.decode()


def test_a_second_reviewer_on_an_old_page_is_told_the_list_moved_on_and_nothing_changes(
    client, world, pupil_list, editor, reviewer
):
    from conftest import make_user

    other_reviewer = make_user("reviewer_2", (world.association, Role.REVIEWER))
    add_pupil(pupil_list)
    services.list_send(user=editor, pupil_list=pupil_list)
    services.list_agree(user=reviewer, pupil_list=pupil_list)  # the first one, a moment before
    client.force_login(other_reviewer)
    response = client.post(reverse("awards:list_return", args=[pupil_list.pk]), {"comment": "Thiếu minh chứng"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Danh sách nay đã ở trạng thái “Đã thống nhất”" in page
    pupil_list.refresh_from_db()
    assert (pupil_list.status, pupil_list.return_comment) == ("agreed", "")

    # The party that drew it up, with a form opened before it was sent, is told too.
    client.force_login(editor)
    response = client.post(reverse("awards:entry_create", args=[pupil_list.pk]), {"full_name": "Muộn"})
    assert response.status_code == 302 and pupil_list.entries.count() == 1


def test_the_reminders_link_opens_the_list_for_the_person_it_was_sent_to(client, pupil_list, editor):
    from urllib.parse import urlsplit

    from tasks.reminders import reminders_sweep

    pupil_list.due_on = date(2026, 5, 20)
    pupil_list.save()
    (reminder,) = [r for r in reminders_sweep(today=date(2026, 5, 14), enqueue=False).created if r.kind == "list_due"]
    assert reminder.recipient == editor
    client.force_login(reminder.recipient)
    page = client.get(urlsplit(reminder.link).path)
    assert page.status_code == 200 and pupil_list.title in page.content.decode()
