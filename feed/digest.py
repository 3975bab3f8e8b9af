"""The weekly e-mail of the feeds: on Monday morning, each person who asked for it
(``FeedSubscription``) gets one e-mail with the entries of the week before (Monday to Sunday,
Asia/Ho_Chi_Minh) of the feeds they read, grouped by plan. A week without any entry sends nothing.

Each person's week is recorded once (``FeedDigest``, unique per person and week) in the same
transaction as the e-mail is handed to the mail server: a second run in the week, a second beat
or a retried task sends nothing again. A passing mail failure rolls the record back and raises,
so that the task retries; a refusal for good (this address) is recorded with its reason and the
others still get theirs."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import ngettext

from programmes import access
from programmes.models import User
from tasks.sending import is_permanent

from .access import feeds_readable_by
from .models import Entry, FeedDigest
from .services import absolute, entry_path

# The entries one e-mail lists; beyond them it says how many more the feeds hold.
MAX_ENTRIES = 100
logger = logging.getLogger(__name__)


@dataclass
class DigestRun:
    week: date
    emails: int = 0
    empty: int = 0
    failed: int = 0


def digest_week(today: date) -> date:
    """The Monday of the week before ``today``'s: the week its digest covers."""
    return today - timedelta(days=today.weekday() + 7)


def digests_send(*, today: date | None = None) -> DigestRun:
    """Send the weekly digest of the week before ``today`` (by default the local date) to every
    person who asked for it and has not had it; returns what was sent. A few queries, then two a
    person (the entries of the feeds they read, the record) besides the e-mail."""
    week = digest_week(today or timezone.localdate())
    start = timezone.make_aware(datetime.combine(week, time.min))
    end = start + timedelta(days=7)
    run = DigestRun(week=week)
    done = FeedDigest.objects.filter(week=week).values("user_id")
    people = list(
        User.objects.filter(feed_subscription__weekly_digest=True, is_active=True)
        .exclude(email="")
        .exclude(pk__in=done)
        .order_by("pk")
    )
    access.prefetch_scopes(people, roles=access.ALL_ROLES)  # their memberships, in two queries
    with get_connection() as connection:
        for user in people:
            _send(connection, user, run, start, end)
    return run


@transaction.atomic
def _send(connection, user, run: DigestRun, start: datetime, end: datetime) -> None:
    entries = (
        Entry.objects.filter(plan__in=feeds_readable_by(user), created_at__gte=start, created_at__lt=end)
        .select_related("plan", "party")
        .order_by("plan__title", "plan_id", "created_at", "pk")
    )
    shown = list(entries[: MAX_ENTRIES + 1])
    total = len(shown) if len(shown) <= MAX_ENTRIES else entries.count()
    try:
        with transaction.atomic():
            digest = FeedDigest.objects.create(user=user, week=run.week, entries=total)
    except IntegrityError:  # another run recorded this week meanwhile: it sends it
        return
    if not shown:
        run.empty += 1
        return
    try:
        connection.send_messages([_mail(user, run.week, shown[:MAX_ENTRIES], total)])
    except Exception as error:
        if not is_permanent(error):
            raise  # the record goes with the transaction: the retry sends it
        digest.error = f"{type(error).__name__}: {error}"[:255]
        digest.save(update_fields=["error"])
        run.failed += 1
        logger.warning("Feed digest for user %s failed for good: %s", user.pk, type(error).__name__)
        return
    digest.sent_at = timezone.now()
    digest.save(update_fields=["sent_at"])
    run.emails += 1


def _mail(user, week: date, entries: list[Entry], total: int) -> EmailMultiAlternatives:
    plans: dict[int, dict] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for entry in entries:
            plan = plans.setdefault(
                entry.plan_id,
                {
                    "title": str(entry.plan),
                    "link": absolute(reverse("feed:entries", args=[entry.plan_id])),
                    "entries": [],
                },
            )
            plan["entries"].append(
                {
                    "day": date_format(timezone.localtime(entry.created_at), "SHORT_DATE_FORMAT"),
                    "kind": entry.get_kind_display(),
                    "party": str(entry.party or ""),
                    "title": entry.title,
                    "number": entry.number,
                    # The feed, which the person reads: the entry's own page may be narrower.
                    "link": absolute(entry_path(entry)),
                }
            )
        first, last = (date_format(day, "SHORT_DATE_FORMAT") for day in (week, week + timedelta(days=6)))
        subject = ngettext(
            "The feeds of your plans, %(first)s to %(last)s: %(count)s entry",
            "The feeds of your plans, %(first)s to %(last)s: %(count)s entries",
            total,
        ) % {"first": first, "last": last, "count": total}
        context = {
            "name": user.get_full_name() or user.get_username(),
            "subject": subject,
            "plans": list(plans.values()),
            "more": total - len(entries),
            "settings_link": absolute(reverse("feed:settings")),
        }
        text = render_to_string("emails/feed_digest.txt", context)
        html = render_to_string("emails/feed_digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message
