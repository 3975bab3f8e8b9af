from datetime import date, datetime
from datetime import timezone as dt_timezone

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from conftest import make_commitment, make_organisation, make_plan
from programmes.models import Area, Indicator
from reports import dashboard
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, ReportingUnit
from reports.services import workflow
from reports.services.periods import plan_open_reporting

ON_TIME = datetime(2026, 6, 18, 3, tzinfo=dt_timezone.utc)
LATE = datetime(2026, 6, 25, 3, tzinfo=dt_timezone.utc)


def report(plan, period, organisation, status, submitted=None, statuses=None, values=None):
    r = ProgressReport.objects.create(
        plan=plan, period=period, organisation=organisation, status=status, submitted_at=submitted
    )
    for number, state in (statuses or {}).items():
        CommitmentProgress.objects.create(report=r, commitment=plan.commitments.get(number=number), status=state)
    for name, value in (values or {}).items():
        IndicatorValue.objects.create(
            report=r, indicator=Indicator.objects.get(commitment__plan=plan, name=name), value=value
        )
    return r


@pytest.fixture
def reported(world, reporting_plan, h1):
    """First half of 2026 in province P: one on time, one late, one draft, one never started."""
    report(reporting_plan, h1, world.department, "accepted", ON_TIME, {"1": "done", "3": "at_risk"})
    report(
        reporting_plan,
        h1,
        world.unit_a,
        "submitted",
        LATE,
        {"1": "done", "2": "in_progress"},
        {"Học bổng": 300000, "Tỷ lệ hội viên": 80},
    )
    report(reporting_plan, h1, world.association, "draft", None, {"1": "done"}, {"Học bổng": 999999999})
    return reporting_plan


@pytest.fixture
def elsewhere(world):
    """Province Q's own plan, with a report: never in province P's figures."""
    plan = make_plan(
        world.other_province,
        world.other_department,
        number="9/KH",
        title="Kế hoạch tỉnh khác",
        status="in_force",
        start_year=2026,
        end_year=2026,
    )
    make_commitment(plan, "1")
    plan_open_reporting(user=None, plan=plan)
    report(plan, plan.periods.get(half="H1"), world.other_unit, "accepted", ON_TIME, {"1": "done"})
    return plan


@pytest.fixture
def today():
    with time_machine.travel(date(2026, 7, 1), tick=False):
        cache.clear()
        yield


def test_figures_match_the_reports(world, leader, reported, elsewhere, today):
    board = dashboard.dashboard_for(leader, dashboard.Filters())
    assert (board.year, board.half) == (2026, "H1")
    assert (board.plans_in_force, board.expected, board.on_time, board.late, board.missing, board.accepted) == (
        1,
        4,
        1,
        1,
        2,
        1,
    )
    assert board.commitments == {"joint": {"done": 2}, "department": {"at_risk": 1}, "association": {"in_progress": 1}}
    indicators = {row.name: row for row in board.indicators}
    assert (
        indicators["Học bổng"].value == 300000 and indicators["Học bổng"].progress == 30.0
    )  # the draft is not counted
    assert indicators["Tỷ lệ hội viên"].value == 80
    assert [row["commitment__number"] for row in board.lagging] == ["3", "2"]  # at risk first
    first_half = next(row for row in board.trend if (row["year"], row["half"]) == (2026, "H1"))
    assert first_half == {
        "year": 2026,
        "half": "H1",
        "expected": 4,
        "on_time": 1,
        "late": 1,
        "returned": 0,
        "missing": 2,
    }


def test_a_province_leader_sees_only_the_province_and_the_nation_sees_all(
    world, leader, superuser, reported, elsewhere, today
):
    assert dashboard.dashboard_for(leader, dashboard.Filters()).plans_in_force == 1
    national = dashboard.dashboard_for(superuser, dashboard.Filters(year=2026, half="H1"))
    assert (national.plans_in_force, national.expected, national.on_time) == (2, 6, 2)


def test_filters_by_party_and_area(world, leader, reported, today):
    association = dashboard.dashboard_for(leader, dashboard.Filters(year=2026, half="H1", kind="association"))
    assert (association.expected, association.on_time, association.late) == (3, 0, 1)
    commune = dashboard.dashboard_for(leader, dashboard.Filters(year=2026, half="H1", area_id=world.commune_b.pk))
    assert (commune.expected, commune.received) == (1, 0)


def test_every_number_clicks_through_to_what_is_behind_it(client, world, leader, reported, today):
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "timing=late" in page and "timing=missing" in page

    def listed(**params):
        page = client.get(reverse("reports:report_list"), params).content.decode()
        return page.split('data-testid="report-list"')[1].split("</table>")[0]

    late = listed(year=2026, half="H1", timing="late")
    assert world.unit_a.name in late and world.department.name not in late
    missing = listed(year=2026, half="H1", timing="missing")
    assert world.unit_b.name in missing and world.association.name in missing and world.unit_a.name not in missing


def test_a_report_change_refreshes_the_cached_dashboard(
    world, leader, reporter_b, reported, h1, django_capture_on_commit_callbacks
):
    with time_machine.travel(date(2026, 6, 10), tick=False):
        cache.clear()
        before = dashboard.dashboard_for(leader, dashboard.Filters(year=2026, half="H1"))
        with django_capture_on_commit_callbacks(execute=True):
            r = workflow.report_start(user=reporter_b, plan=reported, period=h1, organisation=world.unit_b)
            r = workflow.report_save(
                user=reporter_b,
                report=r,
                version=r.version,
                narrative={},
                progress=[
                    workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(reported, world.unit_b)
                ],
                values={},
            )
            workflow.report_submit(user=reporter_b, report=r)
        after = dashboard.dashboard_for(leader, dashboard.Filters(year=2026, half="H1"))
    assert after.on_time == before.on_time + 1


