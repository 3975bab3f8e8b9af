"""One e-mail per person and kind in a sweep: a person with reminders on two plans gets one
e-mail that lists both, while each reminder keeps its own row, notification and link."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from celery.exceptions import Retry
from django.core.management import call_command
from django.urls import reverse

from conftest import make_commitment, make_plan
from reports.models import ReportingPeriod
from reports.services.periods import plan_open_reporting
from tasks import reminders, sending
from tasks.models import Notification, Reminder
from tasks.tasks import send_reminders_batch
from tasks.tests.test_reminders import FlakySMTP

DUE = date(2026, 6, 19)  # the default due date of the first half of 2026, on both plans
LATE_7 = DUE + timedelta(days=7)
LATE_10 = DUE + timedelta(days=10)  # the province's digest of late units


@pytest.fixture
def two_plans(world, reporting_plan, reporter_a, reporter_b, reviewer, leader, editor):
    """A second plan in force in province P, between the same parties, on which the same units report."""
    second = make_plan(
        world.province,
        world.department,
        world.association,
        number="25/KH-SGDĐT-HKH",
        title="Kế hoạch phối hợp năm 2026",
        status="in_force",
        start_year=2026,
        end_year=2026,
    )
    make_commitment(second, "1", "Xây dựng mô hình học tập")
    plan_open_reporting(user=None, plan=second)
    return reporting_plan, second


@pytest.fixture
def run(django_capture_on_commit_callbacks, eager_celery):
    """Sweep ``day`` as the periodic task does: the groups it queues run once the sweep commits
    (in the test's process, as without REDIS_URL)."""

    def sweep(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.reminders_sweep(today=day, enqueue=True).created

    return sweep


def mails_to(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email]]


def test_a_reviewer_of_two_plans_gets_one_digest_naming_both_plans_late_units(
    world, two_plans, reviewer, run, mailoutbox, client
):
    first, second = two_plans
    run(LATE_7)
    [copy] = mails_to(mailoutbox, reviewer)  # the two plans' copies of the last overdue step: one digest too
    assert copy.subject == "2 nhắc việc: Tổng hợp đơn vị chậm báo cáo"
    mailoutbox.clear()

    run(LATE_10)
    [message] = mails_to(mailoutbox, reviewer)  # before: one digest per plan, in the same sweep
    assert message.subject == "2 nhắc việc: Tổng hợp đơn vị chậm báo cáo"
    body = message.body
    assert "Thư này gộp 2 nhắc việc cùng loại" in body
    for plan in (first, second):
        heading = next(line for line in body.splitlines() if f"({plan.number})" in line and "chưa gửi báo cáo" in line)
        part = body[body.index(heading) :]
        assert world.unit_a.name in part and world.unit_b.name in part
    period_pages = [
        reverse("reports:period_detail", args=[p.pk, ReportingPeriod.objects.get(plan=p, half="H1", year=2026).pk])
        for p in (first, second)
    ]
    html = message.alternatives[0][0]
    assert html.count("<h2") == 2 and all(page in html and page in body for page in period_pages)

    digests = Reminder.objects.filter(recipient=reviewer, kind="late_digest", step=-10)
    assert [r.status for r in digests] == ["sent", "sent"]
    notifications = Notification.objects.filter(user=reviewer, reminder__in=digests)
    assert sorted(urlsplit(n.link).path for n in notifications) == sorted(period_pages)
    client.force_login(reviewer)
    for notification in notifications:
        response = client.post(reverse("tasks:notification_open", args=[notification.pk]), follow=True)
        assert response.status_code == 200 and response.redirect_chain[-1][0] == urlsplit(notification.link).path


def test_a_reporter_of_a_unit_on_two_plans_gets_one_due_soon_e_mail(two_plans, reporter_a, run, mailoutbox):
    first, second = two_plans
    run(DUE - timedelta(days=3))
    [message] = mails_to(mailoutbox, reporter_a)
    assert message.subject == "2 nhắc việc: Sắp đến hạn báo cáo"
    assert (
        f"còn 3 ngày đến hạn ({first.number})" in message.body
        and f"còn 3 ngày đến hạn ({second.number})" in message.body
    )
    assert Notification.objects.filter(user=reporter_a).count() == 2
    assert len(mailoutbox) == 2  # reporter_a and reporter_b, one each


def test_a_second_sweep_and_second_tasks_send_nothing_more(two_plans, reviewer, run, mailoutbox):
    created = run(LATE_10)
    count = len(mailoutbox)
    assert count and len(created) > count  # grouped: fewer e-mails than reminders
    assert run(LATE_10) == []
    for group in sending.by_person_and_kind(created, lambda r: r.recipient_id):
        assert set(send_reminders_batch.apply(args=[[r.pk for r in group]]).get()) <= {"sent", "skipped"}
    assert len(mailoutbox) == count
    assert Notification.objects.count() == len(created)


def test_two_workers_sending_the_same_group_send_it_once(two_plans, reporter_a, mailoutbox):
    created = reminders.reminders_sweep(today=DUE - timedelta(days=3), enqueue=False).created
    ids = [r.pk for r in created if r.recipient_id == reporter_a.pk]
    assert len(ids) == 2
    first = sending.reminders_send(reminder_ids=ids)
    second = sending.reminders_send(reminder_ids=ids)
    assert (first.emails, second.emails) == (1, 0)
    assert set(second.statuses.values()) == {"sent"}
    assert len(mails_to(mailoutbox, reporter_a)) == 1


def test_a_second_claim_gets_nothing_and_rows_claimed_elsewhere_are_left_out(two_plans, reporter_a, mailoutbox):
    created = reminders.reminders_sweep(today=DUE - timedelta(days=3), enqueue=False).created
    one, other = [r.pk for r in created if r.recipient_id == reporter_a.pk]
    assert sending._claim([one]) == [one]  # another worker holds this one
    assert sending._claim([one]) == []
    result = sending.reminders_send(reminder_ids=[one, other])
    assert result.statuses == {one: "sending", other: "sent"}
    [message] = mails_to(mailoutbox, reporter_a)
    assert message.subject == Reminder.objects.get(pk=other).subject  # a group of one: its own e-mail


def test_a_mail_failure_puts_the_group_back_and_a_retry_sends_one_e_mail(two_plans, reporter_a, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tasks.tests.test_reminders.FlakySMTP"
    FlakySMTP.failures = 1
    created = reminders.reminders_sweep(today=DUE - timedelta(days=3), enqueue=False).created
    ids = [r.pk for r in created if r.recipient_id == reporter_a.pk]
    with pytest.raises(Retry):
        send_reminders_batch.apply(args=[ids], throw=True)
    rows = Reminder.objects.filter(pk__in=ids)
    assert {(r.status, r.attempts) for r in rows} == {("pending", 1)} and all(
        "unexpectedly" in r.last_error for r in rows
    )
    assert send_reminders_batch.apply(args=[ids]).get() == ["sent", "sent"]  # what Celery runs after the countdown
    [message] = mailoutbox
    assert message.subject == "2 nhắc việc: Sắp đến hạn báo cáo"


def test_send_reminders_says_how_many_e_mails_go_to_how_many_people(two_plans, capsys, mailoutbox):
    call_command("send_reminders", "--today", "2026-06-16", "--dry-run")
    out = capsys.readouterr().out
    assert "4 reminders would be sent (0 already sent): 2 e-mails to 2 people." in out
    assert "would send  due_soon    to reporter_a <reporter_a@example.vn>: 2 nhắc việc: Sắp đến hạn báo cáo" in out
    call_command("send_reminders", "--today", "2026-06-16")
    assert "Reminders: 4 sent; 2 e-mails to 2 people." in capsys.readouterr().out
    assert len(mailoutbox) == 2
