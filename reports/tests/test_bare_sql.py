"""The benchmark's bare SQL computes what the pages show, exactly, on generated data: the dashboard's
figures, the period page's, the review queue's count, first page and filter options, the late report
list's count and first page.

``make bench`` divides each page's time by the time of hand-written SQL of the same figures
(``benchmarks/bare_sql.py``); the ratio means something only while the two agree. This compares
them figure by figure for national, province and superuser readers, on a small
national data set (two provinces, six communes each, two years, every report state).
"""

import os
import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from benchmarks import bare_sql
from conftest import make_user
from demo.national import PLAN_SUFFIX, national_load
from programmes import access
from programmes.models import Commitment, Indicator, Membership, Organisation, Plan, User
from programmes.services.areas import areas_load_current
from reports.dashboard import Filters, dashboard_for, scoped_units, unit_grid
from reports.forms import DashboardFilterForm
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal
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


def _national_reviewer():
    return User.objects.get(username="national_reviewer")


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
            (
                (u.organisation_id, u.plan_id),
                [grid.get((u.organisation_id, u.plan_id), {}).get(p) for p in board.grid_periods],
            )
            for u in page
        ],
        "plan_options": sorted((plan.pk, str(plan)) for plan in form.fields["plan"].queryset),
        "area_options": [(area.pk, area.name, area.is_historical) for area in form.fields["area"].queryset],
    }


def _lagging_key(row):
    return (-row["at_risk"], -row["lagging"], row["commitment__number"])


@pytest.mark.parametrize(
    "who", [_national_leader, _province_leader, _superuser], ids=["national", "province", "superuser"]
)
def test_bare_sql_gives_the_dashboards_figures(national_data, who):
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        user = who()
        page = _page_figures(user)
        with connection.cursor() as cursor:
            sql = bare_sql.dashboard(cursor, user_id=user.pk, today=timezone.localdate())
    board = page["board"]
    assert board.received > 0 and board.trend and board.lagging and board.indicators  # data worth comparing

    headline = [
        "year",
        "half",
        "plans_in_force",
        "expected",
        "on_time",
        "late",
        "accepted",
        "returned",
        "commitments",
        "trend",
    ]
    assert {k: sql[k] for k in headline} == {k: getattr(board, k) for k in headline}
    assert sql["grid_periods"] == board.grid_periods

    def indicator_rows(rows):
        return sorted(
            (r["name"], r["unit"], r["aggregation"], r["direction"], r["target"], round(r["value"], 6), r["units"])
            for r in rows
        )

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
        repr({k: e[k] for k in ("kind", "year", "half", "on", "plans", "first_plan", "first_period")})
        for e in board.coming
    )

    assert sql["unit_count"] == page["unit_count"]
    assert [
        (key, [sql["unit_grid"].get(key, {}).get(p) for p in board.grid_periods]) for key, _cells in page["grid"]
    ] == page["grid"]
    assert sorted(sql["plan_options"]) == page["plan_options"]
    assert [tuple(row) for row in sql["area_options"]] == page["area_options"]

    # The money lines, by source and by area, and the open conclusions.
    assert sum(pupils for _key, pupils, _amount in sql["money"]) > 0 and board.conclusions_open > 0
    assert sql["money"] == _lines(board.money) and sql["money_sources"] == _lines(board.money_sources)
    assert sql["money_by_province"] == board.money_by_province
    assert sql["money_areas"] == [(row.area, _lines(row.lines)) for row in board.money_areas]
    assert sql["conclusions_open"] == board.conclusions_open
    assert [tuple(row) for row in sql["conclusions"]] == [
        (c["number"], c["text"], c["responsible"], c["deadline"], c["late"], c["conference"], c["commitment"])
        for c in board.conclusions
    ]


def _lines(lines) -> list:
    return [(line.key, line.pupils, line.amount) for line in lines]


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


def _period_page(client, user, period) -> dict:
    """What the period page shows, from the context its body was rendered with (built afresh: the
    data were changed behind the services, which would have given the body a new version)."""
    cache.clear()
    page = _shown(client, user, reverse("reports:period_detail", args=[period.plan_id, period.pk]))["page"]
    return {"rows": page.rows, "consolidation": page.consolidation}


