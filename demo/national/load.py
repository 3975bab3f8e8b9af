"""Loading the national data set, one province per transaction."""

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from awards.models import ListEntry, PupilList
from conferences.models import Conclusion, Conference
from programmes.models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
from programmes.services.areas import NATION_CODE
from reports.models import (
    CommitmentProgress,
    IndicatorValue,
    ProgressReport,
    Proposal,
    ReportEvent,
    ReportingPeriod,
    ReportingSchedule,
    ReportingUnit,
)
from reports.services.periods import period_dates

from ..core import NATIONAL_ASSOCIATION
from .bulk import _given_times
from .plan_spec import PLAN_SUFFIX
from .province import _load_province
from .staff import national_staff_load

Level = Area.Level


def national_load(
    *,
    years: int = 10,
    progress: Callable[[str], None] = print,
    seed: int = 1,
    provinces: int | None = None,
    units_per_province: int | None = None,
) -> dict[str, int]:
    """Load the national data set; return how many rows of each model were created.

    ``provinces`` keeps the first provinces (by code) and ``units_per_province``
    the first communes of each (by code), for tests. Needs the current areas
    (``areas_load_current``).
    """
    if years < 1:
        raise ValueError("years must be at least 1")
    today = timezone.localdate()
    first, last = today.year - years + 1, today.year
    areas = list(Area.objects.filter(level=Level.PROVINCE, is_historical=False).order_by("path"))
    if provinces is not None:
        areas = areas[:provinces]
    if not areas:
        raise ValueError("No provinces: load the areas first (programmes.services.areas.areas_load_current).")
    communes = defaultdict(list)
    for commune in Area.objects.filter(parent__in=areas, level=Level.COMMUNE, is_historical=False).order_by("path"):
        communes[commune.parent_id].append(commune)
    national = Organisation.objects.filter(area__code=NATION_CODE, name=NATIONAL_ASSOCIATION).first()
    schedule = ReportingSchedule()
    halves = [(year, half) for year in range(first, last + 1) for half in ("H1", "H2")]
    dates = {(year, half): period_dates(schedule, year, half) for year, half in halves}

    counts = Counter()
    with _given_times():
        for index, province in enumerate(areas, start=1):
            started = time.monotonic()
            existing = Plan.objects.filter(area=province, number__endswith=PLAN_SUFFIX).first()
            if existing:
                progress(f"[{index}/{len(areas)}] {province.name}: skipped, plan {existing.number} exists")
                continue
            selected = communes[province.pk]
            if units_per_province is not None:
                selected = selected[:units_per_province]
            rng = random.Random(f"{seed}/{province.code}")
            with transaction.atomic():
                created = _load_province(province, selected, national, first, last, dates, today, rng)
            counts.update(created)
            progress(
                f"[{index}/{len(areas)}] {province.name}: {created['ReportingUnit']:,} units, "
                f"{created['ProgressReport']:,} reports, {created['CommitmentProgress']:,} progress, "
                f"{created['IndicatorValue']:,} values, {created['ReportEvent']:,} events "
                f"({time.monotonic() - started:.1f} s)"
            )
    national_staff_load()
    return {name: counts[name] for name in MODEL_NAMES}


MODEL_NAMES = [
    model.__name__
    for model in (
        Organisation,
        Plan,
        PlanParty,
        Section,
        Commitment,
        Indicator,
        ReportingPeriod,
        ReportingUnit,
        ProgressReport,
        CommitmentProgress,
        IndicatorValue,
        ReportEvent,
        Proposal,
        PupilList,
        ListEntry,
        Conference,
        Conclusion,
    )
]
