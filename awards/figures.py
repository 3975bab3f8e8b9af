"""What the pupil lists gave, counted: the three money lines provinces report every half-year
(scholarships, support, awards: pupils and đồng), by area and by source, and the figures of a
unit's report that they fill in. Counts only: nothing here reads a pupil's name.

A pupil counts in the half-year of the day it was given something (``ListEntry.given_on``), for
the lists of a plan; a list's money goes to the area of the party that drew it up (a commune
association's hardship list to its commune, the Sở's prize list to its province)."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Sum

from khuyenhoc import figure_versions
from khuyenhoc.text import fold
from programmes.models import Area, Indicator
from reports.models import ReportingPeriod

from .models import ListEntry

Decision = ListEntry.Decision
# The three money lines, in the order provinces report them.
GIVEN = (Decision.SCHOLARSHIP, Decision.SUPPORT, Decision.AWARD)
# What an indicator's name says it counts, read without accents.
NAMED = {
    Decision.SCHOLARSHIP: re.compile(r"\bhoc bong\b"),
    Decision.SUPPORT: re.compile(r"\b(ho tro|qua tang|tang qua|tro cap)\b"),
    Decision.AWARD: re.compile(r"\b(khen thuong|tuyen duong|trao thuong|phan thuong|giai thuong|dat giai)\b"),
}
COUNTED_UNITS = (Indicator.Unit.PEOPLE, Indicator.Unit.PUPILS, Indicator.Unit.TIMES)
# The area of the party that drew a list up, which its money is counted under.
AREA_PATH, AREA_NAME = "pupil_list__drawn_by__area__path", "pupil_list__drawn_by__area__name"


@dataclass
class MoneyLine:
    key: str
    label: str
    pupils: int = 0
    amount: int = 0


@dataclass
class AreaMoney:
    area: str
    lines: list[MoneyLine]

    @property
    def pupils(self) -> int:
        return sum(line.pupils for line in self.lines)

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)


def given(starts_on: date, ends_on: date, **lists) -> QuerySet[ListEntry]:
    """What was given between the two days (an award, a scholarship or support, not "nothing"),
    on the lists that ``lists`` keeps (``plan=...``, ``plan__in=...``)."""
    return ListEntry.objects.filter(
        decision__in=GIVEN, given_on__range=(starts_on, ends_on), **{f"pupil_list__{k}": v for k, v in lists.items()}
    )


def given_in_half(year: int, half: str, **lists) -> QuerySet[ListEntry]:
    """What was given in the half-year ``(year, half)`` of each list's own plan: between the first
    and the last day of that plan's reporting period, as the plan's consolidated report, its
    units' reports and its public page count it (``given`` with the period's days). Across plans
    whose schedules differ, each entry counts in its own plan's half-year. The days of every plan's
    half-year bound the search first, so that the index on ``given_on`` reads that half-year alone."""
    halves = ReportingPeriod.objects.filter(year=year, half=half)
    periods = halves.filter(
        plan=OuterRef("pupil_list__plan"), starts_on__lte=OuterRef("given_on"), ends_on__gte=OuterRef("given_on")
    )
    return ListEntry.objects.filter(
        Exists(periods),
        decision__in=GIVEN,
        given_on__gte=Subquery(halves.order_by("starts_on").values("starts_on")[:1]),
        given_on__lte=Subquery(halves.order_by("-ends_on").values("ends_on")[:1]),
        **{f"pupil_list__{k}": v for k, v in lists.items()},
    )


def summary(entries: QuerySet[ListEntry]) -> tuple[list[MoneyLine], list[MoneyLine]]:
    """The three lines, each with its pupils and đồng (zero where nothing was given), and the
    sources the money came from, in their order (a source not recorded counts as "other"): in
    one query."""
    return _summary(_counted(entries, "decision", "source"))


def summary_by_area(entries: QuerySet[ListEntry], *, provinces: bool) -> tuple[list, list, list[AreaMoney]]:
    """``summary``, and the three lines for each area that drew up lists: by province
    (``provinces``), else by the drawing party's own area (a commune, or the province for its own
    lists), in area order. One query (and the provinces' names)."""
    rows = _counted(entries, "decision", "source", AREA_PATH, AREA_NAME)
    return (*_summary(rows), _by_area(rows, provinces=provinces))


def _counted(entries: QuerySet[ListEntry], *fields: str) -> list[dict]:
    """Pupils and đồng given, grouped by ``fields``."""
    return list(entries.values(*fields).annotate(pupils=Count("pk"), amount=Sum("amount")).order_by())


def _summary(rows: list[dict]) -> tuple[list[MoneyLine], list[MoneyLine]]:
    decisions: dict[str, dict] = {}
    sources: dict[str, dict] = {}
    for row in rows:
        _add(decisions.setdefault(row["decision"], {"pupils": 0, "amount": 0}), row)
        _add(sources.setdefault(row["source"] or ListEntry.Source.OTHER, {"pupils": 0, "amount": 0}), row)
    return (
        [_line(decision, decisions.get(decision)) for decision in GIVEN],
        [_line(value, sources[value], label) for value, label in ListEntry.Source.choices if value in sources],
    )


def _by_area(rows: list[dict], *, provinces: bool) -> list[AreaMoney]:
    areas: dict[str, tuple[str, dict]] = {}
    names = {}
    if provinces:
        paths = {figure_versions.province_of(row[AREA_PATH]) for row in rows}
        names = dict(Area.objects.filter(path__in=paths).values_list("path", "name"))
    for row in rows:
        path = figure_versions.province_of(row[AREA_PATH]) if provinces else row[AREA_PATH]
        name = names.get(path) or row[AREA_NAME]
        _name, found = areas.setdefault(path, (name, {}))
        _add(found.setdefault(row["decision"], {"pupils": 0, "amount": 0}), row)
    return [
        AreaMoney(name, [_line(decision, found.get(decision)) for decision in GIVEN])
        for _path, (name, found) in sorted(areas.items())
    ]


def decisions_named(name: str) -> set[str]:
    """The decisions an indicator's name counts: "Số suất học bổng, quà tặng" -> scholarships and support."""
    folded = fold(name)
    return {decision for decision, words in NAMED.items() if words.search(folded)}


def report_figures(report, commitments) -> dict[int, Decimal]:
    """What the lists the unit gave from (those sent to it) gave in the report's half-year, for
    the indicators of ``commitments`` that count pupils or đồng: an indicator counts the decisions
    its name says ("Số suất học bổng trao tặng": scholarships), from the lists serving its
    commitment and from those serving none; one whose name says none counts everything given on
    the lists of its commitment. An indicator nothing was given for is left out."""
    period = report.period
    entries = given(period.starts_on, period.ends_on, plan=report.plan_id, received_by=report.organisation_id)
    rows = list(
        entries.values("pupil_list__commitment", "decision")
        .annotate(pupils=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    figures = {}
    for commitment in commitments:
        for indicator in commitment.indicators.all():
            if indicator.unit not in (*COUNTED_UNITS, Indicator.Unit.VND):
                continue
            named = decisions_named(indicator.name)
            counted = [
                row
                for row in rows
                if (row["decision"] in named and row["pupil_list__commitment"] in (None, commitment.pk))
                or (not named and row["pupil_list__commitment"] == commitment.pk)
            ]
            if not counted:
                continue
            field = "pupils" if indicator.unit in COUNTED_UNITS else "amount"
            figures[indicator.pk] = Decimal(sum(row[field] or 0 for row in counted))
    return figures


def _add(counted: dict, row: dict) -> None:
    counted["pupils"] += row["pupils"]
    counted["amount"] += row["amount"] or 0


def _line(key: str, row: dict | None, label=None) -> MoneyLine:
    label = label if label is not None else Decision(key).label
    return MoneyLine(key, label, row["pupils"] if row else 0, (row["amount"] or 0) if row else 0)
