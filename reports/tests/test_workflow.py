from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from programmes.models import Plan
from reports import rules
from reports.models import ProgressReport, ReportEvent, ReportingSchedule, ReportingUnit
from reports.services import workflow
from reports.services.periods import period_dates, plan_open_reporting, schedule_for


def file_everything(report, user, *, status="done", values=None):
    commitments = workflow.commitments_for(report.plan, report.organisation)
    return workflow.report_save(
        user=user,
        report=report,
        version=report.version,
        narrative={
            "results": "Đã tổ chức 3 buổi tuyên truyền",
            "shortcomings": "",
            "causes": "",
            "next_steps": "",
            "proposals_text": "Đề nghị cấp thêm kinh phí\nĐề nghị tập huấn",
        },
        progress=[workflow.ProgressData(c.pk, status, "Đã làm") for c in commitments],
        values=values or {},
    )


def test_default_periods_follow_decree_09_2019(world):
    schedule = ReportingSchedule()
    h1 = period_dates(schedule, 2026, "H1")
    h2 = period_dates(schedule, 2026, "H2")
    assert (h1["starts_on"], h1["ends_on"]) == (date(2025, 12, 15), date(2026, 6, 14))
    assert (h2["starts_on"], h2["ends_on"]) == (date(2026, 6, 15), date(2026, 12, 14))
    assert h1["due_on"] == date(2026, 6, 19) and h1["locked_after"] == date(2026, 7, 4)


def test_a_province_can_change_its_schedule(world):
    ReportingSchedule.objects.create(area=world.province, due_days=10, conference_days=30)
    schedule = schedule_for(world.commune_a)
    assert schedule.due_days == 10
    assert period_dates(schedule, 2026, "H1")["due_on"] == date(2026, 6, 24)
    assert schedule_for(world.other_province).due_days == 5  # the national default


def test_opening_reporting_creates_both_halves_and_the_default_units(world, reporting_plan):
    assert list(reporting_plan.periods.values_list("half", flat=True)) == ["H1", "H2"]
    units = set(ReportingUnit.objects.filter(plan=reporting_plan).values_list("organisation__name", flat=True))
    assert units == {world.department.name, world.association.name, world.unit_a.name, world.unit_b.name}
    assert plan_open_reporting(user=None, plan=reporting_plan) == (0, 0)  # twice is harmless


def test_a_unit_reports_on_its_side_and_joint_commitments_only(world, reporting_plan):
    association = [c.number for c in workflow.commitments_for(reporting_plan, world.unit_a)]
    department = [c.number for c in workflow.commitments_for(reporting_plan, world.department)]
    assert association == ["1", "2"] and department == ["1", "3"]


def test_file_submit_return_resubmit_accept(world, reporter_a, reviewer, h1, in_h1):
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    report = file_everything(report, reporter_a)
    report = workflow.report_submit(user=reporter_a, report=report)
    assert report.status == "submitted"
    assert list(report.proposals.values_list("text", flat=True)) == ["Đề nghị cấp thêm kinh phí", "Đề nghị tập huấn"]
    with pytest.raises(ValidationError):
        file_everything(report, reporter_a)  # read-only once submitted
    report = workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu học bổng")
    assert report.status == "returned"
    report = file_everything(
        report, reporter_a, values={report.plan.commitments.get(number="2").indicators.first().pk: Decimal(500000)}
    )
    report = workflow.report_submit(user=reporter_a, report=report)
    report = workflow.report_accept(user=reviewer, report=report)
    assert report.status == "accepted"
    actions = list(report.events.values_list("action", "actor__username"))
    assert actions == [
        ("created", "reporter_a"),
        ("submitted", "reporter_a"),
        ("returned", "reviewer"),
        ("submitted", "reporter_a"),
        ("accepted", "reviewer"),
    ]
    assert report.events.get(action="returned").comment == "Bổ sung số liệu học bổng"


def test_a_second_stale_save_is_refused_and_nothing_is_overwritten(world, reporter_a, h1, in_h1):
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    opened = report.version
    first = workflow.report_save(
        user=reporter_a,
        report=report,
        version=opened,
        narrative={"results": "Bản của người thứ nhất"},
        progress=[],
        values={},
    )
    with pytest.raises(workflow.StaleReport):
        workflow.report_save(
            user=reporter_a,
            report=report,
            version=opened,
            narrative={"results": "Bản của người thứ hai"},
            progress=[],
            values={},
        )
    first.refresh_from_db()
    assert first.results == "Bản của người thứ nhất"


def test_only_the_units_reporter_files_and_only_the_provinces_reviewer_reviews(
    world, reporter_a, reporter_b, reviewer, outsider, h1, in_h1
):
    with pytest.raises(PermissionDenied):
        workflow.report_start(user=reporter_b, plan=h1.plan, period=h1, organisation=world.unit_a)
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    with pytest.raises(PermissionDenied):
        file_everything(report, reporter_b)
    report = workflow.report_submit(user=reporter_a, report=file_everything(report, reporter_a))
    for stranger in (outsider, reporter_b):
        with pytest.raises(PermissionDenied):
            workflow.report_accept(user=stranger, report=report)


def test_submitting_needs_a_status_for_every_commitment(world, reporter_a, h1, in_h1):
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    with pytest.raises(ValidationError, match="mọi nội dung|every commitment"):
        workflow.report_submit(user=reporter_a, report=report)


