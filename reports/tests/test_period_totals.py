"""The totals of a period's page (reports/period_totals.py) are built once per version of the
figures and shared by every reader, page of units and language; a unit starting its report builds
the page's body again, not the totals."""

import pytest
from django.core.cache import cache
from django.utils import translation

from khuyenhoc.tests.test_redis_down import redis_down  # noqa: F401  (fixture)
from reports import period_totals
from reports.services import workflow

from .test_period_page_cache import _page, _save, _start, committed  # noqa: F401  (committed: fixture)


@pytest.fixture
def totals_built(monkeypatch):
    """How many times the totals were added up from the database."""
    built = []
    consolidate = period_totals.consolidate

    def spy(plan, period, **kwargs):
        built.append(period.pk)
        return consolidate(plan, period, **kwargs)

    monkeypatch.setattr(period_totals, "consolidate", spy)
    cache.clear()
    yield built
    cache.clear()


def test_readers_pages_and_languages_share_the_totals(client, world, reviewer, leader, h1, in_h1, totals_built):
    _page(client, reviewer, h1)
    _page(client, leader, h1)  # another reader: another body, the same totals
    client.get(f"/reports/plans/{h1.plan.pk}/periods/{h1.pk}/?page=2")
    with translation.override("en"):
        english = period_totals.for_page(h1)
        assert [str(score.label) for score in english.scores] == ["Education sector", "Study Promotion Association"]
    assert [str(score.label) for score in period_totals.for_page(h1).scores] == ["Ngành Giáo dục", "Hội Khuyến học"]
    assert totals_built == [h1.pk]


def test_a_draft_started_rebuilds_the_body_not_the_totals(
    client, world, reviewer, reporter_a, h1, in_h1, totals_built, committed
):
    _page(client, reviewer, h1)
    report = _start(reporter_a, world.unit_a, h1, committed)
    assert "Bản nháp" in _page(client, reviewer, h1) and totals_built == [h1.pk]
    report = _save(reporter_a, report, world.unit_a, committed)  # a draft saved: nothing either
    _page(client, reviewer, h1)
    assert totals_built == [h1.pk]
    committed(lambda: workflow.report_submit(user=reporter_a, report=report))
    assert "Tổng hợp từ 1 báo cáo" in _page(client, reviewer, h1) and totals_built == [h1.pk, h1.pk]


def test_without_redis_the_totals_are_added_up_for_every_page(
    client, world, reviewer, h1, in_h1, totals_built, redis_down
):
    _page(client, reviewer, h1)
    _page(client, reviewer, h1)
    assert totals_built == [h1.pk, h1.pk]


def test_ensure_builds_the_totals_once_per_version_and_nothing_for_a_period_gone(
    world, reviewer, reporter_a, h1, in_h1, totals_built, committed
):
    assert period_totals.ensure(h1.pk) is True
    assert period_totals.ensure(h1.pk) is False  # built already: a bulk acceptance's other tasks
    report = _start(reporter_a, world.unit_a, h1, committed)
    report = _save(reporter_a, report, world.unit_a, committed)
    committed(lambda: workflow.report_submit(user=reporter_a, report=report))  # a new version
    assert period_totals.ensure(h1.pk) is True
    assert period_totals.ensure(10**9) is False
    assert totals_built == [h1.pk, h1.pk]


def test_without_a_broker_the_request_that_moves_a_report_builds_nothing_ahead(
    world, reporter_a, h1, in_h1, settings, committed
):
    settings.PERIOD_TOTALS_PREBUILD, settings.CELERY_TASK_ALWAYS_EAGER = True, True
    report = _save(reporter_a, _start(reporter_a, world.unit_a, h1, committed), world.unit_a, committed)
    committed(lambda: workflow.report_submit(user=reporter_a, report=report))
    assert period_totals.ensure(h1.pk) is True  # not built: the first reader would build them
