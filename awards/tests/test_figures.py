"""What the pupil lists gave flows on: into the giving unit's report as figures it can still
correct, into the period page and the consolidated files, and onto the dashboards as the three
money lines by area and by source; counts and đồng only, never a pupil's name."""

import io
import re
from datetime import date

import docx
import openpyxl
import pytest
from django.urls import reverse

from awards import figures, services
from awards.models import ListEntry
from conftest import add_pupil, make_pupil_list, make_user
from programmes.models import Indicator, Membership
from reports.exports.docx import consolidation_docx
from reports.exports.xlsx import consolidation_xlsx
from reports.services import workflow
from reports.services.consolidation import consolidate

Role = Membership.Role
SCHOLARSHIP_PUPIL = "Hoàng Thị Mai Anh"


@pytest.fixture
def given(world, reporting_plan, reviewer):
    """The Sở's list sent to the association, which gave in the first half of 2026 two
    scholarships (1.500.000 and 1.000.000 đ from a donor and the fund), one award (500.000 đ),
    and nothing to a fourth pupil; and a scholarship in August, in the second half."""
    commitment = reporting_plan.commitments.get(number="2")
    Indicator.objects.create(
        commitment=commitment, name="Số suất học bổng trao cho học sinh", unit="people", target_value=10
    )
    Indicator.objects.create(commitment=commitment, name="Số học sinh được khen thưởng", unit="pupils", target_value=5)
    pupil_list = make_pupil_list(reporting_plan, world.department, world.association, status="sent")
    decided = [
        (SCHOLARSHIP_PUPIL, "scholarship", 1_500_000, "donor", date(2026, 3, 10)),
        ("Lý Văn Toàn", "scholarship", 1_000_000, "fund", date(2026, 4, 1)),
        ("Đặng Quốc Bảo", "award", 500_000, "fund", date(2026, 5, 2)),
        ("Vi Thị Hằng", "none", None, "", date(2026, 5, 2)),
        ("Sầm Văn Lực", "scholarship", 2_000_000, "budget", date(2026, 8, 1)),
    ]
    for name, decision, amount, source, day in decided:
        entry = add_pupil(pupil_list, name, birth_date=date(2011, 1, len(name)))
        entry.decision, entry.amount, entry.source, entry.given_on = decision, amount, source, day
        services.entry_decide(user=reviewer, entry=entry)
    return pupil_list


def test_an_indicator_counts_what_its_name_says():
    assert figures.decisions_named("Số suất học bổng, quà tặng trao cho học sinh") == {"scholarship", "support"}
    assert figures.decisions_named("Số học sinh đạt giải được khen thưởng") == {"award"}
    assert figures.decisions_named("Tỉ lệ học sinh đi học chuyên cần") == set()
    assert figures.decisions_named("Giai đoạn thực hiện thường xuyên") == set()  # not "giải", not "thưởng"


def test_what_was_given_fills_the_giving_units_report_and_the_unit_can_correct_it(
    client, world, reporting_plan, h1, given, in_h1
):
    reporter = make_user("hkh_reporter", (world.association, Role.REPORTER))
    report = workflow.report_start(user=reporter, plan=reporting_plan, period=h1, organisation=world.association)
    indicators = {i.name: i for i in Indicator.objects.filter(commitment__plan=reporting_plan)}
    client.force_login(reporter)
    url = reverse("reports:report_edit", args=[report.pk])
    page = client.get(url).content.decode()

    def value(name):
        return re.search(rf'name="value_{indicators[name].pk}"[^>]*value="([^"]*)"', page).group(1)

    # The first half's two scholarships and their đồng, and its award; not August's.
    assert value("Học bổng") == "2.500.000"
    assert value("Số suất học bổng trao cho học sinh") == "2"
    assert value("Số học sinh được khen thưởng") == "1"
    assert not re.search(rf'name="value_{indicators["Tỷ lệ hội viên"].pk}"[^>]*value=', page)
    assert page.count('data-testid="given-figure"') == 3
    assert SCHOLARSHIP_PUPIL not in page

    # The unit counts a scholarship given without a list: its figure is kept, the lists' shown beside.
    data = {"version": report.version, f"value_{indicators['Số suất học bổng trao cho học sinh'].pk}": "3"}
    client.post(url, data)
    page = client.get(url).content.decode()
    assert value("Số suất học bổng trao cho học sinh") == "3"
    assert "Đã trao theo danh sách học sinh trong nửa năm: 2" in page


