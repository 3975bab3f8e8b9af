"""One province: its organisations, plan, periods, reporting units and reports, its pupil lists
and its review conferences' conclusions."""

from collections import Counter

from django.utils import timezone

from programmes.models import Commitment, Membership, Organisation
from reports.models import ReportingPeriod, ReportingUnit

from ..reports import periods_by_role
from .bulk import _insert
from .lists import _conclusions, _pupil_lists
from .organisations import _organisations, _users
from .plan import _plan
from .profiles import ProvinceProfile, UnitProfile
from .report import Built, _build_report, _write
from .scenarios import CURRENT_CLOSING_MIX, CURRENT_RUNNING_MIX, ENDED_MIX, MISSING, RECENT_MIX, _scenario

Side = Organisation.Side
Party = Commitment.Party
Role = Membership.Role


def _load_province(province, communes, national, first, last, dates, today, rng) -> Counter:
    counts = Counter()
    department, association, commune_units = _organisations(province, communes, national, counts)
    profile = ProvinceProfile(
        missing=rng.uniform(0.02, 0.07),
        membership=rng.uniform(58, 76),
        families=rng.uniform(48, 68),
        fund=rng.uniform(12000, 24000),
        scholarships=rng.uniform(40e6, 160e6),
        pupils=rng.uniform(150, 600),
    )
    plan, commitments = _plan(province, department, association, first, last, profile, len(commune_units), rng, counts)

    periods = _insert(
        ReportingPeriod,
        [
            ReportingPeriod(plan=plan, year=year, half=half, **dates[year, half])
            for year in range(first, last + 1)
            for half in ("H1", "H2")
        ],
        counts,
    )
    if periods[0].pk is None:
        periods = list(plan.periods.order_by("starts_on"))
    organisations = [department, association, *commune_units]
    _insert(ReportingUnit, [ReportingUnit(plan=plan, organisation=o) for o in organisations], counts)

    users = _users(organisations)
    reviewer = users.get((association.pk, Role.REVIEWER))
    units = [
        UnitProfile(
            organisation=o,
            weak=rng.random() < 0.08,
            quality=rng.uniform(-0.12, 0.12),
            scale=(5.0 if o is association else 1.0) * rng.uniform(0.55, 1.6),
            offset=0.0 if o.area_id == province.pk else rng.uniform(-7, 6),
            fund=rng.uniform(0.8, 1.25),
            reporter_id=users.get((o.pk, Role.REPORTER)),
        )
        for o in organisations
    ]
    reported = {
        Side.EDUCATION: [c for c in commitments if c.party in (Party.JOINT, Party.DEPARTMENT)],
        Side.ASSOCIATION: [c for c in commitments if c.party in (Party.JOINT, Party.ASSOCIATION)],
    }

    built = Built()
    ended, recent, current = periods_by_role(periods, today)
    now = timezone.now()
    for step, period in enumerate(periods):
        if period.starts_on > today:
            continue
        if period in ended:
            mix = ENDED_MIX
        elif period is recent:
            mix = RECENT_MIX
        else:
            mix = CURRENT_RUNNING_MIX if today <= period.ends_on else CURRENT_CLOSING_MIX
        for unit in units:
            scenario = _scenario(mix, period in ended, unit, profile, rng)
            if scenario != MISSING:
                _build_report(
                    built,
                    plan,
                    period,
                    step,
                    len(periods),
                    unit,
                    scenario,
                    reported[unit.organisation.side],
                    profile,
                    first,
                    today,
                    now,
                    reviewer,
                    rng,
                )
    _write(built, counts)
    _pupil_lists(plan, periods, department, association, commune_units, today, rng, counts)
    _conclusions(plan, periods, department, association, today, rng, counts)
    return counts
