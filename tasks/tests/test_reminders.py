from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from programmes.models import Membership
from reports.models import ProgressReport
from reports.services import workflow
from tasks import reminders
from tasks.models import Kind, Notification, Reminder, ReminderOptOut, ReminderSettings
from tasks.tasks import send_reminder, sweep_reminders

DUE = date(2026, 6, 19)  # the default due date of the first half of 2026


def sent(day):
    """Sweep and send for ``day``; return {(kind, step, username)} sent by e-mail."""
    result = reminders.reminders_sweep(today=day, enqueue=False)
    for reminder in result.created:
        reminders.reminder_send(reminder.pk)
    return {
        (r.kind, r.step, r.recipient.username)
        for r in Reminder.objects.filter(pk__in=[r.pk for r in result.created], status="sent")
    }


@pytest.fixture
def units(world, reporting_plan, reporter_a, reporter_b, reviewer, leader, editor):
    """Everyone who can be reminded about province P's plan."""
    return reporting_plan


def test_reporters_are_reminded_14_and_3_days_before_the_due_date(units):
    assert sent(date(2026, 6, 4)) == set()  # 15 days before: nothing yet
    assert sent(date(2026, 6, 5)) == {("due_soon", 14, "reporter_a"), ("due_soon", 14, "reporter_b")}
    assert sent(date(2026, 6, 6)) == set()
    assert sent(date(2026, 6, 16)) == {("due_soon", 3, "reporter_a"), ("due_soon", 3, "reporter_b")}
    assert sent(DUE) == {("due_today", 0, "reporter_a"), ("due_today", 0, "reporter_b")}


def test_a_sweep_that_missed_days_catches_up_without_stale_reminders(units):
    assert sent(date(2026, 6, 17)) == {
        ("due_soon", 3, "reporter_a"),
        ("due_soon", 3, "reporter_b"),
    }  # the 14-day one is past


def test_a_unit_that_has_submitted_is_never_reminded(world, units, reporter_a, h1):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        report = workflow.report_start(user=reporter_a, plan=units, period=h1, organisation=world.unit_a)
        workflow.report_save(
            user=reporter_a,
            report=report,
            version=report.version,
            narrative={},
            progress=[workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(units, world.unit_a)],
            values={},
        )
        workflow.report_submit(user=reporter_a, report=ProgressReport.objects.get(pk=report.pk))
    assert sent(date(2026, 6, 16)) == {("due_soon", 3, "reporter_b")}


def test_overdue_reminders_the_second_copied_to_the_parent_association(units):
    assert sent(date(2026, 6, 20)) == {("overdue", -1, "reporter_a"), ("overdue", -1, "reporter_b")}
    assert sent(date(2026, 6, 26)) == {
        ("overdue", -7, "reporter_a"),
        ("overdue", -7, "reporter_b"),
        ("late_digest", -7, "reviewer"),  # the provincial association, parent of both communes: a digest
    }


def test_the_province_gets_a_digest_of_late_units_10_days_after(units, world):
    result = sent(date(2026, 6, 29))
    assert {(kind, user) for kind, _step, user in result if kind == "late_digest"} == {
        ("late_digest", "reviewer"),
        ("late_digest", "leader"),
    }
    digest = Reminder.objects.get(kind="late_digest", step=-10, recipient__username="reviewer")
    assert world.unit_a.name in digest.body and world.unit_b.name in digest.body


def test_staff_of_both_parties_are_reminded_of_the_review_conference(units, h1):
    result = sent(h1.conference_on.replace(day=h1.conference_on.day - 7))
    assert {user for kind, _step, user in result if kind == "conference"} == {"editor", "reviewer", "leader"}
    body = Reminder.objects.filter(kind="conference").first().body
    assert "0/4 đơn vị đã gửi báo cáo." in body


def test_editors_are_told_90_days_before_a_plan_ends(world, units):
    assert {(k, u) for k, _s, u in sent(date(2026, 10, 2)) if k == "plan_ending"} == {("plan_ending", "editor")}
    assert {(k, u) for k, _s, u in sent(date(2026, 10, 3)) if k == "plan_ending"} == set()  # once
    # The reminder names the parties to prepare the next plan with, not "the other party".
    body = Reminder.objects.get(kind="plan_ending").body
    assert f"{world.department.name}, {world.association.name}" in body


