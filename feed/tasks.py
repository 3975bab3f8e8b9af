"""Celery tasks of the feeds: thin wrappers that take ids and call the services."""

from celery import shared_task

from tasks.tasks import RETRY

from . import digest, services


# Safe to run twice: the entry is claimed by a conditional update, so a redelivery notifies nobody.
@shared_task(acks_late=True)
def notify_readers(entry_id: int) -> int:
    """Put a new entry in its readers' inboxes; returns how many were notified."""
    return services.entry_notify(entry_id=entry_id)


# Safe to run twice: each person's week is recorded once, in the transaction that sends it.
@shared_task(**RETRY, acks_late=True)
def send_weekly_digests() -> int:
    """Monday's e-mail of the feeds, the week before, to everyone who asked; returns how many went."""
    return digest.digests_send().emails
