"""The dashboard cache is cleared by what changes a figure, where it changes it.

Leaders of province P and of province Q and a national leader have read their dashboards;
then units file. A draft saved changes no figure and clears nothing; a report submitted,
returned or accepted in P refreshes P's and the national dashboard, never Q's; a plan changed
in P does the same. Whatever is served, from the cache or not, shows the figures of the moment.
Run on the test cache (locmem) and, when it answers, on a real Redis.
"""

import os

import pytest
import redis
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_commitment, make_organisation, make_plan, make_user
from khuyenhoc import figure_versions
from programmes import access
from programmes.models import Membership, Plan, User
from programmes.services.plans import commitment_withdraw, plan_set_status
from reports import dashboard
from reports.models import ReportingPeriod
from reports.services import workflow
from reports.services.periods import plan_open_reporting

# This test process's own Redis database (test_settings gives each parallel worker its own): a
# fixed number would be another worker's, whose tests clear and fill it meanwhile.
REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"
H1 = dashboard.Filters(year=2026, half="H1")


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS, socket_connect_timeout=0.2).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"], autouse=True)
def backend(request, settings):
    if request.param == "redis":
        if not _redis_answers():
            pytest.skip("no Redis at 127.0.0.1:6379")
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS,
                "KEY_PREFIX": "test-dashboard-cache",
            },
        }
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def leaders(world, leader):
    """Province P's leader, province Q's and a national one."""
    ministry = make_organisation("Bộ Giáo dục và Đào tạo", world.nation, "education")
    return {
        "P": leader,
        "Q": make_user("leader_q", (world.other_department, Membership.Role.LEADER)),
        "nation": make_user("national", (ministry, Membership.Role.LEADER)),
    }


@pytest.fixture
def province_q(world):
    """Province Q's plan in force, with one report accepted."""
    plan = make_plan(
        world.other_province, world.other_department, number="9/KH", status="in_force", start_year=2026, end_year=2026
    )
    make_commitment(plan, "1")
    plan_open_reporting(user=None, plan=plan)
    plan.reporting_units.get_or_create(organisation=world.other_unit)
    report = workflow.ProgressReport.objects.create(
        plan=plan, period=plan.periods.get(half="H1"), organisation=world.other_unit
    )
    workflow.ProgressReport.objects.filter(pk=report.pk).update(status="accepted", submitted_at="2026-05-01T03:00Z")
    return plan


@pytest.fixture
def filing(world, reporting_plan, h1, province_q, in_h1, django_capture_on_commit_callbacks):
    """Run what follows as committed: the invalidations registered on commit happen."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def read(user):
    """The user's first-half dashboard as a new request would get it."""
    fresh = User.objects.get(pk=user.pk)  # no memberships remembered from the last read
    return dashboard.dashboard_for(fresh, H1)


@pytest.fixture
def computed(monkeypatch):
    """The scopes whose dashboards were computed rather than served from the cache."""
    calls = []
    original = dashboard._compute

    def spy(user, filters, today):
        calls.append(user.username)
        return original(user, filters, today)

    monkeypatch.setattr(dashboard, "_compute", spy)
    return calls


def read_all(leaders, computed):
    """Every leader's dashboard; ``computed`` notes those not served from the cache."""
    return {scope: read(user) for scope, user in leaders.items()}


def _submit_all_commitments(reporter, plan, unit, h1, filing):
    report = filing(lambda: workflow.report_start(user=reporter, plan=plan, period=h1, organisation=unit))
    progress = [workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(plan, unit, h1)]
    return filing(
        lambda: workflow.report_save(
            user=reporter,
            report=report,
            version=report.version,
            narrative={"results": "Đã làm"},
            progress=progress,
            values={},
        )
    )


