"""The benchmark's bare SQL computes the dashboard's figures, exactly, on generated data.

``make bench`` divides each page's time by the time of hand-written SQL of the same figures
(``benchmarks/bare_sql.py``); the ratio means something only while the two agree. This compares
them figure by figure for a national leader, a province leader and a superuser, on a small
national data set (two provinces, six communes each, two years, every report state).
"""
import os
from datetime import datetime

import pytest
import time_machine
from django.core.paginator import Paginator
from django.db import connection
from django.utils import timezone

from benchmarks import bare_sql
from conftest import make_user
from programmes.models import Membership, Organisation, Plan, User
from programmes.services.areas import areas_load_current
from reports.dashboard import Filters, dashboard_for, scoped_units, unit_grid
from reports.demo_national import PLAN_SUFFIX, national_load
from reports.forms import DashboardFilterForm

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
