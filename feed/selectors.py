"""Reads of the feeds that depend on who asks. The plan itself is always fetched through
``access.feeds_readable_by``: these take a plan the user reads."""

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.urls import Resolver404, resolve

from awards.access import lists_visible_to
from conferences.services import conferences_followed_by
from programmes.models import Organisation, Plan
from reports.selectors import periods_followed_by, reports_visible_to

from .models import Entry, EntryAttachment, FeedRead


def entries_of(plan: Plan, *, party: Organisation | None = None, kind: str = "") -> QuerySet[Entry]:
    """The plan's entries, newest first, with what a page of them shows (their party, author and
    attachments) in two queries whatever their number."""
    entries = Entry.objects.filter(plan=plan)
    if party is not None:
        entries = entries.filter(party=party)
    if kind:
        entries = entries.filter(kind=kind)
    attachments = EntryAttachment.objects.only("pk", "entry_id", "name", "size")
    return entries.select_related("party", "created_by").prefetch_related(Prefetch("attachments", attachments))


def parties_of(plan: Plan) -> QuerySet[Organisation]:
    """What the feed's party filter offers: the plan's parties, and any other organisation an entry
    names (a unit whose report was accepted)."""
    named = Entry.objects.filter(plan=plan, party__isnull=False).values("party_id")
    return (
        Organisation.objects.filter(Q(plan_parties__plan=plan) | Q(pk__in=named))
        .distinct()
        .order_by("area__path", "name")
    )


def unread_count(user, plan: Plan) -> int:
    """Entries of the plan that others added since ``user`` last opened its feed (all of them, if
    never)."""
    seen = FeedRead.objects.filter(user=user, plan=plan).values_list("seen_at", flat=True).first()
    entries = Entry.objects.filter(plan=plan).exclude(created_by=user)
    return (entries.filter(created_at__gt=seen) if seen else entries).count()


# The pages an entry may link to whose reading is narrower than the feed's, by URL name: who may
# open which of them (by the object named in the URL), in one query for a page of entries.
NARROWER = {
    "reports:report_detail": (reports_visible_to, "pk"),
    "reports:period_detail": (periods_followed_by, "period_pk"),
    "awards:list_detail": (lists_visible_to, "pk"),
    "conferences:detail": (conferences_followed_by, "pk"),
}


def openable_links(user, entries: Iterable[Entry]) -> set[int]:
    """The ids of ``entries`` whose link ``user`` may open: a unit reads the feed, and so that
    another unit's report was accepted, but not that report. At most one query per kind of page
    in ``NARROWER``; a link to any other page of the portal is shown to every reader."""
    wanted: dict[str, dict[int, list[int]]] = {}
    shown = set()
    for entry in entries:
        if not entry.link:
            continue
        try:
            match = resolve(entry.link.split("#", 1)[0].split("?", 1)[0])
        except Resolver404:
            continue
        if match.view_name in NARROWER:
            _readers, kwarg = NARROWER[match.view_name]
            wanted.setdefault(match.view_name, {}).setdefault(match.kwargs[kwarg], []).append(entry.pk)
        else:
            shown.add(entry.pk)
    for view_name, by_object in wanted.items():
        readers, _kwarg = NARROWER[view_name]
        readable = readers(user).filter(pk__in=list(by_object)).values_list("pk", flat=True)
        shown.update(entry_id for pk in readable for entry_id in by_object[pk])
    return shown
