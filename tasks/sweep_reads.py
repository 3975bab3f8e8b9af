"""What the reminder sweep reads, in a number of queries that does not grow with the units.

At national scale a sweep covers thousands of late units: asking for each
unit's reporters, each parent association's staff or each recipient's scope
one at a time made a sweep of 9,000 reminders cost 2,900 queries. Here every
read is one query for all the periods, units or people of a step, kept for
the rest of the sweep.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from programmes import access
from programmes.models import Area, Membership, Organisation, PlanParty, User
from programmes.selectors import closest_for_area
from reports.models import ProgressReport, ReportingPeriod, ReportingUnit

from .models import ReminderSettings

OPEN = (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED)


@dataclass
class PeriodState:
    """Who owes what in a period: its units, their reports, the units not done yet, and the plan's parties."""

    period: ReportingPeriod
    units: list[Organisation]
    reports: dict[int, ProgressReport]
    late: list[Organisation]
    parties: list[Organisation] = field(default_factory=list)


def period_states(periods: Iterable[ReportingPeriod]) -> list[PeriodState]:
    """The state of each of ``periods``, in three queries whatever their number and size."""
    periods = list(periods)
    plan_ids = {period.plan_id for period in periods}
    units: dict[int, list[Organisation]] = defaultdict(list)
    for row in ReportingUnit.objects.filter(plan_id__in=plan_ids).select_related("organisation__area").order_by("pk"):
        units[row.plan_id].append(row.organisation)
    reports: dict[int, dict[int, ProgressReport]] = defaultdict(dict)
    for report in ProgressReport.objects.filter(period__in=periods).select_related("period"):
        reports[report.period_id][report.organisation_id] = report
    parties: dict[int, list[Organisation]] = defaultdict(list)
    for party in PlanParty.objects.filter(plan_id__in=plan_ids).select_related("organisation__area"):
        parties[party.plan_id].append(party.organisation)
    states = []
    for period in periods:
        found = reports[period.pk]
        late = [o for o in units[period.plan_id] if o.pk not in found or found[o.pk].status in OPEN]
        states.append(PeriodState(period, units[period.plan_id], found, late, parties[period.plan_id]))
    return states


class People:
    """The active members of organisations, read in one query per batch of organisations and kept
    for the sweep. One ``User`` object per person, so that their scope is read once too."""

    def __init__(self):
        self._members: dict[int, list[Membership]] = {}
        self._users: dict[int, User] = {}

    def load(self, organisation_ids: Iterable[int]) -> None:
        missing = set(organisation_ids) - set(self._members)
        if not missing:
            return
        for pk in missing:
            self._members[pk] = []
        rows = Membership.objects.filter(organisation_id__in=missing, user__is_active=True).select_related(
            "user", "organisation__area"
        )
        for membership in rows:
            membership.user = self._users.setdefault(membership.user_id, membership.user)
            self._members[membership.organisation_id].append(membership)

    def members(self, organisation_ids: Iterable[int], roles) -> list[Membership]:
        """The memberships with one of ``roles`` in the organisations, in the organisations' order."""
        organisation_ids = list(dict.fromkeys(organisation_ids))
        self.load(organisation_ids)
        return [m for pk in organisation_ids for m in self._members[pk] if m.role in roles]

    def people(self, organisation_ids: Iterable[int], roles) -> list[User]:
        """The active members of the organisations with one of ``roles``, each once."""
        return list({m.user_id: m.user for m in self.members(organisation_ids, roles)}.values())

    def prefetch_scopes(self, roles) -> None:
        """Read the scope of everyone loaded with one of ``roles`` (staff, whose links depend on it)."""
        staff = {m.user_id: m.user for members in self._members.values() for m in members if m.role in roles}
        access.prefetch_scopes(staff.values())


class SettingsBook:
    """Each area's reminder settings, read once per area in a sweep rather than once per period."""

    def __init__(self):
        self._found: dict[int, ReminderSettings] = {}

    def __call__(self, area: Area) -> ReminderSettings:
        if area.pk not in self._found:
            self._found[area.pk] = closest_for_area(ReminderSettings.objects.all(), area) or ReminderSettings()
        return self._found[area.pk]
