"""A province's published figures: the plans in force of the province, and for each half-year
that has begun the share of units that reported, the indicators against their targets and the
three money lines. Aggregates only: no name of a person or a pupil is read here, and a count of
people below the province's threshold is withheld (``None``, with ``suppressed``).

One dictionary, the same for the page, the JSON and the CSV; its shape is documented in
README.md ("Public pages") and kept stable (``SHAPE``). Cached per province, threshold, day and
version of the province's figures (``khuyenhoc.figure_versions``), so a reader costs a cache read.
"""

import hashlib
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone

from awards import figures as awards_figures
from khuyenhoc import figure_versions
from programmes import party_roles
from programmes.models import Area, Indicator, Plan
from reports.models import half_year_label
from reports.period_totals import for_page

from .models import Publication

SHAPE = 1
TIMEOUT = 60 * 60
PEOPLE = (Indicator.Unit.PEOPLE, Indicator.Unit.PUPILS, Indicator.Unit.TIMES)


def published_provinces():
    return Area.objects.filter(publication__published=True, level=Area.Level.PROVINCE).order_by("name")


def publication_of(code: str) -> Publication | None:
    return Publication.objects.filter(area__code=code, published=True).select_related("area").first()


def province_figures(publication: Publication) -> dict:
    """The figures of the province, from the cache while they hold."""
    area = publication.area
    today = timezone.localdate()
    stamp = figure_versions.stamp([area.path])
    if stamp is None:
        return _figures(publication, today)
    digest = hashlib.sha256(f"{SHAPE}:{area.pk}:{publication.threshold}:{today}:{stamp}".encode()).hexdigest()[:32]
    key = f"public:{digest}"
    found = figure_versions.guarded(lambda: cache.get(key))
    if found is None:
        found = _figures(publication, today)
        figure_versions.guarded(lambda: cache.set(key, found, timeout=TIMEOUT))
    return found


def _figures(publication: Publication, today) -> dict:
    area, threshold = publication.area, publication.threshold
    plans = (
        Plan.objects.filter(area=area, status=Plan.Status.IN_FORCE)
        .prefetch_related("parties__organisation")
        .order_by("-start_year", "number")
    )
    below = Plan.objects.filter(area__path__startswith=area.path, status=Plan.Status.IN_FORCE).exclude(area=area)
    return {
        "shape": SHAPE,
        "province": {"code": area.code, "name": area.name},
        "generated_on": today.isoformat(),
        "threshold": threshold,
        "plans_below": below.count(),
        "plans": [_plan(plan, today, threshold) for plan in plans],
    }


def _plan(plan: Plan, today, threshold: int) -> dict:
    periods = plan.periods.filter(starts_on__lte=today).select_related("plan__area").order_by("-starts_on")
    return {
        "id": plan.pk,
        "number": plan.number,
        "title": plan.title,
        "kind": plan.get_kind_display(),
        "parties": [o.name for o in party_roles.parties_of(plan)],
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "half_years": [_half_year(period, threshold) for period in periods],
    }


def _half_year(period, threshold: int) -> dict:
    totals = for_page(period)
    given = awards_figures.given(period.starts_on, period.ends_on, plan=period.plan_id)
    lines, _sources = awards_figures.summary(given)
    return {
        "year": period.year,
        "half": period.half,
        "label": half_year_label(period.year, period.half),
        "units_expected": totals.expected,
        "units_reported": totals.received,
        "share_reported": _share(totals.received, totals.expected),
        "indicators": [_indicator(total, threshold) for total in totals.totals],
        "money": [_money(line, threshold) for line in lines],
    }


def _indicator(total, threshold: int) -> dict:
    indicator = total.indicator
    value = total.value
    hidden = indicator.unit in PEOPLE and value is not None and 0 < value < threshold
    return {
        "name": indicator.name,
        "unit": str(indicator.get_unit_display()),
        "direction": indicator.direction,
        "target": _number(indicator.target_value),
        "value": None if hidden else _number(value),
        "share_of_target": None if hidden or total.progress is None else round(total.progress, 1),
        "suppressed": hidden,
    }


def _money(line, threshold: int) -> dict:
    hidden = 0 < line.pupils < threshold
    return {
        "kind": line.key,
        "label": str(line.label),
        "pupils": None if hidden else line.pupils,
        "amount": None if hidden else line.amount,
        "suppressed": hidden,
    }


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _number(value) -> float | int | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


CSV_COLUMNS = [
    "province",
    "plan_number",
    "plan_title",
    "year",
    "half",
    "measure",
    "name",
    "unit",
    "target",
    "value",
    "suppressed",
]


def csv_rows(figures: dict):
    """The same figures, one row per measure: units reported, each indicator, each money line
    (pupils and đồng)."""
    province = figures["province"]["code"]
    for plan in figures["plans"]:
        head = [province, plan["number"], plan["title"]]
        for half in plan["half_years"]:
            when = [half["year"], half["half"]]
            yield [*head, *when, "units_reported", "", "units", half["units_expected"], half["units_reported"], False]
            for item in half["indicators"]:
                yield [
                    *head,
                    *when,
                    "indicator",
                    item["name"],
                    item["unit"],
                    item["target"],
                    item["value"],
                    item["suppressed"],
                ]
            for line in half["money"]:
                yield [*head, *when, "pupils", line["kind"], "pupils", "", line["pupils"], line["suppressed"]]
                yield [*head, *when, "amount", line["kind"], "vnd", "", line["amount"], line["suppressed"]]