def _until(row) -> date | None:
    """The date the row's reopen form proposes, as the page writes it; None without a form."""
    if not row["until_field"]:
        return None
    return datetime.strptime(re.search(r'value="([^"]+)"', row["until_field"]).group(1), "%d/%m/%Y").date()


@pytest.mark.parametrize("who", [_national_reviewer, _province_leader], ids=["national reviewer", "province leader"])
def test_bare_sql_gives_the_period_pages_figures(national_data, client, who):
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        today = timezone.localdate()
        plan = Plan.objects.filter(number__endswith=PLAN_SUFFIX).order_by("area__path").last()  # the province leader's
        period = plan.periods.filter(due_on__lte=today).order_by("-year", "-half").first()
        # Every state a row can show, whatever the generator drew for these few units: late, being
        # fixed (its proposal not counted), reopened; and what the data set lacks: withdrawn
        # commitments and indicators (before the period started: not asked for; after: kept), an
        # indicator added up by its latest figure.
        sent = list(period.reports.filter(status__in=["submitted", "accepted"]).order_by("pk"))
        assert len(sent) >= 4
        late_day = datetime.combine(
            period.due_on + timedelta(days=2), datetime.min.time(), tzinfo=timezone.get_current_timezone()
        )
        last = max(max(r.submitted_at for r in sent) + timedelta(hours=1), late_day)
        ProgressReport.objects.filter(pk=sent[2].pk).update(submitted_at=last)  # late, and the latest sent
        ProgressReport.objects.filter(pk=sent[1].pk).update(status="returned")
        Proposal.objects.create(report=sent[1], text="Not counted while it is being fixed")
        Proposal.objects.create(report=sent[2], text="Đề nghị bổ sung kinh phí", answer="Đồng ý")
        Proposal.objects.create(report=sent[0], text="Đề nghị tập huấn")
        commitments = list(plan.commitments.order_by("pk"))
        Commitment.objects.filter(pk=commitments[0].pk).update(withdrawn_on=period.starts_on - timedelta(days=1))
        Commitment.objects.filter(pk=commitments[1].pk).update(withdrawn_on=period.starts_on + timedelta(days=1))
        indicators = list(Indicator.objects.filter(commitment__in=commitments[2:]).order_by("pk"))
        Indicator.objects.filter(pk=indicators[0].pk).update(withdrawn_on=period.starts_on - timedelta(days=1))
        Indicator.objects.filter(pk=indicators[1].pk).update(
            withdrawn_on=period.starts_on + timedelta(days=1), aggregation="latest"
        )
        # A commitment no unit that reported on it has to do (not applicable), one only some say so of.
        CommitmentProgress.objects.filter(report__in=sent, commitment=commitments[3]).update(status="not_applicable")
        CommitmentProgress.objects.filter(report=sent[0], commitment=commitments[2]).update(status="not_applicable")
        # The latest figure is the one sent last, not the first or last row written.
        IndicatorValue.objects.filter(indicator=indicators[1], report__in=sent).delete()
        for report, value in [(sent[0], 1), (sent[2], 12345), (sent[3], 3)]:
            IndicatorValue.objects.create(report=report, indicator=indicators[1], value=value)
        draft = period.reports.filter(status="draft").order_by("pk").first()
        ProgressReport.objects.filter(pk=draft.pk).update(reopened_until=today + timedelta(days=3))
        user = who()
        page = _period_page(client, user, period)
        with connection.cursor() as cursor:
            sql = bare_sql.period_page(cursor, user_id=user.pk, plan_id=plan.pk, period_id=period.pk, today=today)

    rows, consolidation = page["rows"], page["consolidation"]
    assert {row["timing"] for row in rows} == {"on_time", "late", "returned", "missing"}  # data worth comparing
    assert (
        [row["deadline"] for row in rows if row["deadline"]]
        and len(consolidation.proposals) >= 2
        and consolidation.returned
    )
    assert sql["period"] == (
        plan.number,
        plan.kind,
        plan.title,
        plan.area.name,
        period.year,
        period.half,
        period.starts_on,
        period.ends_on,
        period.due_on,
        period.locked_after,
        period.conference_on,
    )

    def report_id(row):
        return int(row["href"].rstrip("/").rsplit("/", 1)[1]) if row["href"] else None

    assert [tuple(unit) for unit in sql["units"]] == [
        (
            row["organisation"].pk,
            row["organisation"].name,
            row["organisation"].area.name,
            row["organisation"].area.is_historical,
            report_id(row),
            row["status"],
            row["timing"],
            row["deadline"],
            _until(row),
        )
        for row in rows
    ]
    assert [row["href"] for row in rows if row["href"]] == [
        reverse("reports:report_detail", args=[unit[4]]) for unit in sql["units"] if unit[4]
    ]
    reopen_forms = [row for row in rows if row["reopen_action"]]
    if user.username == "national_reviewer":
        assert reopen_forms and len(reopen_forms) < len(rows)
    else:
        assert not reopen_forms  # a leader does not review

    counts = ["expected", "received", "accepted", "returned"]
    assert {k: sql[k] for k in counts} == {k: getattr(consolidation, k) for k in counts}
    assert [tuple(row) for row in sql["indicators"]] == [
        (
            t.indicator.commitment.number,
            t.indicator.name,
            t.indicator.aggregation,
            t.indicator.direction,
            t.indicator.target_value,
            t.indicator.unit,
            t.value,
            t.units,
        )
        for t in consolidation.totals
    ]
    shown = {t.indicator.pk for t in consolidation.totals}
    assert indicators[0].pk not in shown and indicators[1].pk in shown
    assert next(t.value for t in consolidation.totals if t.indicator.pk == indicators[1].pk) == 12345
    assert sql["scores"] == {s.party: (s.done, s.total, s.not_applicable) for s in consolidation.scores}
    assert sum(total for _done, total, _na in sql["scores"].values()) and sum(
        na for _d, _t, na in sql["scores"].values()
    )
    assert [tuple(p) for p in sql["proposals"]] == [(p.organisation, p.text, p.answer) for p in consolidation.proposals]
    assert consolidation.given  # data worth comparing
    assert sql["money"] == _lines(consolidation.money) and sql["money_sources"] == _lines(consolidation.money_sources)


