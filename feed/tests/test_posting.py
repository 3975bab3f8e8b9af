"""A party posts a notice or an official letter, with files checked as report evidence is; its
readers are told in the portal, the author is not."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from kombu.exceptions import OperationalError

from conftest import make_user
from feed import services, tasks
from feed.models import Entry, EntryAttachment
from programmes.models import Membership
from tasks.models import Notification

Role = Membership.Role
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF"


def pdf(name="cong-van-125.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def post_data(world, **extra):
    return {
        "party": world.department.pk,
        "kind": "letter",
        "number": "125/SGDĐT-GDTX",
        "title": "Hướng dẫn tổng kết năm học",
        "body": "Kính gửi các đơn vị.\nĐề nghị gửi báo cáo trước 30/6.",
        **extra,
    }


@pytest.fixture
def notify_now(eager_celery, django_capture_on_commit_callbacks):
    """Run what is queued once the request commits, here and now."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_an_editor_posts_a_letter_with_its_file_and_every_reader_reads_it(
    client, world, reporting_plan, editor, reporter_a
):
    client.force_login(editor)
    response = client.post(
        reverse("feed:post", args=[reporting_plan.pk]), post_data(world, files=[pdf(), pdf("phu-luc.docx.pdf")])
    )
    assert response.status_code == 302
    entry = Entry.objects.get(plan=reporting_plan)
    assert (entry.kind, entry.party, entry.number, entry.created_by) == (
        "letter",
        world.department,
        "125/SGDĐT-GDTX",
        editor,
    )
    assert [a.name for a in entry.attachments.all()] == ["cong-van-125.pdf", "phu-luc.docx.pdf"]
    stored = entry.attachments.first()
    assert stored.file.name.endswith(".pdf") and "cong-van" not in stored.file.name  # a generated name
    assert (stored.size, stored.content_type) == (len(PDF), "application/pdf")

    client.force_login(reporter_a)
    page = client.get(reverse("feed:entries", args=[reporting_plan.pk])).content.decode()
    assert "Hướng dẫn tổng kết năm học" in page and "125/SGDĐT-GDTX" in page
    assert "Kính gửi các đơn vị.<br>Đề nghị gửi báo cáo trước 30/6." in page
    assert reverse("feed:attachment", args=[reporting_plan.pk, stored.pk]) in page
    assert "Nguyễn Văn Biên" in page  # who posted it
    assert 'data-testid="feed-post"' not in page  # a unit reads, does not post


def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_saved(client, world, reporting_plan, editor):
    client.force_login(editor)
    disguised = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = client.post(reverse("feed:post", args=[reporting_plan.pk]), post_data(world, files=[pdf(), disguised]))
    assert response.status_code == 200
    page = response.content.decode()
    # Beside the field, and in the summary at the top of the form that links to it.
    field = page.split('id="div_id_files"')[1].split("</details>")[0]
    assert 'aria-invalid="true"' in field
    assert "Hãy đính kèm tệp PDF, ảnh hoặc tài liệu Word, Excel, PowerPoint." in field.split('id="id_files_error"')[1]
    assert 'href="#id_files"' in page
    assert not Entry.objects.exists() and not EntryAttachment.objects.exists()
    # What was typed is still there, to send again with a good file.
    assert 'value="Hướng dẫn tổng kết năm học"' in page and "Đề nghị gửi báo cáo trước 30/6." in page
    assert 'value="125/SGDĐT-GDTX"' in page


def test_a_post_takes_five_files_of_20_mb_at_most(client, world, reporting_plan, editor):
    client.force_login(editor)
    response = client.post(
        reverse("feed:post", args=[reporting_plan.pk]), post_data(world, files=[pdf(f"{n}.pdf") for n in range(6)])
    )
    assert response.status_code == 200 and not Entry.objects.exists()
    assert 'href="#id_files"' in response.content.decode()
    big = [SimpleNamespace(size=8 * 1024 * 1024) for _ in range(3)]
    with pytest.raises(ValidationError):
        services.check_files(big)
    services.check_files(big[:2])


