"""The reminder sweep through a real Celery worker on a real Redis broker.

Needs REDIS_URL (CI sets it for the PostgreSQL run). Without it the test
skips, unless REQUIRE_REDIS is set, in which case it fails.
"""

import os
import time
from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.core import mail

from khuyenhoc.celery import app
from tasks.models import Reminder
from tasks.tasks import sweep_reminders

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker():
    if not os.environ.get("REDIS_URL"):
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("REDIS_URL is not set but REQUIRE_REDIS is: the Celery integration test must run")
        pytest.skip("REDIS_URL is not set: no broker for a real Celery worker")
    assert app.conf.broker_url.startswith("redis://") and not app.conf.task_always_eager
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_sweeps_and_delivers_each_reminder_once(
    world, reporting_plan, reporter_a, reporter_b, worker, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    # 02:00 UTC on 16/06/2026 is 09:00 in Hà Nội, three days before the first half's due date.
    with time_machine.travel(datetime(2026, 6, 16, 2, 0, tzinfo=dt_timezone.utc)):
        sweep_reminders.delay()
        assert wait_for(lambda: Reminder.objects.filter(status="sent").count() == 2)
        assert sorted(m.to[0] for m in mail.outbox) == ["reporter_a@example.vn", "reporter_b@example.vn"]
        sweep_reminders.delay()  # a second sweep, as a second beat would run it
        sweep_reminders.delay()
        time.sleep(3)
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 2