def _row(report, *fields) -> tuple:
    period, organisation, plan = report.period, report.organisation, report.plan
    return (
        report.pk,
        *fields,
        period.year,
        period.half,
        period.due_on,
        organisation.name,
        organisation.area.name,
        organisation.area.is_historical,
        plan.number,
        plan.title,
    )


@pytest.mark.parametrize(
    "who",
    [lambda: User.objects.get(username="national_reviewer"), _province_reviewer, _superuser],
    ids=["national", "province", "superuser"],
)
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
    assert [tuple(row) for row in sql["area_options"]] == [
        (a.pk, a.name, a.is_historical) for a in form.fields["area"].queryset
    ]
    assert [tuple(row) for row in sql["plan_options"]] == [
        (plan.pk, str(plan)) for plan in form.fields["plan"].queryset
    ]
    assert [f"{year}-{half}" for year, half in sql["periods"]] == [
        value for value, _label in form.fields["period"].choices[1:]
    ]


def _late_half_year(user):
    """The half-year with the most late reports the user sees, as the benchmark picks it."""
    late = ProgressReport.objects.filter(
        access.organisation_scope(user, roles=access.AREA_WIDE_ROLES), SENT_LATE, status__in=RECEIVED
    )
    row = late.values("period__year", "period__half").annotate(n=Count("pk")).order_by("-n", "-period__year").first()
    return row["period__year"], row["period__half"]


def _late_province_leader():
    """A leader of a province that has late reports."""
    late = ProgressReport.objects.filter(SENT_LATE, plan__number__endswith=PLAN_SUFFIX, plan__area__level="province")
    area = late.select_related("plan__area").order_by("pk").first().plan.area
    department = Organisation.objects.get(area=area, side=Organisation.Side.EDUCATION)
    return make_user("province_leader", (department, Membership.Role.LEADER))


@pytest.mark.parametrize(
    "who", [_national_leader, _late_province_leader, _superuser], ids=["national", "province", "superuser"]
)
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
    assert [(row[7], row[6]) for row in rows] == [
        (r.organisation.area.path, r.organisation.name) for r in page.object_list
    ]
    assert sorted(row[:7] + row[8:] for row in rows) == sorted(
        _row(report, report.status, report.submitted_at) for report in page.object_list
    )