def test_a_unit_is_told_when_its_report_is_returned(world, units, reporter_a, reviewer, h1):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        report = workflow.report_start(user=reporter_a, plan=units, period=h1, organisation=world.unit_a)
        report = workflow.report_save(
            user=reporter_a,
            report=report,
            version=report.version,
            narrative={},
            progress=[workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(units, world.unit_a)],
            values={},
        )
        report = workflow.report_submit(user=reporter_a, report=report)
        workflow.report_return(user=reviewer, report=report, comment="Thiếu số liệu học bổng")
        result = sent(date(2026, 6, 1))
    assert ("returned", 0, "reporter_a") in result
    assert "Thiếu số liệu học bổng" in Reminder.objects.get(kind="returned").body


def test_lead_times_are_the_provinces_own(world, units):
    ReminderSettings.objects.create(area=world.province, due_days="7", overdue_days="2")
    assert sent(date(2026, 6, 5)) == set()
    assert sent(date(2026, 6, 12)) == {("due_soon", 7, "reporter_a"), ("due_soon", 7, "reporter_b")}
    assert sent(date(2026, 6, 21)) == {
        ("overdue", -2, "reporter_a"),
        ("overdue", -2, "reporter_b"),
        ("late_digest", -2, "reviewer"),
    }


def test_a_second_sweep_and_a_second_task_send_nothing_more(units, mailoutbox):
    first = reminders.reminders_sweep(today=date(2026, 6, 16), enqueue=False)
    again = reminders.reminders_sweep(today=date(2026, 6, 16), enqueue=False)
    assert len(first.created) == 2 and again.created == []
    reminder = first.created[0]
    assert send_reminder.apply(args=[reminder.pk]).get() == "sent"
    assert send_reminder.apply(args=[reminder.pk]).get() == "sent"
    assert len(mailoutbox) == 1


def test_the_e_mail_is_vietnamese_and_links_to_the_report(units, mailoutbox, settings):
    settings.SITE_URL = "https://khuyenhoc.example.gov.vn"
    sent(date(2026, 6, 16))
    message = next(m for m in mailoutbox if m.to == ["reporter_a@example.vn"])
    assert "Báo cáo 6 tháng đầu năm 2026 còn 3 ngày đến hạn" in message.subject
    assert "https://khuyenhoc.example.gov.vn/reports/mine/" in message.body
    html = message.alternatives[0][0]
    assert 'lang="vi"' in html and "19/06/2026" in html


class FlakySMTP(BaseEmailBackend):
    """A mail backend whose server drops the first ``failures`` connections."""

    failures = 1

    def send_messages(self, messages):
        if FlakySMTP.failures:
            FlakySMTP.failures -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        mail.outbox.extend(messages)
        return len(messages)