def test_the_period_page_and_the_consolidated_files_carry_the_money_lines(
    client, reporting_plan, h1, given, reviewer, django_capture_on_commit_callbacks
):
    result = consolidate(reporting_plan, h1)
    assert [(line.key, line.pupils, line.amount) for line in result.money] == [
        ("scholarship", 2, 2_500_000),
        ("support", 0, 0),
        ("award", 1, 500_000),
    ]
    assert [(line.key, line.pupils, line.amount) for line in result.money_sources] == [
        ("fund", 2, 1_500_000),
        ("donor", 1, 1_500_000),
    ]
    document = docx.Document(io.BytesIO(consolidation_docx(result)))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Học bổng", "2", "2.500.000"] in rows and ["Nguồn: Nhà tài trợ", "1", "1.500.000"] in rows
    sheet = openpyxl.load_workbook(io.BytesIO(consolidation_xlsx(result, [])))["Học bổng, khen thưởng"]
    assert ("Hình thức", "Khen thưởng", 1, 500_000) in list(sheet.iter_rows(values_only=True))

    client.force_login(reviewer)
    url = reverse("reports:period_detail", args=[reporting_plan.pk, h1.pk])
    page = client.get(url).content.decode()
    table = page.split('data-testid="money-lines"')[1].split("</table>")[0]
    assert "Học bổng" in table and "2.500.000" in table and SCHOLARSHIP_PUPIL not in page

    # A decision recorded after the page was built shows on the next reading.
    entry = given.entries.get(full_name="Vi Thị Hằng")
    entry.decision, entry.amount, entry.source = "support", 300_000, "fund"
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_decide(user=reviewer, entry=entry)
    table = client.get(url).content.decode().split('data-testid="money-lines"')[1].split("</table>")[0]
    assert "300.000" in table


def test_the_dashboard_shows_the_money_lines_by_commune_and_by_province_without_names(client, world, given, leader):
    hardship = make_pupil_list(given.plan, world.unit_a, world.association, title="Học sinh khó khăn", status="sent")
    entry = add_pupil(hardship, "Lò Thị Thu")
    ListEntry.objects.filter(pk=entry.pk).update(
        decision="support", amount=700_000, source="donor", given_on=date(2026, 4, 20)
    )
    url = reverse("reports:dashboard") + "?year=2026&half=H1"
    client.force_login(leader)
    page = client.get(url).content.decode()
    areas = page.split('data-testid="money-areas"')[1].split("</table>")[0]
    # The Sở's list counts for the province, the ward association's for its ward.
    assert world.province.name in areas and world.commune_a.name in areas
    assert "700.000" in areas and "2.500.000" in areas
    assert "Lò Thị Thu" not in page and SCHOLARSHIP_PUPIL not in page

    # Over the country, the ward's list counts for its province.
    year = figures.given(date(2026, 1, 1), date(2026, 12, 31))
    assert {row.area: row.amount for row in figures.summary_by_area(year, provinces=True)[2]} == {
        world.province.name: 2_500_000 + 500_000 + 2_000_000 + 700_000
    }


def test_the_dashboard_counts_what_was_given_in_the_half_year_the_plans_reports_count(client, world, given, leader):
    """The plan's first half of 2026 ends on 14 June: a scholarship given on 20 June is the second
    half's, in the consolidated report and on the dashboard alike (not the calendar's first half)."""
    entry = add_pupil(given, "Mùa Văn Sáng")
    ListEntry.objects.filter(pk=entry.pk).update(
        decision="scholarship", amount=900_000, source="fund", given_on=date(2026, 6, 20)
    )
    plan = given.plan
    client.force_login(leader)
    for half, amounts in (("H1", 2_500_000 + 500_000), ("H2", 2_000_000 + 900_000)):
        period = plan.periods.get(year=2026, half=half)
        consolidated = consolidate(plan, period).money
        board = client.get(reverse("reports:dashboard"), {"year": 2026, "half": half}).context["board"]
        assert [(line.key, line.pupils, line.amount) for line in board.money] == [
            (line.key, line.pupils, line.amount) for line in consolidated
        ]
        assert sum(line.amount for line in board.money) == amounts
