"""The national benchmark data set, at a small scale: two provinces, a few communes each."""

from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from conftest import built_once
from demo.national import PLAN_SUFFIX, TITLE_PREFIX, national_load
from demo.tests.conftest import NATIONAL_TODAY
from programmes.models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
from programmes.services.areas import areas_load_current
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
from reports.rules import RECEIVED
from reports.selectors import commitments_for
from reports.services.consolidation import consolidate
from reports.services.periods import period_dates

Status = ProgressReport.Status
Action = ReportEvent.Action
UNITS = 6


def _load():
    with time_machine.travel(timezone.make_aware(NATIONAL_TODAY), tick=False):
        areas_load_current()
        return national_load(years=2, provinces=2, units_per_province=UNITS, progress=lambda message: None)


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The data set, loaded once for the module (rolled back at its end); each test reads it
    through ``db``, whose savepoint undoes what the test writes."""
    yield from built_once(django_db_blocker, _load)


@pytest.fixture
def loaded(db, frozen, _loaded):
    return _loaded


def _plans():
    return list(Plan.objects.filter(number__endswith=PLAN_SUFFIX).select_related("area").order_by("area__path"))


def test_one_generated_plan_in_force_per_province(loaded):
    plans = _plans()
    provinces = list(Area.objects.filter(level="province", is_historical=False).order_by("path")[:2])
    assert [p.area for p in plans] == provinces
    for plan in plans:
        assert plan.status == Plan.Status.IN_FORCE
        assert plan.title.startswith(TITLE_PREFIX)
        assert (plan.start_year, plan.end_year) == (2025, 2026)
        assert plan.search_text and "khuyen hoc" in plan.search_text
        assert plan.history.count() == 1
        assert [p.organisation.side for p in plan.parties.all()] == ["education", "association"]
        assert plan.sections.count() == 3
        assert plan.commitments.count() == 10
        assert Counter(plan.commitments.values_list("party", flat=True)) == {
            "joint": 4,
            "department": 3,
            "association": 3,
        }
        assert all(levels == [] for levels in plan.commitments.values_list("reporting_levels", flat=True))
        indicators = Indicator.objects.filter(commitment__plan=plan)
        assert sorted(indicators.values_list("unit", "aggregation")) == sorted(
            [
                ("percent", "mean"),
                ("vnd", "sum"),
                ("vnd_per_person_year", "mean"),
                ("times", "sum"),
                ("percent", "mean"),
            ]
        )
        assert all(i.target_value > 0 for i in indicators)


def test_organisations_and_units(loaded):
    for plan in _plans():
        communes = list(Area.objects.filter(parent=plan.area, level="commune").order_by("path")[:UNITS])
        associations = Organisation.objects.filter(area__in=communes, side="association")
        assert associations.count() == UNITS
        for commune in communes:
            name = f"Hội Khuyến học {commune.name[0].lower()}{commune.name[1:]}"
            organisation = associations.get(area=commune)
            assert organisation.name == name
            assert organisation.parent.area == plan.area
        units = set(plan.reporting_units.values_list("organisation_id", flat=True))
        parties = set(plan.parties.values_list("organisation_id", flat=True))
        assert units == parties | set(associations.values_list("pk", flat=True))
        assert len(units) == UNITS + 2


def test_periods_follow_the_default_schedule(loaded):
    for plan in _plans():
        periods = list(plan.periods.order_by("starts_on"))
        assert [(p.year, p.half) for p in periods] == [(2025, "H1"), (2025, "H2"), (2026, "H1"), (2026, "H2")]
        for period in periods:
            expected = period_dates(ReportingSchedule(), period.year, period.half)
            assert {k: getattr(period, k) for k in expected} == expected


def test_reports_only_for_started_periods_and_at_most_one_per_unit(loaded):
    today = timezone.localdate()
    reports = ProgressReport.objects.filter(plan__number__endswith=PLAN_SUFFIX).select_related("period")
    assert reports.exists()
    keys = Counter(reports.values_list("plan_id", "period_id", "organisation_id"))
    assert max(keys.values()) == 1
    for report in reports:
        assert report.period.starts_on <= today
        assert ReportingUnit.objects.filter(plan=report.plan_id, organisation=report.organisation_id).exists()
        assert report.created_at <= timezone.now()
        if report.submitted_at:
            assert report.created_at <= report.submitted_at <= timezone.now()
            assert timezone.is_aware(report.submitted_at)
            local = timezone.localtime(report.submitted_at).date()
            assert report.period.starts_on <= local <= report.period.locked_after
        if report.status in (Status.ACCEPTED, Status.RETURNED):
            assert report.reviewed_at and report.reviewed_at >= report.submitted_at
        if report.status == Status.DRAFT:
            assert report.submitted_at is None


def test_statuses_are_a_realistic_mix(loaded):
    today = timezone.localdate()
    by_period = Counter()
    for plan in _plans():
        units = plan.reporting_units.count()
        periods = list(plan.periods.order_by("starts_on"))
        ended, recent, current, future = periods
        assert future.starts_on > today and not future.reports.exists()
        assert current.starts_on <= today <= current.ends_on
        statuses = Counter(ended.reports.values_list("status", flat=True))
        assert statuses[Status.ACCEPTED] >= units * 0.6
        assert not current.reports.filter(status=Status.ACCEPTED).exists()
        assert set(current.reports.values_list("status", flat=True)) <= {Status.DRAFT}
        for period in (ended, recent, current):
            by_period[period.year, period.half] += period.reports.count()
    statuses = set(ProgressReport.objects.filter(plan__number__endswith=PLAN_SUFFIX).values_list("status", flat=True))
    assert len(statuses) >= 3
    total_units = sum(p.reporting_units.count() for p in _plans())
    assert by_period[2026, "H2"] < total_units  # the current period: some units have not started


def test_progress_and_values_match_the_commitments_of_each_unit(loaded):
    reports = ProgressReport.objects.filter(plan__number__endswith=PLAN_SUFFIX).select_related(
        "plan", "organisation__area"
    )
    expected = {}
    for report in reports:
        key = (report.plan_id, report.organisation_id)
        if key not in expected:
            commitments = commitments_for(report.plan, report.organisation)
            expected[key] = (
                {c.pk for c in commitments},
                {i.pk for c in commitments for i in c.indicators.all()},
            )
        commitment_ids, indicator_ids = expected[key]
        assert set(report.progress.values_list("commitment_id", flat=True)) == commitment_ids
        assert set(report.values.values_list("indicator_id", flat=True)) == indicator_ids
        if report.organisation.side == "association":
            assert len(commitment_ids) == 7 and len(indicator_ids) == 5
        else:
            assert len(commitment_ids) == 7 and len(indicator_ids) == 3
    filed = IndicatorValue.objects.filter(report__plan__number__endswith=PLAN_SUFFIX, report__status__in=RECEIVED)
    assert filed.filter(value__isnull=False).count() >= 0.95 * filed.count()
    statuses = set(CommitmentProgress.objects.values_list("status", flat=True))
    assert {"done", "in_progress"} <= statuses


def test_events_follow_the_status(loaded):
    reports = ProgressReport.objects.filter(plan__number__endswith=PLAN_SUFFIX).prefetch_related("events")
    for report in reports:
        actions = [e.action for e in report.events.all()]
        assert actions[0] == Action.CREATED
        moments = [e.at for e in report.events.all()]
        assert moments == sorted(moments)
        assert moments[0] == report.created_at
        if report.status == Status.ACCEPTED:
            assert actions[-1] == Action.ACCEPTED and Action.SUBMITTED in actions
        if report.status == Status.SUBMITTED:
            assert actions[-1] == Action.SUBMITTED
        if report.status == Status.DRAFT:
            assert actions == [Action.CREATED]
    for proposal in Proposal.objects.filter(report__plan__number__endswith=PLAN_SUFFIX).select_related("report"):
        assert proposal.text in proposal.report.proposals_text and proposal.report.submitted_at
        assert not proposal.answer or proposal.report.status == Status.ACCEPTED


def test_counts_match_the_rows(loaded):
    assert loaded["Plan"] == 2
    assert loaded["PlanParty"] == 4
    assert loaded["Section"] == 6
    assert loaded["Commitment"] == 20
    assert loaded["Indicator"] == 10
    assert loaded["ReportingPeriod"] == 8
    assert loaded["ReportingUnit"] == 2 * (UNITS + 2)
    assert loaded["Organisation"] == 2 * (UNITS + 2)
    assert loaded["ProgressReport"] == ProgressReport.objects.count()
    assert loaded["CommitmentProgress"] == CommitmentProgress.objects.count()
    assert loaded["IndicatorValue"] == IndicatorValue.objects.count()
    assert loaded["ReportEvent"] == ReportEvent.objects.count()
    assert loaded["Proposal"] == Proposal.objects.count()


def test_a_second_run_adds_nothing(loaded):
    models = [
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
    ]
    before = {m.__name__: m.objects.count() for m in models}
    messages = []
    counts = national_load(years=2, provinces=2, units_per_province=UNITS, progress=messages.append)
    assert set(counts.values()) == {0}
    assert {m.__name__: m.objects.count() for m in models} == before
    assert len(messages) == 2 and all("skipped" in m for m in messages)


def test_consolidation_works_on_the_generated_data(loaded):
    for plan in _plans():
        for period in plan.periods.filter(starts_on__lte=timezone.localdate()):
            result = consolidate(plan, period)
            assert result.expected == UNITS + 2
            assert result.received == period.reports.filter(status__in=RECEIVED).count()
        ended = plan.periods.order_by("starts_on").first()
        result = consolidate(plan, ended)
        assert result.received > 0
        totals = {t.indicator.unit: t for t in result.totals}
        assert all(t.value is not None and t.units > 0 for t in result.totals)
        assert totals["vnd"].value > 0 and totals["times"].value > 0
        assert 0 < totals["percent"].value <= 100
        assert {s.party for s in result.scores} == {"education", "association"}
        assert len(result.rows) == 10
