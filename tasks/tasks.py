"""Celery tasks: thin wrappers that take ids and call the services."""

from importlib import import_module
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from . import reminders, sending

# A mail server failure retries with backoff.
RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 10,
}

# acks_late (acknowledged after the run, so a worker that dies mid-task has it redelivered) only on
# tasks that may run twice without harm; the others are acknowledged on receipt (at most once).


# Safe to run twice: the rows are claimed with a conditional UPDATE (pending -> sending), so a
# redelivered batch finds them sent or held and sends nothing again.
@shared_task(**RETRY, acks_late=True)
def send_reminders_batch(reminder_ids: list[int]) -> list[str]:
    """Send one person's recorded reminders of one kind as one e-mail; returns each one's status."""
    result = sending.reminders_send(reminder_ids=reminder_ids)
    return [result.statuses[pk] for pk in reminder_ids]


# Safe to run twice: the same claim as send_reminders_batch.
@shared_task(**RETRY, acks_late=True)
def send_reminder(reminder_id: int) -> str:
    """Send one recorded reminder (queued before e-mails were grouped by person and kind)."""
    return sending.reminder_send(reminder_id)


# Safe to run twice: a reminder is recorded once (its unique key), and queueing a pending reminder
# again is harmless because its send claims it.
@shared_task(acks_late=True)
def sweep_reminders() -> int:
    """Record today's reminders (dates in Asia/Ho_Chi_Minh) and queue them; returns how many are new."""
    return len(reminders.reminders_sweep(enqueue=True).created)


# Not idempotent: no row records the e-mail, so a redelivery would send a second reset link. Acknowledged
# on receipt instead: a worker that dies mid-send loses this one request, and the person asks again.
@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=5)
def send_password_reset(*, email: str, domain: str, use_https: bool, language: str) -> None:
    """Send the reset link if an active account has this address; the view never looks."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        with translation.override(language):
            form.save(domain_override=domain, use_https=use_https)


# Safe to run twice: deleting what has expired again deletes nothing more.
@shared_task(acks_late=True)
def clear_expired_sessions() -> None:
    """Delete the signed-in sessions that have expired: the database keeps them until told (Django's
    ``clearsessions``), and every web server shares that table."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
