"""Celery tasks: thin wrappers that take ids and call the services."""
from smtplib import SMTPException

from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from . import reminders


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=10,
    acks_late=True,
)
def send_reminder(reminder_id: int) -> str:
    """Send one recorded reminder; a mail server failure retries with backoff."""
    return reminders.reminder_send(reminder_id)


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
