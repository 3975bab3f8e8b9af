"""Sending recorded reminders: one e-mail per person and kind, each reminder sent once.

A reminder row stays one per plan and period (the exactly-once record, and one
in-app notification with its own link), but a person gets one e-mail per kind
that lists every reminder of that kind queued together: a reviewer of a
province with two plans in force gets one digest of late units, not two.

A task sends a batch of such e-mails (many people) over one connection to the
mail server, in a few queries for the batch and one per e-mail. A worker
claims the rows it sends (pending → sending) in a short transaction, skipping
rows another worker holds, so two workers or a retried task never send the
same reminder twice; each e-mail's rows are marked sent as soon as the server
took it; a failure of the mail server puts the rows not yet sent back to
pending and re-raises, so that Celery retries with backoff; a claim left by a
crashed worker is released by the next sweep. A permanent failure (a refused
address, a header that cannot be sent) marks that e-mail's rows failed with
the reason, for the administrators, and the batch goes on; so do
``MAX_ATTEMPTS`` failures.

Every e-mail's Message-ID is recorded on its rows before the first SMTP
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
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Case, F, Value, When
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
    per recipient and kind, over one connection to the mail server, then mark each row sent
    (or skipped: turned off, no address; or failed: refused for good).

    A few queries for the whole batch, and one per e-mail: the row says "sent" as soon as
    the server took its message. Raises the mail server's error after putting the rows not
    yet sent back to pending, so that the task retries them with backoff.
    """
    claimed = _claim(reminder_ids)
    result = SendResult()
    rows = Reminder.objects.filter(pk__in=claimed).select_related("recipient").order_by("pk")
    groups = by_person_and_kind(rows, lambda r: r.recipient_id)
    unfinished = list(groups)
    try:
        to_mail = _notify(groups)
        unfinished = list(to_mail)
        if to_mail:
            ids = _message_ids(to_mail)
            with get_connection() as connection:
                for group in to_mail:
                    result.emails += _send_group(connection, group, ids[group[0].pk])
                    unfinished.remove(group)
    except Exception as error:
        if _give_back([r.pk for group in unfinished for r in group], error):
            raise
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


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:255]


def _give_back(ids: list[int], error: Exception) -> bool:
    """After a failure of the mail server: rows that may still go back to pending, the others
    (a permanent failure, or ``MAX_ATTEMPTS`` tries) are marked failed. Returns whether any went
    back, that is whether the task should retry."""
    rows = Reminder.objects.filter(pk__in=ids, status=Reminder.Status.SENDING)
    if is_permanent(error):
        rows.update(status=Reminder.Status.FAILED, last_error=_reason(error))
        logger.warning("Reminders %s failed for good: %s", sorted(ids), type(error).__name__)
        return False
    exhausted = rows.filter(attempts__gte=MAX_ATTEMPTS).update(status=Reminder.Status.FAILED, last_error=_reason(error))
    if exhausted:
        logger.warning("%s reminders failed after %s attempts: %s", exhausted, MAX_ATTEMPTS, type(error).__name__)
    return bool(rows.update(status=Reminder.Status.PENDING, last_error=_reason(error)))


@transaction.atomic
def _claim(reminder_ids: list[int]) -> list[int]:
    """Mark the pending rows among ``reminder_ids`` as being sent by this worker; return their ids.
    Rows another worker has locked are skipped, not waited for; the UPDATE is conditional on
    "pending" and its claim time marks this worker's rows, which keeps the claim exclusive on
    databases without row locks too. Three queries, whatever the batch's size."""
    locked = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(pk__in=reminder_ids, status=Reminder.Status.PENDING)
        .values_list("pk", flat=True)
    )
    if not locked:
        return []
    now = timezone.now()
    Reminder.objects.filter(pk__in=locked, status=Reminder.Status.PENDING).update(
        status=Reminder.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    mine = Reminder.objects.filter(pk__in=locked, status=Reminder.Status.SENDING, claimed_at=now)
    return sorted(mine.values_list("pk", flat=True))


def _notify(groups: list[list[Reminder]]) -> list[list[Reminder]]:
    """Put each reminder in its recipient's inbox, skip the groups nobody should e-mail (turned
    off: no notification either; no address), and return the groups to e-mail. Four queries."""
    users = {group[0].recipient_id for group in groups}
    turned_off = set(ReminderOptOut.objects.filter(user__in=users).values_list("user_id", "kind"))
    off = [g for g in groups if (g[0].recipient_id, g[0].kind) in turned_off]
    wanted = [g for g in groups if (g[0].recipient_id, g[0].kind) not in turned_off]
    # A retried batch finds the notifications of its first try.
    rows = [r for group in wanted for r in group]
    notified = set(Notification.objects.filter(reminder__in=rows).values_list("reminder_id", flat=True))
    Notification.objects.bulk_create(
        [
            Notification(reminder=r, user_id=r.recipient_id, title=r.subject, body=r.body, link=r.link)
            for r in rows
            if r.pk not in notified
        ]
    )
    _finish([r for group in off for r in group], Reminder.Status.SKIPPED, "turned off by the user")
    _finish(
        [r for group in wanted if not group[0].recipient.email for r in group],
        Reminder.Status.SKIPPED,
        "no e-mail address",
    )
    return [group for group in wanted if group[0].recipient.email]


def _send_group(connection, group: list[Reminder], message_id: str) -> int:
    """E-mail one person about one kind over ``connection`` and mark the rows sent; a refusal
    for good (this address, this header) marks them failed and lets the batch go on.
    Returns the number of e-mails sent (0 or 1)."""
    try:
        connection.send_messages([_mail(group, message_id)])
    except Exception as error:
        if not is_permanent(error):
            raise
        _finish(group, Reminder.Status.FAILED, error=_reason(error))
        logger.warning("Reminders %s failed for good: %s", [r.pk for r in group], type(error).__name__)
        return 0
    _finish(group, Reminder.Status.SENT)
    return 1


def _message_ids(groups: list[list[Reminder]]) -> dict[int, str]:
    """The Message-ID of each group's e-mail (by its first row), recorded on its rows before the
    first attempt, in one query: a retry of the same rows sends the same message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    ids, new = {}, {}
    for group in groups:
        recorded = next((r.message_id for r in group if r.message_id), "")
        ids[group[0].pk] = recorded or make_msgid(idstring=f"reminder{group[0].pk}", domain=domain)
        new.update({r.pk: ids[group[0].pk] for r in group if r.message_id != ids[group[0].pk]})
    if new:
        Reminder.objects.filter(pk__in=list(new)).update(
            message_id=Case(*[When(pk=pk, then=Value(value)) for pk, value in new.items()], default=F("message_id"))
        )
    return ids


def _finish(rows: list[Reminder], status: str, because: str = "", error: str = "") -> None:
    if not rows:
        return
    changes = {
        "status": status,
        "skipped_because": because,
        "sent_at": timezone.now() if status == Reminder.Status.SENT else None,
    }
    if error:
        changes["last_error"] = error
    Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(**changes)


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
