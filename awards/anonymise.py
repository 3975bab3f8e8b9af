"""Removing the pupils' names from a school year's lists once its awards are closed, keeping what
was given: the money lines, the reports and the dashboards count the same afterwards.

A school year's awards are closed when the year is over (after 31 August of its second calendar
year) and none of its lists still waits for the receiving party's answer. An administrator of a
province does it for the lists of the plans of their area; a list is anonymised once."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes import access as programme_access

from .models import ListEntry, PupilList

Role = programme_access.Role
# What identifies a pupil or their family, emptied; the school, the commune and what was given stay.
REMOVED = {
    "full_name": "",
    "birth_date": None,
    "class_name": "",
    "reason": "",
    "evidence": "",
    "consent_by": "",
    "decision_note": "",
    "identity": "",
}


@dataclass
class SchoolYear:
    year: int
    lists: int
    entries: int
    waiting: int  # lists sent and not yet answered
    closed: bool

    @property
    def label(self) -> str:
        return f"{self.year}-{self.year + 1}"


def may_anonymise(user) -> bool:
    return programme_access.is_unrestricted(user) or programme_access.has_role(user, Role.ADMIN)


def lists_of(user) -> QuerySet[PupilList]:
    """The lists the user may anonymise: of the plans of the areas they administer, not yet anonymised."""
    scope = programme_access.area_scope(user, field="plan__area", roles={Role.ADMIN})
    return PupilList.objects.filter(scope, anonymised_at__isnull=True)


def year_over(school_year: int, today: date) -> bool:
    return today > date(school_year + 1, 8, 31)


def school_years(user, today: date | None = None) -> list[SchoolYear]:
    """The school years that still have names, newest first, with what anonymising each would take."""
    today = today or timezone.localdate()
    rows = (
        lists_of(user)
        .values("school_year")
        .annotate(
            lists=Count("pk", distinct=True),
            entries=Count("entries", distinct=True),
            waiting=Count("pk", distinct=True, filter=Q(status=PupilList.Status.SENT)),
        )
        .order_by("-school_year")
    )
    return [
        SchoolYear(
            row["school_year"], row["lists"], row["entries"], row["waiting"], year_over(row["school_year"], today)
        )
        for row in rows
    ]


@transaction.atomic
def school_year_anonymise(*, user, school_year: int, today: date | None = None) -> int:
    """Remove the names of ``school_year``'s lists in the user's areas; how many pupils. Refused
    before the year is over, and while one of its lists waits for an answer."""
    if not may_anonymise(user):
        raise PermissionDenied
    today = today or timezone.localdate()
    if not year_over(school_year, today):
        raise ValidationError(
            _("The school year %(year)s is not over: its names can be removed from 01/09/%(next)s.")
            % {"year": f"{school_year}-{school_year + 1}", "next": school_year + 1}
        )
    lists = list(lists_of(user).select_for_update().filter(school_year=school_year))
    waiting = [pupil_list.title for pupil_list in lists if pupil_list.status == PupilList.Status.SENT]
    if waiting:
        raise ValidationError(
            ngettext(
                "%(count)s list of the year still waits for an answer: %(titles)s. Agree to it or return it first.",
                "%(count)s lists of the year still wait for an answer: %(titles)s. Agree to them or return them first.",
                len(waiting),
            )
            % {"count": len(waiting), "titles": "; ".join(waiting)}
        )
    pupils = ListEntry.objects.filter(pupil_list__in=lists).update(**REMOVED)
    PupilList.objects.filter(pk__in=[pupil_list.pk for pupil_list in lists]).update(
        anonymised_at=timezone.now(), anonymised_by=user
    )
    return pupils
