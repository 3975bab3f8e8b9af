"""What happens to a pupil list: drawn up, filled (in the browser or from a spreadsheet), sent,
agreed or returned. Each step checks who acts and on what, whatever page or command calls it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feed import events as feed_events
from khuyenhoc import figure_versions
from programmes.models import Area

from . import access
from .models import ListAccess, ListEntry, PupilList

Status = PupilList.Status


def list_create(*, user, pupil_list: PupilList) -> PupilList:
    if not access.drawing_organisations(user).filter(pk=pupil_list.drawn_by_id).exists():
        raise PermissionDenied
    pupil_list.created_by = user
    pupil_list.status = Status.DRAFT
    pupil_list.save()
    return pupil_list


# Who may act on a list in some status, by what the action needs: refused to one of them only
# because the list has moved on (sent, agreed or returned by someone else), they are told so.
PARTY_OF = {
    access.can_draw: access.is_drawer,
    access.can_decide: access.is_receiver,
    access.can_receive: access.is_receiver,
}


def _locked(user, pupil_list: PupilList, may) -> PupilList:
    """The list's row, locked for the change, once ``may(user, list)`` allows it. Two people at
    once take turns; the second finds the list as the first left it."""
    locked = PupilList.objects.select_for_update().get(pk=pupil_list.pk)
    if may(user, locked):
        return locked
    if PARTY_OF[may](user, locked):
        raise ValidationError(moved_message(locked))
    raise PermissionDenied


def moved_message(pupil_list: PupilList) -> str:
    return _("The list is now “%(status)s”: someone changed it meanwhile. Here it is as it stands.") % {
        "status": pupil_list.get_status_display()
    }


@transaction.atomic
def entries_replace(*, user, pupil_list: PupilList, rows) -> int:
    """The list's entries become ``rows`` (read from a spreadsheet, all valid): a corrected file
    uploaded again replaces the one before. How many entries the list now has."""
    pupil_list = _locked(user, pupil_list, access.can_draw)
    pupil_list.entries.all().delete()
    for order, row in enumerate(rows, start=1):
        ListEntry.objects.create(pupil_list=pupil_list, order=order, **_entry_fields(row))
    return len(rows)


def _entry_fields(row) -> dict:
    names = ("full_name", "birth_date", "school", "class_name", "commune", "reason", "evidence", "consent")
    fields = {name: getattr(row, name) for name in names}
    return {**fields, "consent_by": row.consent_by, "consent_on": row.consent_on, "proposed_by": row.proposer}


@transaction.atomic
def entry_save(*, user, entry: ListEntry) -> ListEntry:
    pupil_list = _locked(user, entry.pupil_list, access.can_draw)
    if not entry.pk:
        entry.order = (pupil_list.entries.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    entry.save()
    return entry


@transaction.atomic
def entry_delete(*, user, entry: ListEntry) -> None:
    _locked(user, entry.pupil_list, access.can_draw)
    entry.delete()


@transaction.atomic
def list_send(*, user, pupil_list: PupilList) -> PupilList:
    """Send the list to the receiving party: only with entries, each with its consent recorded
    (the 2025 personal data protection law)."""
    pupil_list = _locked(user, pupil_list, access.can_draw)
    entries = pupil_list.entries.all()
    if not entries.exists():
        raise ValidationError(_("The list has no entry yet."))
    missing = entries.filter(consent=False).count()
    if missing:
        raise ValidationError(
            _("Consent is not recorded for %(count)s pupil(s): record it before sending the list.") % {"count": missing}
        )
    pupil_list.status, pupil_list.sent_at, pupil_list.return_comment = Status.SENT, timezone.now(), ""
    pupil_list.save(update_fields=["status", "sent_at", "return_comment"])
    feed_events.list_sent(pupil_list)
    return pupil_list


@transaction.atomic
def list_agree(*, user, pupil_list: PupilList) -> PupilList:
    pupil_list = _locked(user, pupil_list, access.can_receive)
    pupil_list.status, pupil_list.reviewed_at = Status.AGREED, timezone.now()
    pupil_list.save(update_fields=["status", "reviewed_at"])
    return pupil_list


@transaction.atomic
def list_return(*, user, pupil_list: PupilList, comment: str) -> PupilList:
    if not comment.strip():
        raise ValidationError(_("Say what needs fixing."))
    pupil_list = _locked(user, pupil_list, access.can_receive)
    pupil_list.status, pupil_list.reviewed_at, pupil_list.return_comment = Status.RETURNED, timezone.now(), comment
    pupil_list.save(update_fields=["status", "reviewed_at", "return_comment"])
    return pupil_list


DECISION_FIELDS = ["decision", "amount", "in_kind", "source", "donor", "given_on", "occasion", "decision_note"]


@transaction.atomic
def entry_decide(*, user, entry: ListEntry) -> ListEntry:
    """Record what the receiving party decided for a pupil and gave (the form checked the
    values), with who and when; nothing else of the entry changes."""
    pupil_list = _locked(user, entry.pupil_list, access.can_decide)
    entry.decided_by, entry.decided_at = user, timezone.now()
    entry.save(update_fields=[*DECISION_FIELDS, "decided_by", "decided_at"])
    # The money lines of the period page and the dashboards count it (awards.figures).
    areas = Area.objects.filter(pk__in=[pupil_list.plan.area_id, pupil_list.drawn_by.area_id])
    figure_versions.bump_on_commit(areas.values_list("path", flat=True))
    return entry


def record_access(*, user, pupil_list: PupilList, action: str) -> None:
    """Someone read the list's names (its page or a download): who and when."""
    ListAccess.objects.create(user=user, pupil_list=pupil_list, action=action)