def test_a_draft_saved_anywhere_leaves_every_dashboard_cached(
    world, leaders, reporter_b, reporting_plan, h1, filing, computed, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    before = read_all(leaders, computed)
    computed.clear()
    draft = _submit_all_commitments(reporter_b, reporting_plan, world.unit_b, h1, filing)
    attachment = filing(
        lambda: workflow.attachment_add(
            user=reporter_b, report=draft, upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF")
        )
    )
    filing(lambda: workflow.attachment_remove(user=reporter_b, attachment=attachment))
    after = read_all(leaders, computed)
    assert computed == []
    assert {scope: board.received for scope, board in after.items()} == {
        scope: board.received for scope, board in before.items()
    }
    assert after["P"].commitments == {}  # the draft's statuses count nowhere


def test_a_cached_dashboard_costs_no_figure_query(world, leaders, filing):
    first, second = (User.objects.get(pk=leaders["P"].pk) for _request in range(2))
    with CaptureQueriesContext(connection) as cold:
        dashboard.dashboard_for(first, H1)
    with CaptureQueriesContext(connection) as warm:
        dashboard.dashboard_for(second, H1)
    assert len(cold) > 10
    assert len(warm) <= 2  # the leader's memberships and the historical units of their area


def test_a_submission_in_p_refreshes_p_and_the_nation_but_not_q(
    world, leaders, reporter_b, reporting_plan, h1, filing, computed
):
    before = read_all(leaders, computed)
    report = _submit_all_commitments(reporter_b, reporting_plan, world.unit_b, h1, filing)
    computed.clear()
    filing(lambda: workflow.report_submit(user=reporter_b, report=report))
    after = read_all(leaders, computed)
    assert sorted(computed) == ["leader", "national"]
    assert after["P"].on_time == before["P"].on_time + 1
    assert after["nation"].on_time == before["nation"].on_time + 1
    assert after["Q"].received == before["Q"].received == 1
    assert after["P"].commitments  # the submitted report's statuses now count


def test_a_return_and_an_acceptance_show_at_once(
    world, leaders, reporter_b, reviewer, reporting_plan, h1, filing, computed
):
    report = _submit_all_commitments(reporter_b, reporting_plan, world.unit_b, h1, filing)
    filing(lambda: workflow.report_submit(user=reporter_b, report=report))
    read_all(leaders, computed)
    computed.clear()
    filing(lambda: workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu"))
    returned = read_all(leaders, computed)
    assert (returned["P"].returned, returned["P"].received, returned["nation"].returned) == (1, 0, 1)
    assert sorted(computed) == ["leader", "national"]
    # The unit fixes it: saving the returned report changes no figure and clears nothing.
    report.refresh_from_db()
    computed.clear()
    report = filing(
        lambda: workflow.report_save(
            user=reporter_b,
            report=report,
            version=report.version,
            narrative={"results": "Đã bổ sung"},
            progress=[],
            values={},
        )
    )
    assert read_all(leaders, computed)["P"].returned == 1 and computed == []
    filing(lambda: workflow.report_submit(user=reporter_b, report=report))
    filing(lambda: workflow.report_accept(user=reviewer, report=report))
    accepted = read_all(leaders, computed)
    assert (accepted["P"].accepted, accepted["P"].returned, accepted["nation"].accepted) == (1, 0, 2)
    assert "leader_q" not in computed


def test_a_plan_change_refreshes_the_dashboards_that_show_it(world, leaders, editor, reporting_plan, filing, computed):
    read_all(leaders, computed)
    computed.clear()
    filing(
        lambda: commitment_withdraw(
            user=editor, commitment=reporting_plan.commitments.get(number="3"), reason="Không còn phù hợp"
        )
    )
    read_all(leaders, computed)
    assert sorted(computed) == ["leader", "national"]
    computed.clear()
    filing(lambda: plan_set_status(user=editor, plan=reporting_plan, status=Plan.Status.ENDED))
    after = read_all(leaders, computed)
    assert sorted(computed) == ["leader", "national"]
    assert (after["P"].plans_in_force, after["nation"].plans_in_force, after["Q"].plans_in_force) == (0, 1, 1)


def test_a_change_under_a_historical_unit_reaches_the_province_that_took_it_over(world, leader):
    paths = access.root_paths(leader, roles=access.AREA_WIDE_ROLES)
    first = figure_versions.stamp(paths)
    figure_versions.bump([world.other_province.path])
    assert figure_versions.stamp(paths) == first
    figure_versions.bump([world.historical_district.path])  # Lạc Sơn, now part of province P
    assert figure_versions.stamp(paths) != first
    national = figure_versions.stamp(None)
    figure_versions.bump([world.other_commune.path])
    assert figure_versions.stamp(None) != national


def test_a_period_changed_in_the_admin_refreshes_its_province_and_the_nation(
    world, superuser, h1, rf, django_capture_on_commit_callbacks
):
    def versions():
        return {
            name: figure_versions.stamp([area.path])
            for name, area in (("P", world.province), ("Q", world.other_province), ("nation", world.nation))
        }

    before = versions()
    request = rf.post("/")
    request.user = superuser
    h1.due_on = h1.due_on.replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        admin.site._registry[ReportingPeriod].save_model(request, h1, form=None, change=True)
    after = versions()
    assert [name for name in before if after[name] != before[name]] == ["P", "nation"]
