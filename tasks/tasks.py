"""Celery tasks: thin wrappers that take ids and call the services."""
from smtplib import SMTPException

from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from . import reminders, sending

# A mail server failure retries with backoff; the rows say what was sent, so acks_late is safe.
RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 10,
    "acks_late": True,
}


@shared_task(**RETRY)
def send_reminders_batch(reminder_ids: list[int]) -> list[str]:
    """Send one person's recorded reminders of one kind as one e-mail; returns each one's status."""
    result = sending.reminders_send(reminder_ids=reminder_ids)
    return [result.statuses[pk] for pk in reminder_ids]


@shared_task(**RETRY)
def send_reminder(reminder_id: int) -> str:
    """Send one recorded reminder (queued before e-mails were grouped by person and kind)."""
    return sending.reminder_send(reminder_id)


@shared_task(acks_late=True)
def sweep_reminders() -> int:
    """Record today's reminders (dates in Asia/Ho_Chi_Minh) and queue them; returns how many are new."""
    return len(reminders.reminders_sweep(enqueue=True).created)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=5, acks_late=True)
def send_password_reset(*, email: str, domain: str, use_https: bool, language: str) -> None:
    """Send the reset link if an active account has this address; the view never looks."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        with translation.override(language):
            form.save(domain_override=domain, use_https=use_https)
