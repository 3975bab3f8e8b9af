"""What the leadership pages cost as the country grows (issue 12): the queries of the dashboards, a
plan page, a period page, the late report list and the review queue stay the same whatever the number of units, reports and years, and no
page outgrows 400 KB of HTML. Both data sets come from the national generator (demo.national)."""

from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from demo.national import national_load
from programmes.models import Area, Membership, Organisation, Plan
from programmes.services.areas import areas_load_current
from reports import dashboard
from reports.models import ProgressReport, ReportingPeriod, ReportingUnit

MAX_QUERIES = 30
MAX_HTML = 400 * 1024
# In the filing week of the first half of 2026: its reports are in, some late, some missing.
TODAY = datetime(2026, 7, 10, 9, 0)
SMALL = {"years": 1, "provinces": 1, "units_per_province": 3}
LARGE = {"years": 4, "provinces": 2, "units_per_province": 60}


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        cache.clear()  # no dashboard cached by another test
        yield


@pytest.fixture
def areas(db, frozen):
    areas_load_current()


class _Undo(Exception):
    pass


def _load(size: dict) -> dict:
    """The data set of ``size``, a national and a province leader, and the pages they read."""
    national_load(**size, progress=lambda message: None)
    nation = Area.objects.get(level=Area.Level.NATION)
    national = Organisation.objects.get_or_create(
        area=nation, name="Hội Khuyến học Việt Nam", defaults={"side": "association"}
    )[0]
    plan = Plan.objects.filter(status=Plan.Status.IN_FORCE).order_by("area__path").first()
    department = Organisation.objects.get(area=plan.area, side=Organisation.Side.EDUCATION, parent__isnull=True)
    period = ReportingPeriod.objects.get(plan=plan, year=2026, half="H1")
    national_leader = make_user(f"national-{plan.pk}", (national, Membership.Role.LEADER))
    province_leader = make_user(f"province-{plan.pk}", (department, Membership.Role.LEADER))
    # A reviewer's period page also carries a reopen form per unit that may be given more time.
    province_reviewer = make_user(f"reviewer-{plan.pk}", (department, Membership.Role.REVIEWER))
    national_reviewer = make_user(f"national-reviewer-{plan.pk}", (national, Membership.Role.REVIEWER))
    late = f"{reverse('reports:report_list')}?year=2026&half=H1&timing=late"
    return {
        "units": ReportingUnit.objects.count(),
        "reports": ProgressReport.objects.count(),
        "pages": {
            "national dashboard": (national_leader, reverse("reports:dashboard")),
            "province dashboard": (province_leader, reverse("reports:dashboard")),
            "plan page": (province_leader, reverse("programmes:plan_detail", args=[plan.pk])),
            "period page": (province_leader, reverse("reports:period_detail", args=[plan.pk, period.pk])),
            "period page, national": (national_leader, reverse("reports:period_detail", args=[plan.pk, period.pk])),
            "period page, reviewer": (province_reviewer, reverse("reports:period_detail", args=[plan.pk, period.pk])),
            "late report list, national": (national_leader, late),
            "late report list, province": (province_leader, late),
            "review queue, national": (national_reviewer, reverse("reports:review_queue")),
        },
    }


def _measure(client, pages: dict) -> dict:
    """Per page: (queries, bytes of HTML), the dashboards computed afresh (cache cleared)."""
    costs = {}
    for name, (user, url) in pages.items():
        client.force_login(user)
        client.get(reverse("home"))  # the session's first stamps are written once, not per page
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        costs[name] = (len(queries), len(response.content))
    return costs


