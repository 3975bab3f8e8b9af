"""The benchmark's bare SQL computes what the pages show, exactly, on generated data: the dashboard's
figures, the review queue's count, first page and filter options, the late report list's count and first page.

``make bench`` divides each page's time by the time of hand-written SQL of the same figures
(``benchmarks/bare_sql.py``); the ratio means something only while the two agree. This compares
them figure by figure for national, province and superuser readers, on a small
national data set (two provinces, six communes each, two years, every report state).
"""
import os
from datetime import datetime

import pytest
import time_machine
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from benchmarks import bare_sql
from conftest import make_user
from khuyenhoc import access
from programmes.models import Membership, Organisation, Plan, User
from programmes.services.areas import areas_load_current
from reports.dashboard import Filters, dashboard_for, scoped_units, unit_grid
from reports.demo_national import PLAN_SUFFIX, national_load
from reports.forms import DashboardFilterForm
from reports.models import ProgressReport
from reports.rules import RECEIVED, SENT_LATE
from reports.views import queue as queue_views

TODAY = datetime(2026, 5, 20, 10, 0)


@pytest.fixture
def national_data(db):
    if connection.vendor != "postgresql":
        # The benchmark's SQL is PostgreSQL's (AT TIME ZONE, FILTER, LIKE on paths), as is production.
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but the tests run on %s" % connection.vendor)
        pytest.skip("The bare SQL is PostgreSQL's: set DATABASE_URL to a PostgreSQL database")
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        areas_load_current()
        national_load(years=2, provinces=2, units_per_province=6, progress=lambda message: None)
        yield


def _national_leader():
    return User.objects.get(username="national_leader")


def _province_leader():
    plan = Plan.objects.filter(number__endswith=PLAN_SUFFIX).order_by("area__path").last()
    department = Organisation.objects.get(area=plan.area, side=Organisation.Side.EDUCATION)
    return make_user("province_leader", (department, Membership.Role.LEADER))


def _superuser():
    return User.objects.create_superuser("root", "root@example.vn", "correct-horse-9")


def _page_figures(user) -> dict:
    """What the dashboard page shows, through the portal's own code (as the view calls it)."""
    board = dashboard_for(user, Filters())
    units = scoped_units(user, Filters())
    page = list(Paginator(units, bare_sql.UNITS_PER_PAGE).get_page(None))
    grid = unit_grid(user, Filters(), board.grid_periods, page)
    form = DashboardFilterForm(None, user=user)
    return {
        "board": board,
        "unit_count": units.count(),
        "grid": [
            ((u.organisation_id, u.plan_id), [grid.get((u.organisation_id, u.plan_id), {}).get(p) for p in board.grid_periods])
            for u in page
        ],
        "plan_options": sorted((plan.pk, str(plan)) for plan in form.fields["plan"].queryset),
        "area_options": [(area.pk, area.name, area.is_historical) for area in form.fields["area"].queryset],
    }


def _lagging_key(row):
    return (-row["at_risk"], -row["lagging"], row["commitment__number"])


@pytest.mark.parametrize("who", [_national_leader, _province_leader, _superuser], ids=["national", "province", "superuser"])
def test_bare_sql_gives_the_dashboards_figures(national_data, who):
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        user = who()
        page = _page_figures(user)
        with connection.cursor() as cursor:
            sql = bare_sql.dashboard(cursor, user_id=user.pk, today=timezone.localdate())
    board = page["board"]
    assert board.received > 0 and board.trend and board.lagging and board.indicators  # data worth comparing

    headline = ["year", "half", "plans_in_force", "expected", "on_time", "late", "accepted", "returned", "commitments", "trend"]
    assert {k: sql[k] for k in headline} == {k: getattr(board, k) for k in headline}
    assert sql["grid_periods"] == board.grid_periods

    def indicator_rows(rows):
        return sorted((r["name"], r["unit"], r["aggregation"], r["direction"], r["target"], round(r["value"], 6), r["units"]) for r in rows)

    assert indicator_rows(sql["indicators"]) == indicator_rows(
        [{**vars(row), "value": row.value} for row in board.indicators]
    )
    # Commitments tied on (at risk, lagging, number) may come in any order: compare the ranking
    # keys in order, and the commitments themselves as a set except among the last tied ones.
    assert [_lagging_key(r) for r in sql["lagging"]] == [_lagging_key(r) for r in board.lagging]
    last = _lagging_key(board.lagging[-1])
    assert {r["commitment_id"]: r for r in sql["lagging"] if _lagging_key(r) != last} == {
        r["commitment_id"]: r for r in board.lagging if _lagging_key(r) != last
    }
    assert sorted(map(repr, sql["coming"])) == sorted(
        repr({k: e[k] for k in ("kind", "year", "half", "on", "plans", "first_plan", "first_period")}) for e in board.coming
    )

    assert sql["unit_count"] == page["unit_count"]
    assert [(key, [sql["unit_grid"].get(key, {}).get(p) for p in board.grid_periods]) for key, _cells in page["grid"]] == page["grid"]
    assert sorted(sql["plan_options"]) == page["plan_options"]
    assert [tuple(row) for row in sql["area_options"]] == page["area_options"]


