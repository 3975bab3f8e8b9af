"""Sending recorded reminders: one e-mail per person and kind, each reminder sent once.

A reminder row stays one per plan and period (the exactly-once record, and one
in-app notification with its own link), but a person gets one e-mail per kind
that lists every reminder of that kind queued together: a reviewer of a
province with two plans in force gets one digest of late units, not two.

A worker claims the rows it sends (pending → sending) in a short transaction,
skipping rows another worker holds, so two workers or a retried task never
send the same reminder twice; a failure of the mail server puts the claimed
rows back to pending and re-raises, so that Celery retries with backoff; a
claim left by a crashed worker is released by the next sweep. A permanent
failure (a refused address, a header that cannot be sent) or ``MAX_ATTEMPTS``
failures mark the rows failed with the reason, for the administrators.

The e-mail's Message-ID is recorded on its rows before the first SMTP
transaction and reused by every retry: if a worker dies after the server took
the message but before the rows say "sent", the copy sent again is the same
message to mail servers and programs (the README states this one case).
"""
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import make_msgid
from smtplib import SMTPRecipientsRefused, SMTPResponseException
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .models import Kind, Notification, Reminder, ReminderOptOut

T = TypeVar("T")
MAX_ATTEMPTS = 10  # the task's own retries; after that a reminder is marked failed, not queued forever
logger = logging.getLogger(__name__)


@dataclass
class SendResult:
    statuses: dict[int, str] = field(default_factory=dict)  # each given id's status afterwards
    emails: int = 0  # e-mails this call sent


def by_person_and_kind(items: Iterable[T], person: Callable[[T], int]) -> list[list[T]]:
    """``items`` grouped by (person, kind), in their order: one group, one e-mail."""
    groups: dict[tuple[int, str], list[T]] = {}
    for item in items:
        groups.setdefault((person(item), item.kind), []).append(item)
    return list(groups.values())


def group_subject(kind: str, subjects: list[str]) -> str:
    """The e-mail's subject: the reminder's own for one, what the e-mail gathers for several."""
    if len(subjects) == 1:
        return subjects[0]
    return ngettext("%(count)s reminder: %(kind)s", "%(count)s reminders: %(kind)s", len(subjects)) % {
        "count": len(subjects),
        "kind": Kind(kind).label,
    }


def reminders_send(*, reminder_ids: list[int]) -> SendResult:
    """Send the pending reminders among ``reminder_ids`` that nobody else holds: one e-mail
    per recipient and kind, then mark each row sent (or skipped: turned off, no address).

    Raises the mail server's error after putting the rows not yet sent back to
    pending, so that the task retries them with backoff.
    """
    claimed = _claim(reminder_ids)
    result = SendResult()
    unfinished = set(claimed)
    try:
        rows = Reminder.objects.filter(pk__in=claimed).select_related("recipient").order_by("pk")
        for group in by_person_and_kind(rows, lambda r: r.recipient_id):
            result.emails += _send_group(group)
            unfinished -= {r.pk for r in group}
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:255]
        rows = Reminder.objects.filter(pk__in=unfinished, status=Reminder.Status.SENDING)
        if not (is_permanent(error) or rows.filter(attempts__gte=MAX_ATTEMPTS).exists()):
            rows.update(status=Reminder.Status.PENDING, last_error=reason)
            raise
        rows.update(status=Reminder.Status.FAILED, last_error=reason)
        logger.warning("Reminders %s failed for good: %s", sorted(unfinished), type(error).__name__)
    statuses = dict(Reminder.objects.filter(pk__in=reminder_ids).values_list("pk", "status"))
    result.statuses = {pk: statuses.get(pk, "missing") for pk in reminder_ids}
    return result


def reminder_send(reminder_id: int) -> str:
    """Send one reminder if nobody has (what tasks queued before e-mails were grouped ask);
    returns its status afterwards."""
    return reminders_send(reminder_ids=[reminder_id]).statuses[reminder_id]


def is_permanent(error: Exception) -> bool:
    """Whether sending again cannot help: a header Django refuses, or a 5xx answer of the server."""
    if isinstance(error, BadHeaderError):
        return True
    if isinstance(error, SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, SMTPResponseException) and error.smtp_code >= 500


@transaction.atomic
def _claim(reminder_ids: list[int]) -> list[int]:
    """Mark the pending rows among ``reminder_ids`` as being sent by this worker; return their ids.
    Rows another worker has locked are skipped, not waited for; the conditional UPDATE of
    each row keeps the claim exclusive on databases without row locks too."""
    pending = Reminder.objects.select_for_update(skip_locked=True).filter(pk__in=reminder_ids, status=Reminder.Status.PENDING)
    now = timezone.now()
    return [
        pk
        for pk in pending.order_by("pk").values_list("pk", flat=True)
        if Reminder.objects.filter(pk=pk, status=Reminder.Status.PENDING).update(
            status=Reminder.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    ]


def _send_group(group: list[Reminder]) -> int:
    """Notify and e-mail one person about one kind; return the number of e-mails sent (0 or 1)."""
    user, kind = group[0].recipient, group[0].kind
    if ReminderOptOut.objects.filter(user=user, kind=kind).exists():
        _finish(group, Reminder.Status.SKIPPED, "turned off by the user")
        return 0
    for reminder in group:
        Notification.objects.get_or_create(
            reminder=reminder, defaults={"user": user, "title": reminder.subject, "body": reminder.body, "link": reminder.link}
        )
    if not user.email:
        _finish(group, Reminder.Status.SKIPPED, "no e-mail address")
        return 0
    _mail(group, _message_id(group)).send()
    _finish(group, Reminder.Status.SENT)
    return 1


def _message_id(group: list[Reminder]) -> str:
    """The Message-ID of the group's e-mail, recorded on its rows before the first attempt:
    a retry of the same rows sends the same message."""
    recorded = next((r.message_id for r in group if r.message_id), "")
    if not recorded:
        domain = urlsplit(settings.SITE_URL).hostname or "localhost"
        recorded = make_msgid(idstring=f"reminder{group[0].pk}", domain=domain)
    Reminder.objects.filter(pk__in=[r.pk for r in group]).update(message_id=recorded)
    return recorded


def _finish(group: list[Reminder], status: str, because: str = "") -> None:
    Reminder.objects.filter(pk__in=[r.pk for r in group]).update(
        status=status, skipped_because=because, sent_at=timezone.now() if status == Reminder.Status.SENT else None
    )


def _item(reminder: Reminder) -> dict:
    lines = reminder.body.splitlines()
    return {
        "subject": reminder.subject,
        # A digest's units are its "- " lines: listed apart in the HTML.
        "lines": [line for line in lines if not line.startswith("- ")],
        "units": [line[2:] for line in lines if line.startswith("- ")],
        "link": reminder.link,
    }


def _mail(group: list[Reminder], message_id: str) -> EmailMultiAlternatives:
    user = group[0].recipient
    with translation.override(settings.LANGUAGE_CODE):
        subject = group_subject(group[0].kind, [r.subject for r in group])
        context = {
            "name": user.get_full_name() or user.get_username(),
            "subject": subject,
            "items": [_item(r) for r in group],
            "settings_link": settings.SITE_URL.rstrip("/") + reverse("tasks:preferences"),
        }
        text = render_to_string("emails/reminder.txt", context)
        html = render_to_string("emails/reminder.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email], headers={"Message-ID": message_id})
    message.attach_alternative(html, "text/html")
    return message