def test_the_pages_cost_the_same_queries_whatever_the_units_reports_and_years(client, areas):
    # The small data set is loaded and measured in a savepoint rolled back before the large one.
    try:
        with transaction.atomic():
            small = _load(SMALL)
            small_costs = _measure(client, small["pages"])
            raise _Undo
    except _Undo:
        pass
    large = _load(LARGE)
    large_costs = _measure(client, large["pages"])
    assert large["units"] >= 10 * small["units"] and large["reports"] >= 50 * small["reports"]
    for name, (queries, size) in large_costs.items():
        assert small_costs[name][0] <= MAX_QUERIES, name
        assert queries <= MAX_QUERIES, name
        assert queries == small_costs[name][0], name  # flat, not merely under the cap
        assert size <= MAX_HTML, name
    reviewer, url = large["pages"]["period page, reviewer"]
    client.force_login(reviewer)
    assert client.get(url).content.decode().count("/reopen/") >= 10  # the forms were counted in


def test_the_unit_grid_links_each_report_and_names_its_state(client, areas):
    data = _load(SMALL)
    leader, url = data["pages"]["province dashboard"]
    client.force_login(leader)
    page = client.get(url).content.decode()
    grid = page.split('data-testid="unit-grid"')[1].split("</table>")[0]
    report = ProgressReport.objects.filter(period__year=2026, period__half="H1", status="accepted").first()
    assert f'href="{reverse("reports:report_detail", args=[report.pk])}">' in grid
    assert "Đã duyệt</a>" in grid  # "Accepted", in the page's language, without a stray line break


def _by_hand(user, filters: dashboard.Filters, year: int, half: str, today) -> tuple:
    """The headline figures counted in Python from every report and unit of the plans in scope."""
    plans = set(dashboard.scoped_plans(user, filters).values_list("pk", flat=True))
    area = Area.objects.filter(pk=filters.area_id).first()

    def kept(organisation):
        return (not filters.kind or organisation.kind == filters.kind) and (
            not area or organisation.area.path.startswith(area.path)
        )

    started = set(
        ReportingPeriod.objects.filter(plan__in=plans, year=year, half=half, starts_on__lte=today).values_list(
            "plan", flat=True
        )
    )
    expected = sum(
        kept(u.organisation)
        for u in ReportingUnit.objects.filter(plan__in=started).select_related("organisation__area")
    )
    reports = [
        r
        for r in ProgressReport.objects.filter(plan__in=plans, period__year=year, period__half=half).select_related(
            "period", "organisation__area"
        )
        if kept(r.organisation)
    ]
    received = [r for r in reports if r.status in ("submitted", "accepted")]
    late = sum(r.submitted_late for r in received)
    return (
        expected,
        len(received) - late,
        late,
        sum(r.status == "accepted" for r in reports),
        sum(r.status == "returned" for r in reports),
    )


def test_the_dashboards_figures_are_those_of_the_reports_on_varied_data(areas):
    """Late, returned, missing and accepted reports of several provinces and years, by party and area."""
    data = _load({"years": 2, "provinces": 2, "units_per_province": 8})
    national_leader = data["pages"]["national dashboard"][0]
    province_leader = data["pages"]["province dashboard"][0]
    commune = (
        Area.objects.filter(organisations__reporting_for__isnull=False, level=Area.Level.COMMUNE)
        .order_by("path")
        .first()
    )
    province = Area.objects.filter(plans__isnull=False).order_by("-path").first()
    today = timezone.localdate()
    cases = [
        (national_leader, dashboard.Filters()),
        (national_leader, dashboard.Filters(kind="association")),
        (national_leader, dashboard.Filters(year=2025, half="H2")),
        (national_leader, dashboard.Filters(area_id=province.pk, year=2025, half="H1")),
        (province_leader, dashboard.Filters()),
        (province_leader, dashboard.Filters(area_id=commune.pk)),
        (province_leader, dashboard.Filters(kind="education", year=2025, half="H2")),
    ]
    seen = set()
    for user, filters in cases:
        board = dashboard.dashboard_for(user, filters)
        figures = (board.expected, board.on_time, board.late, board.accepted, board.returned)
        assert figures == _by_hand(user, filters, board.year, board.half, today), filters
        seen.add(figures)
    assert len(seen) == len(cases)  # the cases differ, so equal figures are no accident
