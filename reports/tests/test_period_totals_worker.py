"""A real Celery worker on Redis builds a period page's totals when a report of the period moves,
so that the next reader finds them (reports/period_totals.py). Needs REDIS_URL, as
tasks/tests/test_celery_worker.py, whose worker fixture it shares."""

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
import time_machine
from django.core.cache import cache

from reports import period_totals
from reports.services import workflow
from tasks.tests.test_celery_worker import wait_for, worker  # noqa: F401  (worker: fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_builds_the_totals_once_a_report_is_sent(world, reporting_plan, reporter_a, settings, worker):
    settings.PERIOD_TOTALS_PREBUILD = True
    h1 = reporting_plan.periods.get(year=2026, half="H1")
    # 02:00 UTC on 20/05/2026 is 09:00 in Hà Nội, inside the first half, before the due date.
    with time_machine.travel(datetime(2026, 5, 20, 2, 0, tzinfo=dt_timezone.utc), tick=False):
        report = workflow.report_start(user=reporter_a, plan=reporting_plan, period=h1, organisation=world.unit_a)
        progress = [workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(reporting_plan, world.unit_a)]
        report = workflow.report_save(
            user=reporter_a, report=report, version=report.version, narrative={}, progress=progress, values={}
        )
        workflow.report_submit(user=reporter_a, report=report)
    # Built by the worker under the version the submission set: a reader would add nothing up.
    assert wait_for(lambda: cache.get(period_totals._key(h1)) is not None)
    assert cache.get(period_totals._key(h1)).received == 1