def _grow(world, plan, period, units: int):
    for index in range(units):
        area = Area.objects.create(code=f"X{index}", name=f"Xã Thử {index}", level="commune", parent=world.province)
        unit = make_organisation(f"Hội Khuyến học xã Thử {index}", area)
        ReportingUnit.objects.create(plan=plan, organisation=unit)
        report(plan, period, unit, "accepted", ON_TIME, {"1": "done", "2": "done"}, {"Học bổng": 1000})


def test_the_dashboard_page_costs_a_bounded_number_of_queries(
    client, world, leader, reported, h1, today, django_assert_max_num_queries
):
    client.force_login(leader)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    _grow(world, reported, h1, 40)
    client.get(reverse("home"))  # the session's activity stamp is written once a while, not counted here
    cache.clear()
    with django_assert_max_num_queries(30) as large:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_dashboard_exports_its_figures(client, leader, reported, today):
    import io

    import openpyxl

    client.force_login(leader)
    response = client.get(reverse("reports:dashboard_xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    figures = dict(workbook["Số liệu chính"].iter_rows(min_row=2, values_only=True))
    assert figures["Gửi đúng hạn"] == 1 and figures["Gửi muộn"] == 1 and figures["Chưa gửi"] == 2


def _export_of(client, page_params):
    """Follow the export link the dashboard shows for ``page_params`` and read the workbook back."""
    import html
    import io
    import re

    import openpyxl

    page = client.get(reverse("reports:dashboard"), page_params).content.decode()
    href = html.unescape(re.search(r'href="([^"]+)" data-testid="export"', page).group(1))
    assert href.startswith(reverse("reports:dashboard_xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(href).content))
    return dict(workbook["Số liệu chính"].iter_rows(min_row=2, values_only=True))


def test_the_export_follows_the_half_year_and_the_party_on_the_screen(client, world, leader, today):
    plan = make_plan(
        world.province,
        world.department,
        world.association,
        number="2/KH",
        title="Kế hoạch 2025-2026",
        status="in_force",
        start_year=2025,
        end_year=2026,
    )
    make_commitment(plan, "1")
    plan_open_reporting(user=None, plan=plan)
    h1_2025 = plan.periods.get(year=2025, half="H1")
    report(plan, h1_2025, world.unit_a, "submitted", datetime(2025, 6, 25, 3, tzinfo=dt_timezone.utc), {"1": "done"})
    report(plan, h1_2025, world.department, "accepted", datetime(2025, 6, 18, 3, tzinfo=dt_timezone.utc), {"1": "done"})
    client.force_login(leader)
    figures = _export_of(client, {"year": 2025, "half": "H1"})
    assert figures["Kỳ báo cáo"] == "6 tháng đầu năm 2025"
    assert (figures["Gửi muộn"], figures["Gửi đúng hạn"]) == (1, 1)
    association = _export_of(client, {"year": 2025, "half": "H1", "kind": "association"})
    assert (association["Gửi muộn"], association["Gửi đúng hạn"]) == (1, 0)  # the department is another party


def test_a_returned_report_is_its_own_figure_never_missing(client, world, leader, reported, h1, today):
    report(reported, h1, world.unit_b, "returned", ON_TIME, {"1": "done"})
    board = dashboard.dashboard_for(leader, dashboard.Filters())
    assert (board.expected, board.received, board.returned, board.missing) == (4, 2, 1, 1)
    first_half = next(row for row in board.trend if (row["year"], row["half"]) == (2026, "H1"))
    assert (first_half["returned"], first_half["missing"]) == (1, 1)
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    returned = page.split('data-testid="returned-count"')[1].split("</a>")[0]
    assert ">1<" in returned and "bị trả lại, đang sửa" in returned
    missing = client.get(
        reverse("reports:report_list"), {"year": 2026, "half": "H1", "timing": "missing"}
    ).content.decode()
    assert world.unit_b.name not in missing.split('data-testid="report-list"')[1]


def test_not_applicable_is_left_out_of_the_dashboards_scores(client, world, leader, reported, h1, today):
    ProgressReport.objects.filter(organisation=world.department).update(status="accepted")
    CommitmentProgress.objects.filter(report__organisation=world.department, commitment__number="3").update(
        status="not_applicable"
    )
    board = dashboard.dashboard_for(leader, dashboard.Filters())
    scores = {row["party"]: (row["done"], row["total"], row["not_applicable"]) for row in board.scores}
    assert scores["department"] == (0, 0, 1) and scores["joint"] == (2, 2, 0)
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "0/0, 1 không áp dụng" in page


def test_the_party_filter_offers_every_kind_and_one_plans_parties_are_named(client, world, leader, reported, today):
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    for label in ("Tất cả các bên", "Ủy ban nhân dân", "Đoàn Thanh niên", "Hội Cựu giáo chức"):
        assert f">{label}</option>" in page
    table = 'data-testid="commitment-status"'
    across = page[page.index(table) :]
    assert '<th scope="row">Ngành Giáo dục</th>' in across  # over many plans, by what the party is
    # Filtered to one plan, the commitments table names its parties.
    page = client.get(reverse("reports:dashboard"), {"plan": reported.pk}).content.decode()
    one = page[page.index(table) :]
    assert f'<th scope="row">{world.department.name}</th>' in one
    assert f'<th scope="row">{world.association.name}</th>' in one
