"""The demo reporting scenario loaded at moments all year round: it holds whatever the day."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from demo.reports import demo_reports_load
from demo.tests.test_reports import _counts, _current_period, _load
from programmes.models import User
from reports.models import ProgressReport
from reports.rules import filing_open
from reports.selectors import expected_reports

Status = ProgressReport.Status


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 1, 2, 9),  # the previous period is due but not locked
        datetime(2026, 3, 10, 9),  # the previous period is locked: its returned report is reopened
        datetime(2026, 6, 16, 2),  # the first day of the second half (early morning)
        datetime(2026, 7, 10, 9),
        datetime(2026, 12, 20, 9),  # past the last period's end, still open for filing
    ],
)
def test_the_scenario_holds_all_year_round(db, moment):
    with time_machine.travel(timezone.make_aware(moment), tick=False):
        plan = _load()
        today = timezone.localdate()
        assert today.year == moment.year and plan.end_year == moment.year
        statuses = set(ProgressReport.objects.filter(plan=plan).values_list("status", flat=True))
        assert statuses == {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED}
        current = _current_period(plan, today)
        assert filing_open(current)
        row = next(r for r in expected_reports(User.objects.get(username="reporter")) if r.period == current)
        assert row.report is None and row.can_file
        returned = ProgressReport.objects.get(plan=plan, status=Status.RETURNED)
        assert filing_open(returned)
        for report in ProgressReport.objects.filter(plan=plan):
            assert max(report.events.values_list("at", flat=True)) <= timezone.now()
        before = _counts()
        demo_reports_load()
        assert _counts() == before
