"""A period's page is built once per version of what it shows and served again (reports/period_page.py).

A reviewer follows the period while units file. The page is served from the cache until
something it shows moves: a report sent, returned, accepted or reopened, a unit starting its
report, a proposal answered, the day. A draft saved rebuilds nothing. Each reader gets the
reopen forms of the units they review, and the one form that carries them sends the date of
the row whose button was pressed. Without Redis, the page is built for every request.
"""

from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from khuyenhoc.tests.test_redis_down import redis_down  # noqa: F401  (fixture)
from reports import period_page
from reports.services import workflow

from .test_views import _row


@pytest.fixture
def builds(monkeypatch):
    """The readers whose page body was built from the database rather than served from the cache."""
    built = []
    table = period_page.completeness_table

    def spy(user, period, page_number=1):
        built.append(user.username)
        return table(user, period, page_number)

    monkeypatch.setattr(period_page, "completeness_table", spy)
    cache.clear()
    yield built
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an action as committed: the cache versions bumped on commit are bumped."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _page(client, user, h1) -> str:
    client.force_login(user)
    response = client.get(reverse("reports:period_detail", args=[h1.plan.pk, h1.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _body(page: str) -> str:
    """The cached part of the page: what follows the reopen form (whose token differs per request)."""
    return page.split('<form id="reopen" method="post">')[1].split("</form>", 1)[1].split("</main>")[0]


def _start(reporter, unit, h1, committed):
    return committed(lambda: workflow.report_start(user=reporter, plan=h1.plan, period=h1, organisation=unit))


def _save(reporter, report, unit, committed, text="Đã làm"):
    progress = [workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(report.plan, unit)]
    return committed(
        lambda: workflow.report_save(
            user=reporter,
            report=report,
            version=report.version,
            narrative={"results": text, "proposals_text": "Đề nghị hỗ trợ"},
            progress=progress,
            values={},
        )
    )


def test_the_page_is_served_again_until_a_report_moves(
    client, world, reviewer, reporter_a, h1, in_h1, builds, committed
):
    first = _page(client, reviewer, h1)
    assert builds == ["reviewer"] and "chưa gửi" in _row(first, world.unit_a.name)
    assert _body(_page(client, reviewer, h1)) == _body(first) and builds == ["reviewer"]

    report = _start(reporter_a, world.unit_a, h1, committed)
    started = _page(client, reviewer, h1)  # the unit's row shows its draft at once
    assert builds == ["reviewer"] * 2 and "Bản nháp" in _row(started, world.unit_a.name)

    report = _save(reporter_a, report, world.unit_a, committed)
    report = _save(reporter_a, report, world.unit_a, committed, text="Đã làm thêm")
    assert (
        _body(_page(client, reviewer, h1)) == _body(started) and len(builds) == 2
    )  # drafts saved: nothing shown changed

    committed(lambda: workflow.report_submit(user=reporter_a, report=report))
    sent = _page(client, reviewer, h1)
    assert len(builds) == 3 and "Đã gửi" in _row(sent, world.unit_a.name) and "Đề nghị hỗ trợ" in sent

    proposal = report.proposals.get()
    committed(lambda: workflow.proposal_answer(user=reviewer, proposal=proposal, answer="Tỉnh sẽ hỗ trợ"))
    assert "→ Tỉnh sẽ hỗ trợ" in _page(client, reviewer, h1) and len(builds) == 4

    committed(lambda: workflow.report_accept(user=reviewer, report=report))
    assert "Đã duyệt" in _row(_page(client, reviewer, h1), world.unit_a.name) and len(builds) == 5


def test_a_new_day_builds_the_page_again(client, world, reviewer, h1, builds):
    with time_machine.travel(date(2026, 6, 25), tick=False):  # late, but filing is still open
        assert "Mở lại" not in _page(client, reviewer, h1)
    with time_machine.travel(date(2026, 7, 10), tick=False):  # after the lock date: units may be reopened
        client.force_login(reviewer)
        assert "Mở lại" in _page(client, reviewer, h1)
    assert builds == ["reviewer", "reviewer"]


def test_each_reader_gets_the_reopen_forms_of_the_units_they_review(client, world, reviewer, leader, h1, builds):
    with time_machine.travel(date(2026, 7, 10), tick=False):
        reviewing = _page(client, reviewer, h1)
        following = _page(client, leader, h1)
        assert reviewing.count(">Mở lại<") == 4 and ">Mở lại<" not in following
        assert builds == ["reviewer", "leader"]
        # One form carries the token for every row; the body, shared by readers alike, holds none.
        assert reviewing.count('<form id="reopen" method="post">') == 1 and "csrfmiddlewaretoken" not in _body(
            reviewing
        )


def test_a_rows_button_sends_its_own_date(client, world, reviewer, h1, builds, committed):
    with time_machine.travel(date(2026, 7, 10), tick=False):
        page = _page(client, reviewer, h1)
        row = _row(page, world.unit_b.name)
        assert f'name="until-{world.unit_b.pk}"' in row and 'form="reopen"' in row
        url = reverse("reports:report_reopen", args=[h1.plan.pk, h1.pk, world.unit_b.pk])
        assert f'formaction="{url}"' in row
        # The browser sends every row's date with the token; the unit of the button takes its own.
        dates = {
            f"until-{world.unit_a.pk}": "31/07/2026",
            f"until-{world.unit_b.pk}": "20/07/2026",
            f"until-{world.association.pk}": "not a date",
        }
        committed(lambda: client.post(url, dates))
        row = _row(_page(client, reviewer, h1), world.unit_b.name)
    assert "được nộp đến ngày 20/07/2026" in row and "Đổi hạn nộp" in row
    assert h1.reports.get(organisation=world.unit_b).reopened_until == date(2026, 7, 20)
    assert not h1.reports.filter(organisation=world.unit_a).exists()


def test_without_redis_the_page_is_built_for_every_request(client, world, reviewer, h1, in_h1, builds, redis_down):  # noqa: F811
    assert _body(_page(client, reviewer, h1)) == _body(_page(client, reviewer, h1))
    assert builds == ["reviewer", "reviewer"]


def test_the_units_are_listed_a_page_at_a_time(client, world, reviewer, h1, in_h1, builds):
    """A national plan has thousands of units: the page lists them 50 at a time, and a page asked
    for that does not exist is the last one, built and cached once."""
    from conftest import make_organisation
    from reports.models import ReportingUnit
    from reports.selectors import UNITS_PER_PAGE

    for n in range(UNITS_PER_PAGE + 3):
        unit = make_organisation(f"Chi hội khuyến học thôn {n:02d}", world.commune_b, parent=world.association)
        ReportingUnit.objects.create(plan=h1.plan, organisation=unit)
    expected = h1.plan.reporting_units.count()
    first = _body(_page(client, reviewer, h1))
    client.force_login(reviewer)
    url = reverse("reports:period_detail", args=[h1.plan.pk, h1.pk])
    second = _body(client.get(url, {"page": "2"}).content.decode())

    def listed(body):
        return body.split('data-testid="completeness"')[1].split("</table>")[0].count("<tr>") - 1  # less the header

    assert listed(first) == UNITS_PER_PAGE and listed(second) == expected - UNITS_PER_PAGE
    assert "Trang 1 / 2" in first and "?page=2" in first and "Trang 2 / 2" in second
    assert f"trên {expected} đơn vị phải báo cáo" in first  # the totals still count every unit
    for asked in ("99", "-1", "2"):
        assert _body(client.get(url, {"page": asked}).content.decode()) == second
    assert _body(client.get(url, {"page": "x"}).content.decode()) == first
    assert builds == ["reviewer", "reviewer"]  # each page built once