def test_no_report_before_the_period_starts_or_for_a_plan_not_in_force(world, reporter_a, reporting_plan):
    h2 = reporting_plan.periods.get(half="H2")
    with time_machine.travel(date(2026, 5, 1), tick=False):
        with pytest.raises(ValidationError):
            workflow.report_start(user=reporter_a, plan=reporting_plan, period=h2, organisation=world.unit_a)
        reporting_plan.status = Plan.Status.ENDED
        reporting_plan.save()
        h1 = reporting_plan.periods.get(half="H1")
        with pytest.raises(ValidationError):
            workflow.report_start(user=reporter_a, plan=reporting_plan, period=h1, organisation=world.unit_a)


def test_filing_locks_after_the_lock_date_unless_a_reviewer_reopens(world, reporter_a, reviewer, h1):
    with time_machine.travel(date(2026, 7, 10), tick=False):  # locked after 04/07
        with pytest.raises(ValidationError):
            workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        report = workflow.report_reopen(
            user=reviewer, plan=h1.plan, period=h1, organisation=world.unit_a, until=date(2026, 7, 20)
        )
        report = file_everything(report, reporter_a)
        assert workflow.report_submit(user=reporter_a, report=report).status == "submitted"
        assert report.events.filter(action=ReportEvent.Action.REOPENED, actor=reviewer).exists()
    with time_machine.travel(date(2026, 7, 25), tick=False):
        assert not workflow.filing_open(ProgressReport.objects.get(pk=report.pk))


def test_the_province_answers_a_proposal_and_the_unit_sees_it(world, reporter_a, reviewer, h1, in_h1):
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    report = workflow.report_submit(user=reporter_a, report=file_everything(report, reporter_a))
    proposal = report.proposals.first()
    workflow.proposal_answer(user=reviewer, proposal=proposal, answer="Sở sẽ bố trí kinh phí trong quý III")
    proposal.refresh_from_db()
    assert proposal.answer and proposal.answered_by == reviewer  # answered: no longer open


# A returned report can always be fixed ----------------------------------------------------------
# H1 2026: due 19/06, filing locked after 04/07.


def _submitted(world, reporter_a, h1):
    with time_machine.travel(date(2026, 6, 10), tick=False):
        report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        return workflow.report_submit(user=reporter_a, report=file_everything(report, reporter_a))


def test_a_report_returned_after_the_lock_date_gets_a_week_to_be_fixed(world, reporter_a, reviewer, h1):
    from reports.rules import filing_deadline

    report = _submitted(world, reporter_a, h1)
    with time_machine.travel(date(2026, 7, 10), tick=False):
        report = workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu")
        assert report.reopened_until == date(2026, 7, 17)
        assert filing_deadline(report) == date(2026, 7, 17)
        assert rules.can_file(reporter_a, report)
        report = file_everything(report, reporter_a)
        assert workflow.report_submit(user=reporter_a, report=report).status == "submitted"
    assert report.events.filter(action=ReportEvent.Action.REOPENED, comment="đến ngày 17/07/2026").exists()
    with time_machine.travel(date(2026, 7, 18), tick=False):
        assert not workflow.filing_open(ProgressReport.objects.get(pk=report.pk))


def test_a_report_returned_days_before_the_lock_date_gets_a_week_too(world, reporter_a, reviewer, h1):
    from reports.rules import filing_deadline

    report = _submitted(world, reporter_a, h1)
    with time_machine.travel(date(2026, 7, 1), tick=False):  # three days before the lock
        report = workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu")
    assert filing_deadline(report) == date(2026, 7, 8)


def test_a_report_returned_early_keeps_the_lock_date(world, reporter_a, reviewer, h1):
    from reports.rules import filing_deadline

    report = _submitted(world, reporter_a, h1)
    with time_machine.travel(date(2026, 6, 20), tick=False):
        report = workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu")
    assert report.reopened_until is None and filing_deadline(report) == date(2026, 7, 4)


def test_the_reviewer_chooses_the_new_deadline_but_not_a_past_one(world, reporter_a, reviewer, h1):
    report = _submitted(world, reporter_a, h1)
    with time_machine.travel(date(2026, 7, 10), tick=False):
        with pytest.raises(ValidationError):
            workflow.report_return(user=reviewer, report=report, comment="Sửa", until=date(2026, 7, 9))
        report = workflow.report_return(user=reviewer, report=report, comment="Sửa", until=date(2026, 7, 31))
    assert report.reopened_until == date(2026, 7, 31)


def test_reopening_is_for_late_units_after_the_lock_date_and_for_returned_reports(world, reporter_a, reviewer, h1):
    report = _submitted(world, reporter_a, h1)
    reopen = dict(user=reviewer, plan=h1.plan, period=h1, until=date(2026, 7, 31))
    with time_machine.travel(date(2026, 6, 25), tick=False):  # filing still open
        with pytest.raises(ValidationError, match="vẫn đang mở|still open"):
            workflow.report_reopen(organisation=world.unit_b, **reopen)
        with pytest.raises(ValidationError, match="đã được gửi|been sent"):
            workflow.report_reopen(organisation=world.unit_a, **reopen)
        workflow.report_return(user=reviewer, report=report, comment="Sửa")
        # A returned report's deadline can be changed at any time.
        assert workflow.report_reopen(organisation=world.unit_a, **reopen).reopened_until == date(2026, 7, 31)
    with time_machine.travel(date(2026, 7, 10), tick=False):
        late = workflow.report_reopen(organisation=world.unit_b, **reopen)
    assert late.status == "draft" and late.reopened_until == date(2026, 7, 31)