def test_national_staff_are_ordinary_users_of_the_nation(national_data):
    for username, role in [("national_leader", "leader"), ("national_reviewer", "reviewer")]:
        user = User.objects.get(username=username)
        assert not user.is_superuser and not user.is_staff
        assert [(m.role, m.organisation.area.level) for m in user.memberships.all()] == [(role, "nation")]


def _province_reviewer():
    plan = Plan.objects.filter(number__endswith=PLAN_SUFFIX).order_by("area__path").last()
    association = Organisation.objects.get(area=plan.area, side=Organisation.Side.ASSOCIATION)
    return make_user("province_reviewer", (association, Membership.Role.REVIEWER))


def _shown(client, user, path, params=None):
    """The context the page was rendered with, as the user asked for it."""
    client.force_login(user)
    response = client.get(path, params or {})
    assert response.status_code == 200
    return response.context


def _row(report, *fields) -> tuple:
    period, organisation, plan = report.period, report.organisation, report.plan
    return (report.pk, *fields, period.year, period.half, period.due_on, organisation.name, organisation.area.name,
            organisation.area.is_historical, plan.number, plan.title)


@pytest.mark.parametrize("who", [lambda: User.objects.get(username="national_reviewer"), _province_reviewer, _superuser],
                         ids=["national", "province", "superuser"])
def test_bare_sql_gives_the_review_queues_rows_and_options(national_data, client, monkeypatch, who):
    # Pages of two reports, so that the first page is not the whole queue of the small data set.
    monkeypatch.setattr(queue_views, "QUEUE_PAGE_SIZE", 2)
    monkeypatch.setattr(bare_sql, "LIST_PAGE", 2)
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        user = who()
        shown = _shown(client, user, reverse("reports:review_queue"))
        with connection.cursor() as cursor:
            sql = bare_sql.review_queue(cursor, user_id=user.pk)
    page, form = shown["page"], shown["form"]
    assert page.paginator.count > len(page.object_list) > 0  # more than a page: data worth comparing
    assert sql["count"] == page.paginator.count
    assert sql["rows"] == [_row(report, report.submitted_at) for report in page.object_list]
    assert [tuple(row) for row in sql["area_options"]] == [(a.pk, a.name, a.is_historical) for a in form.fields["area"].queryset]
    assert [tuple(row) for row in sql["plan_options"]] == [(plan.pk, str(plan)) for plan in form.fields["plan"].queryset]
    assert [f"{year}-{half}" for year, half in sql["periods"]] == [value for value, _label in form.fields["period"].choices[1:]]


def _late_half_year(user):
    """The half-year with the most late reports the user sees, as the benchmark picks it."""
    late = ProgressReport.objects.filter(access.organisation_scope(user, roles=access.AREA_WIDE_ROLES), SENT_LATE, status__in=RECEIVED)
    row = late.values("period__year", "period__half").annotate(n=Count("pk")).order_by("-n", "-period__year").first()
    return row["period__year"], row["period__half"]


def _late_province_leader():
    """A leader of a province that has late reports."""
    late = ProgressReport.objects.filter(SENT_LATE, plan__number__endswith=PLAN_SUFFIX, plan__area__level="province")
    area = late.select_related("plan__area").order_by("pk").first().plan.area
    department = Organisation.objects.get(area=area, side=Organisation.Side.EDUCATION)
    return make_user("province_leader", (department, Membership.Role.LEADER))


@pytest.mark.parametrize("who", [_national_leader, _late_province_leader, _superuser], ids=["national", "province", "superuser"])
def test_bare_sql_gives_the_late_report_lists_rows(national_data, client, who):
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        user = who()
        year, half = _late_half_year(user)
        shown = _shown(client, user, reverse("reports:report_list"), {"year": year, "half": half, "timing": "late"})
        with connection.cursor() as cursor:
            count, rows = bare_sql.report_list_late(cursor, user_id=user.pk, year=year, half=half)
    page = shown["page"]
    assert page.paginator.count > 0
    assert count == page.paginator.count
    # The list orders by area and unit name; a unit late on two plans may come in either order.
    assert [(row[7], row[6]) for row in rows] == [(r.organisation.area.path, r.organisation.name) for r in page.object_list]
    assert sorted(row[:7] + row[8:] for row in rows) == sorted(
        _row(report, report.status, report.submitted_at) for report in page.object_list
    )
