"""Redis going down costs speed, not data or errors.

The cache and the broker point at a port where nothing listens: every report
action is saved and answers as usual, the dashboard is computed without the
cache, and the reminder sweep records its reminders for a later send.
"""

from datetime import date

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from khuyenhoc.celery import app
from reports.models import ProgressReport
from reports.services import workflow
from tasks.models import Reminder
from tasks.reminders import reminders_sweep

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture
def redis_down(settings):
    down = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NOWHERE}
    settings.CACHES = {"default": down, "throttle": down}
    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, NOWHERE
    _fresh_connections()
    yield
    app.conf.task_always_eager, app.conf.broker_url = eager, broker
    _fresh_connections()


def _fresh_connections():
    """Celery keeps its connection pools: drop them so the broker URL in force is used."""
    app._pool = None
    app.amqp._producer_pool = None


def test_report_actions_are_saved_and_answer_normally_with_redis_down(
    client, world, reporter_a, reviewer, h1, in_h1, redis_down, django_capture_on_commit_callbacks
):
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    data = {"version": report.version, "results": "Tổ chức 3 hội nghị", "save": "1"}
    for commitment in workflow.commitments_for(report.plan, report.organisation):
        data[f"status_{commitment.pk}"] = "done"
    client.force_login(reporter_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_edit", args=[report.pk]), data)
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reports:report_submit", args=[report.pk])).status_code == 302
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reports:report_accept", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED and report.results == "Tổ chức 3 hội nghị"


def test_the_dashboard_is_computed_without_the_cache(client, leader, h1, in_h1, redis_down):
    client.force_login(leader)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert response.context["board"].expected == 4


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_the_sweep_keeps_its_reminders_pending_when_the_broker_is_down(
    reporter_a, h1, redis_down, django_capture_on_commit_callbacks, mailoutbox
):
    with time_machine.travel(date(2026, 6, 10), tick=False), django_capture_on_commit_callbacks(execute=True):
        result = reminders_sweep()
    assert result.created  # recorded, to be queued again by the next sweep
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.PENDING}
    assert mailoutbox == []


def test_signing_in_works_with_redis_down(client, editor, redis_down):
    response = client.post(reverse("login"), {"username": "editor", "password": "correct-horse-9"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_password_reset_is_sent_with_redis_down(
    client, editor, redis_down, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "editor@example.vn"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["editor@example.vn"]]


def test_accepting_a_report_answers_normally_when_the_broker_cannot_take_the_totals_build(
    client, world, reporter_a, reviewer, h1, in_h1, redis_down, settings, django_capture_on_commit_callbacks
):
    """The worker that builds a period page's totals (reports/period_totals.py) is out of reach: the
    acceptance is saved and answers as usual; the first reader of the page will build them."""
    settings.PERIOD_TOTALS_PREBUILD = True
    report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
    ProgressReport.objects.filter(pk=report.pk).update(status=ProgressReport.Status.SUBMITTED)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reports:report_accept", args=[report.pk])).status_code == 302
    assert ProgressReport.objects.get(pk=report.pk).status == ProgressReport.Status.ACCEPTED
