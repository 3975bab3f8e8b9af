"""The demo reporting data: a plan in force with reports in every state, consistent with the rules."""

from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import built_once
from demo.core import demo_load
from demo.reports import PLAN_NUMBER, demo_reports_load
from programmes.models import Indicator, Plan, User
from reports.models import (
    CommitmentProgress,
    IndicatorValue,
    ProgressReport,
    Proposal,
    ReportEvent,
    ReportingPeriod,
    ReportingUnit,
)
from reports.rules import RECEIVED, can_review
from reports.selectors import commitments_for, completeness, expected_reports, review_queue
from reports.services.consolidation import consolidate

Status = ProgressReport.Status
HOA_BINH = "Hội Khuyến học phường Hòa Bình"
LAC_SON = "Hội Khuyến học xã Lạc Sơn"


def _load():
    demo_load()
    demo_reports_load()
    return Plan.objects.get(area__code="P25", number=PLAN_NUMBER)


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (rolled back at its end); each test reads it through
    ``db``, whose savepoint undoes what the test writes."""
    yield from built_once(django_db_blocker, _load)


@pytest.fixture
def plan(db, _loaded):
    return Plan.objects.get(pk=_loaded.pk)


def _current_period(plan, today):
    started = list(plan.periods.filter(starts_on__lte=today).order_by("starts_on"))
    return next((p for p in started if p.ends_on >= today), started[-1])


def test_the_current_plan_is_in_force_for_last_year_and_this_year(plan):
    year = timezone.localdate().year
    assert plan.status == Plan.Status.IN_FORCE
    assert plan.kind == Plan.Kind.PLAN
    assert (plan.start_year, plan.end_year) == (year - 1, year)
    assert f"giai đoạn {year - 1}-{year}" in plan.title
    assert plan.parent is None
    assert [p.organisation.name for p in plan.parties.all()] == [
        "Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        "Hội Khuyến học tỉnh Phú Thọ",
    ]
    assert plan.search_text and "khuyen hoc" in plan.search_text
    assert len(plan.legal_basis_list()) == 3
    # As signed; the review conference has added two of its conclusions since (demo/conferences.py).
    assert 8 <= plan.commitments.filter(from_conclusion__isnull=True).count() <= 10
    periods = set(plan.periods.values_list("year", "half"))
    assert periods == {(year - 1, "H1"), (year - 1, "H2"), (year, "H1"), (year, "H2")}
    units = set(ReportingUnit.objects.filter(plan=plan).values_list("organisation__name", flat=True))
    assert units == {
        "Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        "Hội Khuyến học tỉnh Phú Thọ",
        HOA_BINH,
        LAC_SON,
        "Hội Khuyến học xã Mai Châu",
    }


def test_indicators_follow_the_seed_targets(plan):
    rows = list(Indicator.objects.filter(commitment__plan=plan).values_list("unit", "aggregation", "target_value"))
    assert len(rows) == 5
    by_unit = {(unit, aggregation): target for unit, aggregation, target in rows}
    assert by_unit[("vnd_per_person_year", "mean")] == Decimal("32000")
    assert by_unit[("vnd", "sum")] == Decimal("500000000")
    assert by_unit[("times", "sum")] == Decimal("10000")
    assert sorted((t, a) for u, a, t in rows if u == "percent") == [(85, "mean"), (98, "mean")]


def test_commune_associations_report_on_joint_and_association_commitments(plan):
    lac_son = plan.reporting_units.get(organisation__name=LAC_SON).organisation
    parties = {c.party for c in commitments_for(plan, lac_son)}
    assert parties == {"joint", "association"}
    assert len(commitments_for(plan, lac_son)) >= 6


def test_there_are_reports_in_every_state(plan):
    statuses = set(ProgressReport.objects.filter(plan=plan).values_list("status", flat=True))
    assert statuses == {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED}
    returned = ProgressReport.objects.get(plan=plan, status=Status.RETURNED)
    assert returned.return_comment and returned.reviewed_at
    assert returned.events.filter(action=ReportEvent.Action.RETURNED, comment=returned.return_comment).exists()


def test_the_reporter_can_start_the_current_report(plan):
    today = timezone.localdate()
    current = _current_period(plan, today)
    rows = expected_reports(User.objects.get(username="reporter"))
    row = next(r for r in rows if r.period == current)
    assert row.organisation.name == HOA_BINH
    assert row.report is None or row.report.status == Status.DRAFT
    assert row.can_file


def test_reporter2_has_a_draft_of_the_current_period_and_can_fix_the_returned_one(plan):
    current = _current_period(plan, timezone.localdate())
    rows = expected_reports(User.objects.get(username="reporter2"))
    draft = next(r for r in rows if r.period == current)
    assert draft.report is not None and draft.report.status == Status.DRAFT and draft.can_file
    assert draft.report.events.get().actor.username == "reporter2"
    returned = next(r for r in rows if r.report and r.report.status == Status.RETURNED)
    assert returned.can_file  # still open, or reopened for late filing


def test_the_reviewer_sees_and_may_review_the_submitted_report(plan):
    reviewer = User.objects.get(username="reviewer")
    queue = list(review_queue(reviewer).filter(plan=plan))
    assert [r.organisation.name for r in queue] == [HOA_BINH]
    assert can_review(reviewer, queue[0])
    assert queue[0].events.get(action="submitted").actor.username == "reporter"


def test_ended_periods_hold_accepted_reports_with_one_missing_and_one_late(plan):
    today = timezone.localdate()
    ended = [p for p in plan.periods.order_by("starts_on") if p.locked_after < today]
    first = ended[0]
    _units, rows = completeness(plan, first)
    timings = {row.organisation.name: row.timing for row in rows}
    assert timings["Hội Khuyến học xã Mai Châu"] == "missing"
    assert timings[LAC_SON] == "late"
    assert list(timings.values()).count("on_time") == 3
    assert set(ProgressReport.objects.filter(period=first).values_list("status", flat=True)) == {Status.ACCEPTED}


def test_the_consolidation_of_a_past_period_adds_up_the_units_figures(plan):
    first = plan.periods.order_by("starts_on").first()
    result = consolidate(plan, first)
    assert (result.expected, result.received, result.accepted) == (5, 4, 4)
    received = IndicatorValue.objects.filter(report__period=first, report__status__in=RECEIVED)
    for total in result.totals:
        figures = [v.value for v in received.filter(indicator=total.indicator) if v.value is not None]
        assert figures, total.indicator.name
        if total.indicator.aggregation == "sum":
            assert total.value == sum(figures)
        else:
            assert total.value == (sum(figures) / len(figures)).quantize(Decimal("0.01"))
    scholarships = next(t for t in result.totals if t.indicator.unit == "vnd")
    assert scholarships.units == 3  # the provincial association and two communes
    assert 0 < scholarships.progress < 100
    assert result.results and result.proposals
    assert all(p.answer for p in result.proposals)


def test_figures_improve_over_time(plan):
    lac_son = plan.reporting_units.get(organisation__name=LAC_SON).organisation
    rates = list(
        IndicatorValue.objects.filter(report__organisation=lac_son, indicator__unit="percent", value__isnull=False)
        .order_by("report__period__starts_on")
        .values_list("value", flat=True)
    )
    assert len(rates) >= 3 and rates == sorted(rates) and rates[0] < rates[-1]


def test_every_report_covers_exactly_its_commitments_and_indicators(plan):
    for report in ProgressReport.objects.filter(plan=plan).select_related("organisation__area"):
        # Not the conclusions the conference added to the plan: the demo writes every report before it.
        added = set(plan.commitments.filter(from_conclusion__isnull=False).values_list("pk", flat=True))
        commitments = [c for c in commitments_for(plan, report.organisation) if c.pk not in added]
        indicators = {i.pk for c in commitments for i in c.indicators.all()}
        assert set(report.values.values_list("indicator_id", flat=True)) == indicators
        assert all(p.note for p in report.progress.all() if p.status != "not_started")


def test_dates_and_events_are_consistent(plan):
    now = timezone.now()
    for report in ProgressReport.objects.filter(plan=plan).select_related("period"):
        events = list(report.events.all())
        moments = [e.at for e in events]
        assert moments == sorted(moments) and moments[-1] <= now
        assert events[0].action == "created" and report.created_at == moments[0]
        assert report.updated_at == moments[-1]
        if report.status == Status.DRAFT:
            assert report.submitted_at is None and not report.proposals.exists()
            continue
        assert timezone.localtime(report.submitted_at).date() >= report.period.starts_on
        assert timezone.localtime(report.submitted_at).date() <= report.period.locked_after
        assert report.proposals.count() == len(report.proposals_text.splitlines())
        if report.status in (Status.ACCEPTED, Status.RETURNED):
            assert report.reviewed_at >= report.submitted_at
            assert events[-1].actor.username == "reviewer" or report.reopened_until
        submitters = {e.actor.username if e.actor else None for e in events if e.action == "submitted"}
        expected = {HOA_BINH: "reporter", LAC_SON: "reporter2"}.get(report.organisation.name)
        assert submitters == {expected}
    assert Proposal.objects.filter(report__plan=plan).exclude(answer="").exists()
    assert Proposal.objects.filter(report__plan=plan, answer="").exists()


def _counts():
    models = [
        Plan,
        ReportingPeriod,
        ReportingUnit,
        ProgressReport,
        CommitmentProgress,
        IndicatorValue,
        Proposal,
        ReportEvent,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_twice_changes_nothing(plan):
    before = _counts()
    snapshot = list(ProgressReport.objects.values_list("pk", "status", "version", "updated_at"))
    demo_reports_load()
    _load()
    assert _counts() == before
    assert list(ProgressReport.objects.values_list("pk", "status", "version", "updated_at")) == snapshot
