"""Who reads and who handles a pupil list. Its entries are children's personal data: the staff
of the list's two parties read them, and the unit that proposed an entry reads that entry, and
nobody else, whatever else they may see (a superuser or a national leader included)."""

from django.db.models import Q, QuerySet

from programmes import access
from programmes.models import Organisation, PlanParty

from .models import ListEntry, PupilList

Role = access.Role
# Who draws up a list for their organisation: a commune association's reporter lists its pupils.
DRAW_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN, Role.REPORTER})
# Who agrees to or returns a list their organisation received.
RECEIVE_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})


def organisations_of(user, roles=None) -> list[int]:
    """The ids of the user's organisations, where the user holds one of ``roles`` (any, if None)."""
    return [m.organisation_id for m in access.memberships_of(user) if roles is None or m.role in roles]


def lists_visible_to(user) -> QuerySet[PupilList]:
    """The lists of the organisations the user belongs to: drawn up, or received once sent (a
    draft stays with the party that writes it)."""
    mine = organisations_of(user)
    received = Q(received_by__in=mine, sent_at__isnull=False)
    return PupilList.objects.filter(Q(drawn_by__in=mine) | received).select_related("plan", "drawn_by", "received_by")


def drawing_organisations(user) -> QuerySet[Organisation]:
    """The organisations the user may draw up a list for."""
    return Organisation.objects.filter(pk__in=organisations_of(user, DRAW_ROLES), is_active=True)


def receiving_organisations(user) -> QuerySet[Organisation]:
    """Where the user's lists may go: the parties of the plans the user reads, and the bodies
    above the user's own."""
    from programmes.selectors import plans_visible_to

    parties = PlanParty.objects.filter(plan__in=plans_visible_to(user)).values("organisation")
    parents = Organisation.objects.filter(pk__in=organisations_of(user, DRAW_ROLES)).values("parent")
    return Organisation.objects.filter(Q(pk__in=parties) | Q(pk__in=parents), is_active=True).order_by(
        "area__path", "name"
    )


def proposing_organisations(pupil_list: PupilList) -> QuerySet[Organisation]:
    """The units that may have proposed a list's pupils: those below the party drawing it up (its
    schools' or communes' bodies), in area order."""
    drawer = pupil_list.drawn_by
    return (
        Organisation.objects.filter(area__path__startswith=drawer.area.path, is_active=True)
        .exclude(pk=drawer.pk)
        .select_related("area")
        .order_by("area__path", "name")
    )


def entries_proposed_by(user) -> QuerySet[ListEntry]:
    """The entries the user's units proposed, on lists sent on (a draft is still the drawing
    party's work): the proposing unit reads its own pupils and what they were given, nothing else
    of the list."""
    return ListEntry.objects.filter(proposed_by__in=organisations_of(user), pupil_list__sent_at__isnull=False)


def is_drawer(user, pupil_list: PupilList) -> bool:
    """Whether the user draws up lists for the party that drew this one, whatever its status."""
    return pupil_list.drawn_by_id in organisations_of(user, DRAW_ROLES)


def is_receiver(user, pupil_list: PupilList) -> bool:
    """Whether the user answers lists for the party this one goes to, whatever its status."""
    return pupil_list.received_by_id in organisations_of(user, RECEIVE_ROLES)


def can_draw(user, pupil_list: PupilList) -> bool:
    """Whether the user may change the list and send it: of the party that draws it up, while it
    is a draft or returned."""
    return pupil_list.editable and is_drawer(user, pupil_list)


def can_decide(user, pupil_list: PupilList) -> bool:
    """Whether the user may record what was given to the list's pupils: of the party it was
    sent to, once sent (and after it is agreed), until its names are removed (its year closed)."""
    open_ = pupil_list.status in (PupilList.Status.SENT, PupilList.Status.AGREED) and not pupil_list.anonymised_at
    return open_ and is_receiver(user, pupil_list)


def can_receive(user, pupil_list: PupilList) -> bool:
    """Whether the user may agree to or return the list: of the party it was sent to."""
    return pupil_list.status == PupilList.Status.SENT and is_receiver(user, pupil_list)
