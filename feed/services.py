"""Writes on the feeds: a post by a party, an event the portal records, the readers notified, a
feed marked seen, the weekly e-mail chosen. Each re-checks who may act, whatever page, task or
command calls it."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from programmes.models import Organisation, Plan
from programmes.validators import CONTENT_TYPES, display_name, evidence_type, stored_name
from tasks.models import Notification

from .access import posting_parties, readers_of
from .models import POSTED_KINDS, Entry, EntryAttachment, FeedRead, FeedSubscription

Kind = Entry.Kind
# The files one post takes: each at most evidence's 10 MB, together at most 20 MB, so that a post
# fits under the proxy's 25 MB (README: client_max_body_size).
MAX_FILES = 5
MAX_TOTAL = 20 * 1024 * 1024
# Notifications written per INSERT: a national plan's feed may have thousands of readers.
NOTIFY_BATCH = 1000
# Only these notify every reader of the feed; the others only the staff of the plan's parties.
EVERYONE_KINDS = frozenset({Kind.NOTICE, Kind.LETTER})
logger = logging.getLogger(__name__)


def entry_path(entry: Entry) -> str:
    """The entry in its plan's feed, inside the portal."""
    return f"{reverse('feed:entries', args=[entry.plan_id])}#entry-{entry.pk}"


def absolute(path: str) -> str:
    """A portal path as a link that works outside it (e-mails, notifications), as ``tasks`` builds them."""
    return settings.SITE_URL.rstrip("/") + path


def _line(text: str) -> str:
    return " ".join(str(text).split())[:255]


@transaction.atomic
def entry_post(
    *,
    user,
    plan: Plan,
    party: Organisation,
    kind: str,
    title: str,
    body: str = "",
    number: str = "",
    files=(),
) -> Entry:
    """Post a notice, an official letter or another message in ``plan``'s feed as ``party``, with
    its files.

    Only an editor, reviewer or administrator of that party of the plan posts
    (``access.posting_parties``). Each file is checked by its content and size as report evidence
    is (``programmes.validators.evidence_type``) and stored under a generated name; one bad file
    refuses the whole post. Once it commits, every reader of the feed but the author is notified
    (``entry_notify``)."""
    if party is None or party not in posting_parties(user, plan):
        raise PermissionDenied(
            _("Only the editors, reviewers and administrators of a party of the plan post in its feed.")
        )
    if kind not in POSTED_KINDS:
        raise ValidationError(_("Choose a notice, an official letter or another message."))
    if not _line(title):
        raise ValidationError(_("Give the entry a title."))
    files = list(files)
    check_files(files)
    checked = [(upload, evidence_type(upload)) for upload in files]  # all, before anything is saved
    entry = Entry.objects.create(
        plan=plan,
        party=party,
        kind=kind,
        title=_line(title),
        body=body.strip(),
        number=_line(number)[:60],
        created_by=user,
    )
    for upload, extension in checked:
        name, size = display_name(upload.name, extension), upload.size
        upload.name = stored_name(extension)
        EntryAttachment.objects.create(
            entry=entry, file=upload, name=name, size=size, content_type=CONTENT_TYPES[extension]
        )
    _notify_on_commit(entry.pk)
    return entry


def check_files(files: list) -> None:
    """How many files one post takes, and how large they are together (each is checked apart)."""
    if len(files) > MAX_FILES:
        raise ValidationError(_("Attach at most %(count)s files.") % {"count": MAX_FILES})
    if sum(upload.size for upload in files) > MAX_TOTAL:
        raise ValidationError(_("The files are larger than 20 MB together."))