def test_a_post_needs_a_title(client, world, reporting_plan, editor):
    client.force_login(editor)
    response = client.post(reverse("feed:post", args=[reporting_plan.pk]), post_data(world, title="  "))
    assert response.status_code == 200 and not Entry.objects.exists()
    assert "error-summary" in response.content.decode()


def test_nobody_posts_as_a_party_they_are_not_staff_of(client, world, reporting_plan, editor, leader, reporter_a):
    client.force_login(editor)
    response = client.post(reverse("feed:post", args=[reporting_plan.pk]), post_data(world, party=world.association.pk))
    assert response.status_code == 200 and not Entry.objects.exists()  # not offered: a field error
    for user in (leader, reporter_a):
        client.force_login(user)
        assert client.post(reverse("feed:post", args=[reporting_plan.pk]), post_data(world)).status_code == 403
    # The service checks again, whatever calls it.
    with pytest.raises(PermissionDenied):
        services.entry_post(user=leader, plan=reporting_plan, party=world.department, kind="notice", title="x")
    with pytest.raises(ValidationError):
        services.entry_post(user=editor, plan=reporting_plan, party=world.department, kind="report_accepted", title="x")


def test_someone_of_both_parties_chooses_which_one_posts(client, world, reporting_plan):
    both = make_user("both", (world.department, Role.EDITOR), (world.association, Role.REVIEWER))
    client.force_login(both)
    page = client.get(reverse("feed:entries", args=[reporting_plan.pk])).content.decode()
    assert '<select name="party"' in page
    client.post(reverse("feed:post", args=[reporting_plan.pk]), post_data(world, party=world.association.pk))
    assert Entry.objects.get().party == world.association


def test_a_notice_notifies_every_reader_but_its_author(
    world, reporting_plan, editor, reviewer, leader, reporter_a, reporter_b, outsider, superuser, notify_now
):
    entry = notify_now(
        lambda: services.entry_post(
            user=editor, plan=reporting_plan, party=world.department, kind="notice", title="Họp sơ kết ngày 9/7"
        )
    )
    notified = Notification.objects.filter(link__endswith=f"/plans/{reporting_plan.pk}/feed/#entry-{entry.pk}")
    assert set(notified.values_list("user__username", flat=True)) == {"reviewer", "leader", "reporter_a", "reporter_b"}
    notification = notified.get(user=reporter_a)
    assert "Họp sơ kết ngày 9/7" in notification.title
    assert notification.link.startswith("http")  # opens from an e-mail too, as the reminders' do
    # A retried task notifies nobody twice.
    assert services.entry_notify(entry_id=entry.pk) == 0
    assert Notification.objects.count() == 4


def test_the_notification_opens_the_feed(client, world, reporting_plan, editor, reporter_a, notify_now):
    notify_now(
        lambda: services.entry_post(
            user=editor, plan=reporting_plan, party=world.department, kind="notice", title="Họp"
        )
    )
    notification = Notification.objects.get(user=reporter_a)
    client.force_login(reporter_a)
    response = client.post(reverse("tasks:notification_open", args=[notification.pk]))
    entry = Entry.objects.get()
    assert response["Location"] == reverse("feed:entries", args=[reporting_plan.pk]) + f"#entry-{entry.pk}"
    assert client.get(response["Location"]).status_code == 200


def test_readers_are_notified_in_a_few_queries_however_many(
    world, reporting_plan, editor, django_assert_max_num_queries, notify_now
):
    for n in range(30):
        make_user(f"unit_a_{n}", (world.unit_a, Role.REPORTER))
    entry = services.entry_post(user=editor, plan=reporting_plan, party=world.department, kind="notice", title="Họp")
    with django_assert_max_num_queries(6):
        assert services.entry_notify(entry_id=entry.pk) == 30


def test_with_the_broker_down_the_request_notifies_the_readers(
    world, reporting_plan, editor, reporter_a, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.notify_readers, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_post(user=editor, plan=reporting_plan, party=world.department, kind="notice", title="Họp")
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["reporter_a"]
