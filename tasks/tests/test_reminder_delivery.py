"""Delivery faults: permanent refusals fail with a reason, retries keep one Message-ID,
and only the return in force is reminded."""

from datetime import date
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from reports.services import workflow
from tasks import reminders, sending
from tasks.models import Kind, Reminder

from .test_reminders import FlakySMTP, sent


class RefusingSMTP(BaseEmailBackend):
    """A mail server that refuses every recipient for good (550)."""

    def send_messages(self, messages):
        raise SMTPRecipientsRefused({m.to[0]: (550, b"5.1.1 No such user") for m in messages})


@pytest.fixture
def units(world, reporting_plan, reporter_a, reporter_b, reviewer, leader, editor):
    return reporting_plan


def _reminder(user, subject="Báo cáo sắp đến hạn") -> Reminder:
    return Reminder.objects.create(
        key=f"test:{user.pk}:{subject[:20]}",
        kind=Kind.DUE_SOON,
        recipient=user,
        subject=subject,
        body="Hạn: 19/06/2026",
        link="/",
    )


def test_a_permanent_refusal_fails_with_its_reason_and_is_not_retried(reporter_a, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tasks.tests.test_reminder_delivery.RefusingSMTP"
    reminder = _reminder(reporter_a)
    assert reminders.reminder_send(reminder.pk) == "failed"  # no exception: Celery does not retry
    reminder.refresh_from_db()
    assert reminder.status == "failed" and "550" in reminder.last_error
    reminders.reminders_sweep(today=date(2026, 1, 10), enqueue=False)
    assert reminders.reminder_send(reminder.pk) == "failed"  # a later sweep does not queue it again
    assert Reminder.objects.get(pk=reminder.pk).attempts == 1


def test_a_header_that_cannot_be_sent_fails_for_good(reporter_a, mailoutbox):
    reminder = _reminder(reporter_a, subject="Kế hoạch\nphối hợp")  # recorded before subjects were cleaned
    assert reminders.reminder_send(reminder.pk) == "failed"
    assert "BadHeaderError" in Reminder.objects.get(pk=reminder.pk).last_error
    assert mailoutbox == []


def test_a_plan_title_with_a_line_break_still_gets_its_reminders_sent(units, mailoutbox):
    units.number, units.title = "", "Kế hoạch phối hợp\ngiai đoạn 2026"  # a plan without a number is named by its title
    units.save()
    assert ("due_soon", 14, "reporter_a") in sent(date(2026, 6, 10))
    assert all("\n" not in m.subject for m in mailoutbox)


def test_after_too_many_failures_a_reminder_is_marked_failed_not_queued_forever(reporter_a, settings):
    settings.EMAIL_BACKEND = "tasks.tests.test_reminders.FlakySMTP"
    FlakySMTP.failures = sending.MAX_ATTEMPTS
    reminder = _reminder(reporter_a)
    for _attempt in range(sending.MAX_ATTEMPTS - 1):
        with pytest.raises(SMTPServerDisconnected):
            reminders.reminder_send(reminder.pk)
    assert reminders.reminder_send(reminder.pk) == "failed"
    assert Reminder.objects.get(pk=reminder.pk).attempts == sending.MAX_ATTEMPTS


def test_a_retry_sends_the_same_message_id_recorded_before_the_first_attempt(reporter_a, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tasks.tests.test_reminders.FlakySMTP"
    FlakySMTP.failures = 1
    reminder = _reminder(reporter_a)
    with pytest.raises(SMTPServerDisconnected):
        reminders.reminder_send(reminder.pk)
    recorded = Reminder.objects.get(pk=reminder.pk).message_id
    assert recorded.startswith("<") and "reminder" in recorded
    assert reminders.reminder_send(reminder.pk) == "sent"
    assert mail.outbox[0].message()["Message-ID"] == recorded == Reminder.objects.get(pk=reminder.pk).message_id


def test_only_the_return_in_force_is_reminded(world, units, reporter_a, reviewer, h1):
    progress = [workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(units, world.unit_a)]
    with time_machine.travel(date(2026, 6, 1), tick=False):
        report = workflow.report_start(user=reporter_a, plan=units, period=h1, organisation=world.unit_a)
        report = workflow.report_save(
            user=reporter_a, report=report, version=report.version, narrative={}, progress=progress, values={}
        )
        report = workflow.report_submit(user=reporter_a, report=report)
        report = workflow.report_return(user=reviewer, report=report, comment="Thiếu số liệu học bổng")
        report = workflow.report_submit(user=reporter_a, report=report)
        workflow.report_return(user=reviewer, report=report, comment="Thiếu biên bản hội nghị")
        reminders.reminders_sweep(today=date(2026, 6, 1), enqueue=False)
    returned = Reminder.objects.filter(kind="returned", recipient=reporter_a)
    assert returned.count() == 1
    assert "Thiếu biên bản hội nghị" in returned.get().body