def record(
    *,
    plan: Plan,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    party: Organisation | None = None,
    key: str | None = None,
) -> Entry | None:
    """Record in ``plan``'s feed something that happened: a report accepted, a pupil list sent, a
    review conference, a conclusion due. Nobody is its author.

    With ``key`` (one per event, e.g. ``report_accepted:12:5``) the event is recorded once: a
    second call with the same key, from a retry or a repeated hook, creates nothing and returns
    None. Call it inside the change's transaction: the entry goes with it. Once it commits, the
    staff of the plan's parties are notified (not the units: ``entry_notify``). ``link`` is a
    path of the portal (``reverse(...)``), shown to the readers who may open it."""
    fields = {
        "plan": plan,
        "kind": Kind(kind),
        "title": _line(title),
        "body": body.strip(),
        "link": link[:255],
        "party": party,
    }
    if key is None:
        entry = Entry.objects.create(**fields)
    else:
        entry, created = Entry.objects.get_or_create(key=key[:200], defaults=fields)
        if not created:
            return None
    _notify_on_commit(entry.pk)
    return entry


def _notify_on_commit(entry_id: int) -> None:
    # robust: a failure to notify is logged, never the answer to the change that committed.
    transaction.on_commit(lambda: _queue_notify(entry_id), robust=True)


def _queue_notify(entry_id: int) -> None:
    """A worker notifies the readers (in the request itself without a broker). With the broker
    down, the request does it: the entry is committed and its readers must hear of it."""
    from .tasks import notify_readers  # the task calls back into this module

    try:
        notify_readers.delay(entry_id)
    except OperationalError as error:
        logger.warning("Broker unavailable, feed readers notified in the request: %s", type(error).__name__)
        entry_notify(entry_id=entry_id)


@transaction.atomic
def entry_notify(*, entry_id: int) -> int:
    """Put the entry in the inbox of its readers, once; returns how many were notified.

    Notices and official letters go to everyone who reads the feed (the staff of the plan's
    parties and of the units that report on it); every other entry, the portal's automatic ones
    above all (a report accepted, a list sent), only to the staff of the plan's parties, so that a
    busy plan does not fill the inboxes of its hundred units. The author is not notified.

    Claimed by a conditional update: a retried or doubled task notifies nobody twice. A fixed
    number of queries: one for the readers, one INSERT per ``NOTIFY_BATCH`` of them."""
    claimed = Entry.objects.filter(pk=entry_id, notified_at__isnull=True).update(notified_at=timezone.now())
    if not claimed:
        return 0
    entry = Entry.objects.select_related("plan", "party").get(pk=entry_id)
    readers = readers_of(entry.plan, parties_only=entry.kind not in EVERYONE_KINDS)
    if entry.created_by_id:
        readers = readers.exclude(user_id=entry.created_by_id)
    with translation.override(settings.LANGUAGE_CODE):
        # An automatic entry's title says what happened; a post's is the author's, said what it is.
        title = entry.title if entry.is_automatic else f"{entry.get_kind_display()}: {entry.title}"
        lines = [str(entry.plan)]
        if entry.party:
            lines.append(str(entry.party))
    link = absolute(entry_path(entry))
    notifications = [
        Notification(user_id=user_id, title=_line(title), body="\n".join(lines), link=link) for user_id in readers
    ]
    Notification.objects.bulk_create(notifications, batch_size=NOTIFY_BATCH)
    return len(notifications)


def feed_seen(*, user, plan: Plan) -> datetime | None:
    """Record that ``user`` reads ``plan``'s feed now; returns when they had read it before (None:
    never), so that the page can mark what is new to them."""
    now = timezone.now()
    read = FeedRead.objects.filter(user=user, plan=plan).only("seen_at").first()
    if read is not None:
        FeedRead.objects.filter(pk=read.pk).update(seen_at=now)
        return read.seen_at
    try:
        with transaction.atomic():
            FeedRead.objects.create(user=user, plan=plan, seen_at=now)
    except IntegrityError:  # the same feed opened twice at once
        pass
    return None


def subscription_save(*, user, weekly_digest: bool) -> FeedSubscription:
    """Whether ``user`` gets the weekly e-mail of the feeds they read."""
    subscription, _created = FeedSubscription.objects.update_or_create(
        user=user, defaults={"weekly_digest": weekly_digest}
    )
    return subscription
