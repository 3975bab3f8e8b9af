"""The dashboards and report lists read from the read replica; writes, and reads after a write or
inside a transaction, go to the primary. The replica here is a mirror of the test database (the
same rows through another connection), so what a test writes must be committed."""

from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from khuyenhoc.db_router import ReplicaAfterWriteMiddleware, read_alias, replica_reads
from reports.models import ProgressReport

from .test_dashboard import ON_TIME, report

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
REPORTS = '"reports_progressreport"'


@pytest.fixture
def replica(settings):
    settings.READ_REPLICA_ALIAS = "replica"


@pytest.fixture
def filed(world, reporting_plan, h1):
    with time_machine.travel(date(2026, 7, 1), tick=False):
        cache.clear()
        report(reporting_plan, h1, world.unit_a, "accepted", ON_TIME, {"1": "done"})
        yield reporting_plan


def reads_of(captured, table: str) -> int:
    return sum(table in query["sql"] for query in captured.captured_queries)


def test_the_dashboard_figures_come_from_the_replica(client, leader, filed, replica):
    client.force_login(leader)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "Phường Hòa Bình" in response.content.decode()
    assert reads_of(on_replica, REPORTS) > 0
    assert reads_of(on_primary, REPORTS) == 0  # the primary only answers for the session and the user


def test_the_report_list_comes_from_the_replica(client, leader, filed, replica):
    client.force_login(leader)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get(reverse("reports:report_list"), {"status": "accepted"})
    assert "Phường Hòa Bình" in response.content.decode()
    assert reads_of(on_replica, REPORTS) > 0


def test_without_a_replica_every_read_goes_to_the_primary(client, leader, filed):
    client.force_login(leader)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        client.get(reverse("reports:dashboard"))
        client.get(reverse("reports:report_list"))
    assert on_replica.captured_queries == []
    assert reads_of(on_primary, REPORTS) > 0


def test_after_a_write_the_rest_of_the_request_reads_the_primary_and_the_next_request_the_replica(world, replica):
    seen = []

    def view(request):
        with replica_reads():
            seen.append(read_alias())
            if request.GET.get("write"):
                world.unit_a.save()
                seen.append(read_alias())
        return HttpResponse()

    requests = RequestFactory()
    ReplicaAfterWriteMiddleware(view)(requests.get("/", {"write": "1"}))
    ReplicaAfterWriteMiddleware(view)(requests.get("/"))
    assert seen == ["replica", "default", "replica"]


def test_reads_inside_a_transaction_and_outside_replica_reads_go_to_the_primary(replica):
    seen = []

    def view(request):
        seen.append(read_alias())
        with replica_reads():
            with transaction.atomic():
                seen.append(read_alias())
            seen.append(read_alias())
        return HttpResponse()

    ReplicaAfterWriteMiddleware(view)(RequestFactory().get("/"))
    assert seen == ["default", "default", "replica"]


def test_a_report_read_from_the_replica_is_saved_to_the_primary(world, filed, replica):
    def view(request):
        with replica_reads():
            request.report = ProgressReport.objects.get(organisation=world.unit_a)
        return HttpResponse()

    request = RequestFactory().get("/")
    ReplicaAfterWriteMiddleware(view)(request)
    assert request.report._state.db == "replica"
    request.report.results = "Tổ chức 3 hội nghị"
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        request.report.save()
        assert request.report.organisation.name == "Hội Khuyến học phường Hòa Bình"
    assert any(query["sql"].startswith("UPDATE " + REPORTS) for query in on_primary.captured_queries)
    assert on_replica.captured_queries == []