def test_a_mail_server_failure_is_retried_and_the_reminder_is_not_lost(units, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tasks.tests.test_reminders.FlakySMTP"
    FlakySMTP.failures = 1
    reminder = reminders.reminders_sweep(today=date(2026, 6, 16), enqueue=False).created[0]
    with pytest.raises(SMTPServerDisconnected):
        reminders.reminder_send(reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("pending", 1) and "unexpectedly" in reminder.last_error
    assert reminders.reminder_send(reminder.pk) == "sent"
    assert len(mailoutbox) == 1


def test_the_task_asks_celery_to_retry_with_backoff_and_the_retry_delivers(units, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tasks.tests.test_reminders.FlakySMTP"
    FlakySMTP.failures = 1
    reminder = reminders.reminders_sweep(today=date(2026, 6, 16), enqueue=False).created[0]
    with pytest.raises(Retry) as retry:
        send_reminder.apply(args=[reminder.pk], throw=True)
    assert 0 <= retry.value.when <= 30  # the first backoff step, with jitter
    reminder.refresh_from_db()
    assert reminder.status == "pending"
    assert send_reminder.apply(args=[reminder.pk]).get() == "sent"  # what Celery runs after the countdown
    assert len(mailoutbox) == 1


def test_a_user_without_e_mail_is_skipped_but_notified_in_the_portal(units, reporter_a, mailoutbox):
    reporter_a.email = ""
    reporter_a.save()
    sent(date(2026, 6, 16))
    reminder = Reminder.objects.get(recipient=reporter_a)
    assert (reminder.status, reminder.skipped_because) == ("skipped", "no e-mail address")
    assert Notification.objects.filter(user=reporter_a, read_at__isnull=True).count() == 1
    assert [m.to for m in mailoutbox] == [["reporter_b@example.vn"]]


def test_a_user_can_turn_a_kind_of_reminder_off(units, reporter_a, mailoutbox):
    ReminderOptOut.objects.create(user=reporter_a, kind=Kind.DUE_SOON)
    sent(date(2026, 6, 16))
    assert Reminder.objects.get(recipient=reporter_a).status == "skipped"
    assert not Notification.objects.filter(user=reporter_a).exists()
    assert sent(DUE) >= {("due_today", 0, "reporter_a")}  # other kinds still come


def test_a_claim_left_by_a_crashed_worker_is_released(units):
    reminder = reminders.reminders_sweep(today=date(2026, 6, 16), enqueue=False).created[0]
    Reminder.objects.filter(pk=reminder.pk).update(
        status="sending", claimed_at=timezone.now() - reminders.STALE_CLAIM * 2
    )
    assert reminders.reminder_send(reminder.pk) == "sending"  # claimed: another worker has it
    reminders.reminders_sweep(today=date(2026, 6, 16), enqueue=False)
    assert reminders.reminder_send(reminder.pk) == "sent"


def test_dates_are_vietnamese_dates(units):
    # 18:00 UTC on 15/06 is already 01:00 on 16/06 in Hà Nội: three days before the due date.
    with time_machine.travel(datetime(2026, 6, 15, 18, 0, tzinfo=dt_timezone.utc), tick=False):
        created = reminders.reminders_sweep(enqueue=False).created
    assert {r.step for r in created} == {3}


def test_the_periodic_task_sweeps_and_queues_after_commit(
    units, mailoutbox, django_capture_on_commit_callbacks, eager_celery
):
    with time_machine.travel(datetime(2026, 6, 16, 2, 0, tzinfo=dt_timezone.utc), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_reminders.apply().get() == 2
    assert len(mailoutbox) == 2  # eager here; a real worker in the integration test


def test_send_reminders_command_runs_once_per_day(units, capsys, mailoutbox):
    call_command("send_reminders", "--today", "2026-06-16", "--dry-run")
    assert "2 reminders would be sent" in capsys.readouterr().out
    assert Reminder.objects.count() == 0
    call_command("send_reminders", "--today", "2026-06-16")
    assert "2 sent" in capsys.readouterr().out
    call_command("send_reminders", "--today", "2026-06-16")
    assert "nothing new" in capsys.readouterr().out
    assert len(mailoutbox) == 2


def test_with_the_demo_data_the_right_people_are_reminded_once_before_an_h1_deadline(db, mailoutbox):
    from demo.core import demo_load
    from programmes.models import Plan
    from reports.models import ReportingPeriod

    demo_load()
    year = timezone.localdate().year
    period = ReportingPeriod.objects.get(plan__number="15/KH-SGDĐT-HKH", year=year, half="H1")
    day = period.due_on - timedelta(days=3)
    call_command("send_reminders", "--today", day.isoformat())
    reminded = {r.recipient.username for r in Reminder.objects.filter(status="sent", kind="due_soon")}
    owing = {
        m.user.username
        for m in Membership.objects.filter(
            role="reporter", organisation__reporting_for__plan=period.plan
        ).select_related("user")
        if not ProgressReport.objects.filter(
            period=period, organisation=m.organisation, status__in=["submitted", "accepted"]
        ).exists()
    }
    assert reminded == owing and reminded  # exactly the reporters of units that have not submitted
    assert Plan.objects.get(number="15/KH-SGDĐT-HKH").status == "in_force"
    count = len(mailoutbox)
    call_command("send_reminders", "--today", day.isoformat())
    assert len(mailoutbox) == count  # the second run sends nothing
