"""Writes on a user's notifications and reminder preferences."""

from django.db import transaction
from django.utils import timezone

from .models import Kind, Notification, ReminderOptOut


def notifications_mark_read(*, user, notification: Notification | None = None) -> int:
    """Mark one notification, or all of the user's, as read."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user, wanted: list[str]) -> None:
    """Keep only the kinds in ``wanted``; turn the others off."""
    ReminderOptOut.objects.filter(user=user).delete()
    ReminderOptOut.objects.bulk_create(
        [ReminderOptOut(user=user, kind=kind) for kind in Kind.values if kind not in wanted]
    )
