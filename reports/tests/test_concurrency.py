"""Two people acting on the same report at the same moment, with real threads on PostgreSQL.

Each test lines its threads up with a barrier and repeats the race, so that a missing
lock shows as a lost write, a version going backwards or an IntegrityError. SQLite
serialises every write, so there is nothing to race there: the tests skip on SQLite,
unless REQUIRE_POSTGRES is set (as in CI's PostgreSQL pass), in which case they fail.
"""

import os
import threading
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils.translation import gettext

from reports.models import ProgressReport, ReportEvent
from reports.services import workflow

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 12


@pytest.fixture(autouse=True)
def postgresql(db):
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(
                "REQUIRE_POSTGRES is set but the tests run on %s: the concurrency tests must run" % connection.vendor
            )
        pytest.skip(
            "Row locks are a PostgreSQL matter (SQLite serialises writes): set DATABASE_URL to a PostgreSQL database"
        )


def together(*actions):
    """Run ``actions`` in threads released at the same moment; their results or exceptions."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            results[index] = error
        finally:
            connections.close_all()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (a deadlock?)"
    return results


def _narrative(text):
    return {"results": text, "shortcomings": "", "causes": "", "next_steps": "", "proposals_text": ""}


def test_a_reopen_never_loses_a_draft_saved_at_the_same_moment(world, reporter_a, reviewer, h1):
    # H1 2026 locks after 04/07: the unit was late and the province gave it until 31/07.
    with time_machine.travel(date(2026, 7, 10), tick=False):
        report = workflow.report_reopen(
            user=reviewer, plan=h1.plan, period=h1, organisation=world.unit_a, until=date(2026, 7, 31)
        )
        for round_ in range(ROUNDS):
            report = ProgressReport.objects.get(pk=report.pk)
            before = report.version
            text = f"Lần lưu thứ {round_}"
            saved, _reopened = together(
                lambda: workflow.report_save(
                    user=reporter_a, report=report, version=before, narrative=_narrative(text), progress=[], values={}
                ),
                lambda: workflow.report_reopen(
                    user=reviewer, plan=h1.plan, period=h1, organisation=world.unit_a, until=date(2026, 8, 1 + round_)
                ),
            )
            assert not isinstance(saved, Exception), saved
            assert not isinstance(_reopened, Exception), _reopened
            stored = ProgressReport.objects.get(pk=report.pk)
            assert stored.results == text, "the unit was told its draft was saved"
            assert stored.version == before + 1, "the save counts; the version never goes back"
            assert stored.reopened_until == date(2026, 8, 1 + round_)


def test_of_an_accept_and_a_return_at_once_exactly_one_wins(world, reporter_a, reviewer, h1):
    with time_machine.travel(date(2026, 6, 10), tick=False):
        report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        commitments = workflow.commitments_for(h1.plan, world.unit_a, h1)
        progress = [workflow.ProgressData(c.pk, "done", "Đã làm") for c in commitments]
        workflow.report_save(
            user=reporter_a,
            report=report,
            version=report.version,
            narrative=_narrative("Kết quả"),
            progress=progress,
            values={},
        )
        for _round in range(ROUNDS):
            report = workflow.report_submit(user=reporter_a, report=report)
            before = report.version
            accepted, returned = together(
                lambda: workflow.report_accept(user=reviewer, report=report),
                lambda: workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu"),
            )
            outcomes = [r for r in (accepted, returned) if not isinstance(r, Exception)]
            refusals = [r for r in (accepted, returned) if isinstance(r, Exception)]
            assert len(outcomes) == 1 and len(refusals) == 1, (accepted, returned)
            clear = {
                gettext("Only a submitted report can be accepted."),
                gettext("Only a submitted report can be returned."),
            }
            assert isinstance(refusals[0], ValidationError) and refusals[0].messages[0] in clear
            stored = ProgressReport.objects.get(pk=report.pk)
            assert stored.status == outcomes[0].status
            assert stored.version == before + 1
            decisions = stored.events.filter(action__in=[ReportEvent.Action.ACCEPTED, ReportEvent.Action.RETURNED])
            assert decisions.count() == _round + 1  # one decision per round, never two
            if stored.status == ProgressReport.Status.ACCEPTED:  # send it back to race again
                ProgressReport.objects.filter(pk=report.pk).update(status=ProgressReport.Status.RETURNED)
            report = ProgressReport.objects.get(pk=report.pk)


def test_two_starts_at_once_give_one_report_and_no_error(world, reporter_a, h1):
    with time_machine.travel(date(2026, 5, 20), tick=False):
        for _round in range(ROUNDS):
            first, second = together(
                lambda: workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a),
                lambda: workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a),
            )
            assert not isinstance(first, Exception), first
            assert not isinstance(second, Exception), second
            assert first.pk == second.pk
            reports = ProgressReport.objects.filter(plan=h1.plan, period=h1, organisation=world.unit_a)
            assert reports.count() == 1
            assert reports.get().events.filter(action=ReportEvent.Action.CREATED).count() == 1
            reports.delete()  # race again from nothing
