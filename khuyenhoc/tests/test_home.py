"""The home page is a to-do list for each role the user holds."""

from datetime import date, datetime
from datetime import timezone as dt_timezone

import lxml.html
import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_commitment, make_organisation, make_plan, make_user
from programmes.models import Membership
from reports import dashboard
from reports.models import ReportingUnit
from reports.services import workflow
from reports.services.periods import plan_open_reporting
from tasks.models import Notification

Role = Membership.Role


def travel(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 3, tzinfo=dt_timezone.utc), tick=False)


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def section(tree, testid) -> str:
    found = tree.xpath(f'//*[@data-testid="{testid}"]')
    return " ".join(found[0].text_content().split()) if found else ""


def assert_links_open(client, tree, testid):
    """Every link of the section opens (200) for the signed-in user, and none holds a None."""
    hrefs = [a.get("href") for a in tree.xpath(f'//*[@data-testid="{testid}"]//a')]
    assert hrefs
    for href in hrefs:
        assert "None" not in href
        assert client.get(href).status_code == 200, href
    return hrefs


def submitted(user, period, organisation, proposals=""):
    """A report filed through the services, as a reporter would."""
    report = workflow.report_start(user=user, plan=period.plan, period=period, organisation=organisation)
    progress = [workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(period.plan, organisation)]
    report = workflow.report_save(
        user=user,
        report=report,
        version=report.version,
        narrative={"proposals_text": proposals},
        progress=progress,
        values={},
    )
    return workflow.report_submit(user=user, report=report)


# Reporter -------------------------------------------------------------------


def test_reporter_sees_the_report_due_with_the_days_left_and_nothing_of_another_unit(
    client, world, reporter_a, reporter_b, h1
):
    with travel(date(2026, 5, 20)):
        workflow.report_start(user=reporter_b, plan=h1.plan, period=h1, organisation=world.unit_b)
        tree = home(client, reporter_a)
    todo = section(tree, "todo-reporter")
    assert "Cần lập" in todo and "6 tháng đầu năm 2026" in todo
    assert "còn 30 ngày" in todo and "Hạn 19/06/2026" in todo
    assert "Hội Khuyến học phường Hòa Bình" in todo
    assert "Lạc Sơn" not in tree.text_content() and "Bản nháp" not in todo
    start = tree.xpath('//*[@data-testid="todo-reporter"]//form/@action')
    assert start == [reverse("reports:report_start", args=[h1.pk, world.unit_a.pk])]


def test_reporter_sees_a_draft_that_opens_on_its_edit_page(client, world, reporter_a, h1):
    with travel(date(2026, 6, 10)):
        report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        tree = home(client, reporter_a)
        hrefs = assert_links_open(client, tree, "todo-reporter")
    todo = section(tree, "todo-reporter")
    assert "Bản nháp chưa gửi" in todo and "còn 9 ngày" in todo and "Cần lập" not in todo
    assert reverse("reports:report_edit", args=[report.pk]) in hrefs


@pytest.mark.parametrize(
    "day, expected",
    [(date(2026, 6, 19), ["Cần lập", "đến hạn hôm nay"]), (date(2026, 6, 22), ["Quá hạn", "quá hạn 3 ngày"])],
)
def test_reporter_sees_due_today_and_overdue_with_the_days_late(client, world, reporter_a, h1, day, expected):
    with travel(day):
        todo = section(home(client, reporter_a), "todo-reporter")
    for text in expected:
        assert text in todo


def test_returned_report_shows_the_comment_and_the_last_day_to_fix_it(client, world, reporter_a, reviewer, h1):
    with travel(date(2026, 6, 15)):
        report = submitted(reporter_a, h1, world.unit_a)
        workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu học bổng")
        tree = home(client, reporter_a)
        hrefs = assert_links_open(client, tree, "todo-reporter")
    todo = section(tree, "todo-reporter")
    assert "Bị trả lại" in todo and "Bổ sung số liệu học bổng" in todo
    assert "chậm nhất ngày 04/07/2026" in todo
    assert reverse("reports:report_edit", args=[report.pk]) in hrefs


def test_returned_report_after_the_lock_opens_its_page_until_it_is_reopened(client, world, reporter_a, reviewer, h1):
    with travel(date(2026, 6, 15)):
        report = submitted(reporter_a, h1, world.unit_a)
        workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu")
    with travel(date(2026, 7, 10)):
        tree = home(client, reporter_a)
        assert reverse("reports:report_detail", args=[report.pk]) in assert_links_open(client, tree, "todo-reporter")
        assert "Kỳ báo cáo đã khóa" in section(tree, "todo-reporter")
        workflow.report_reopen(
            user=reviewer, plan=h1.plan, period=h1, organisation=world.unit_a, until=date(2026, 7, 20)
        )
        tree = home(client, reporter_a)
        assert reverse("reports:report_edit", args=[report.pk]) in assert_links_open(client, tree, "todo-reporter")
    assert "chậm nhất ngày 20/07/2026" in section(tree, "todo-reporter")


def test_a_missing_report_after_the_lock_says_to_ask_the_province_until_the_next_one_is_due(
    client, world, reporter_a, h1
):
    with travel(date(2026, 7, 10)):  # H1 locked on 04/07; H2 is due on 19/12
        tree = home(client, reporter_a)
    overdue = " ".join(item.text_content() for item in tree.xpath('//*[@data-kind="overdue"]'))
    assert "6 tháng đầu năm 2026" in overdue and "Kỳ báo cáo đã khóa" in overdue
    assert not tree.xpath('//*[@data-kind="overdue"]//a | //*[@data-kind="overdue"]//form')  # nothing to open
    with travel(date(2026, 12, 25)):  # H2 is past due: that is what the unit must see now
        overdue = [
            " ".join(item.text_content().split())
            for item in home(client, reporter_a).xpath('//*[@data-kind="overdue"]')
        ]
    assert len(overdue) == 1 and "6 tháng cuối năm 2026" in overdue[0]


def test_a_reporter_with_nothing_to_do_is_told_so_without_warning_colours(client, world, reporter_a, h1):
    with travel(date(2026, 6, 10)):
        submitted(reporter_a, h1, world.unit_a)
        tree = home(client, reporter_a)
    assert "Không có việc cần làm" in section(tree, "todo-reporter")
    page = lxml.html.tostring(tree, encoding="unicode")
    assert "None" not in page and "text-bg-warning" not in page and "text-bg-danger" not in page


# Reviewer -------------------------------------------------------------------


@pytest.fixture
def filing_week(world, reporter_a, h1, other_plan):
    """Unit A sent its report with a proposal; province Q has a report waiting too."""
    with travel(date(2026, 6, 10)):
        report = submitted(reporter_a, h1, world.unit_a, proposals="Đề nghị hỗ trợ kinh phí")
        other_plan.start_year = other_plan.end_year = 2026
        other_plan.save()
        make_commitment(other_plan, "1")
        plan_open_reporting(user=None, plan=other_plan)
        other_reporter = make_user("reporter_q", (world.other_unit, Role.REPORTER))
        ReportingUnit.objects.get_or_create(plan=other_plan, organisation=world.other_unit)
        submitted(other_reporter, other_plan.periods.get(half="H1"), world.other_unit, proposals="Đề nghị khác")
    return report


def test_reviewer_sees_reports_waiting_proposals_and_late_units_of_the_province(client, world, reviewer, filing_week):
    with travel(date(2026, 6, 22)):
        tree = home(client, reviewer)
        hrefs = assert_links_open(client, tree, "todo-reviewer")
        late = tree.xpath('//*[@data-testid="todo-late"]//a/@href')[0]
        late_page = client.get(late).content.decode()
    todo = section(tree, "todo-reviewer")
    assert "1 báo cáo chờ thẩm định" in todo and "1 kiến nghị chưa trả lời" in todo
    assert "3 đơn vị chưa gửi báo cáo 6 tháng đầu năm 2026" in todo
    assert reverse("reports:report_detail", args=[filing_week.pk]) in hrefs
    assert "Thuận An" not in tree.text_content() and "Hồ Chí Minh" not in tree.text_content()
    assert "Hội Khuyến học xã Lạc Sơn" in late_page and "Hội Khuyến học phường Hòa Bình" not in late_page


def test_reviewer_with_nothing_waiting_is_told_so(client, world, reviewer, reporting_plan):
    with travel(date(2026, 5, 20)):  # nothing sent, nothing due yet
        tree = home(client, reviewer)
    assert "Không có việc cần làm" in section(tree, "todo-reviewer")
    assert "None" not in lxml.html.tostring(tree, encoding="unicode")


def test_outsider_sees_nothing_of_the_province(client, world, outsider, filing_week):
    with travel(date(2026, 6, 22)):
        tree = home(client, outsider)
    text = tree.text_content()
    assert "Phú Thọ" not in text and "Hòa Bình" not in text and "1392/KH" not in text
    assert "todo-reviewer" not in lxml.html.tostring(tree, encoding="unicode")


# Editor ---------------------------------------------------------------------


@pytest.fixture
def unopened(world):
    return make_plan(
        world.province,
        world.department,
        number="7/KH-SGDĐT",
        title="Kế hoạch chưa mở kỳ",
        status="in_force",
        start_year=2026,
        end_year=2027,
    )


def test_editor_sees_plans_to_open_and_plans_ending_in_the_lead_time(
    client, world, editor, reporting_plan, unopened, other_plan
):
    with travel(date(2026, 11, 1)):
        tree = home(client, editor)
        hrefs = assert_links_open(client, tree, "todo-editor")
    periods, ending = section(tree, "todo-periods"), section(tree, "todo-ending")
    assert "7/KH-SGDĐT" in periods and "1392/KH" not in periods
    assert "1392/KH" in ending and "31/12/2026" in ending and "còn 60 ngày" in ending and "7/KH" not in ending
    assert reverse("programmes:plan_detail", args=[unopened.pk]) in hrefs
    assert other_plan.number not in tree.text_content()


def test_editor_does_not_see_a_plan_ending_beyond_the_lead_time(client, world, editor, reporting_plan):
    with travel(date(2026, 5, 20)):
        tree = home(client, editor)
    assert not section(tree, "todo-ending")
    assert "Không có việc cần làm" in section(tree, "todo-editor")


def test_outsider_editor_sees_only_the_plans_of_their_province(client, world, outsider, unopened, other_plan):
    with travel(date(2026, 11, 1)):
        tree = home(client, outsider)
    periods = section(tree, "todo-periods")
    assert other_plan.number in periods and "7/KH" not in periods


# Leader ---------------------------------------------------------------------


def test_leader_sees_the_dashboards_key_figures(client, world, leader, reporter_a, reviewer, h1):
    with travel(date(2026, 6, 10)):
        submitted(reporter_a, h1, world.unit_a)
    with travel(date(2026, 7, 1)):
        cache.clear()
        tree = home(client, leader)
        board = dashboard.dashboard_for(leader, dashboard.Filters())
        assert_links_open(client, tree, "todo-leader")
    todo = section(tree, "todo-leader")
    assert (board.expected, board.received, board.late, board.missing) == (4, 1, 0, 3)
    assert "Số liệu chính 6 tháng đầu năm 2026" in todo
    assert "4 đơn vị phải báo cáo" in todo and "1 đơn vị đã gửi báo cáo" in todo and "trễ hạn" not in todo
    assert "3 đơn vị chưa gửi báo cáo" in todo


def test_leader_sees_the_units_fixing_a_returned_report_apart_from_those_missing(
    client, world, leader, reporter_a, reviewer, h1
):
    with travel(date(2026, 6, 10)):
        workflow.report_return(user=reviewer, report=submitted(reporter_a, h1, world.unit_a), comment="Thiếu số liệu")
    with travel(date(2026, 7, 1)):
        cache.clear()
        tree = home(client, leader)
        assert_links_open(client, tree, "todo-leader")
    todo = section(tree, "todo-leader")
    assert "1 đơn vị đang sửa báo cáo bị trả lại" in todo and "3 đơn vị chưa gửi báo cáo" in todo


# Every role, notifications, queries -----------------------------------------


def test_unread_notifications_are_named_outside_the_phone_menu(client, world, reporter_a):
    Notification.objects.bulk_create([Notification(user=reporter_a, title=f"Nhắc việc {i}") for i in range(3)])
    tree = home(client, reporter_a)
    link = tree.xpath('//*[@data-testid="unread-phone"]')[0]
    assert link.get("aria-label") == "3 thông báo chưa đọc"
    assert not link.xpath('ancestor::*[@id="main-nav"]')
    assert link.get("href") == reverse("tasks:notifications")
    assert "Bạn có 3 thông báo chưa đọc." in tree.text_content()
    Notification.objects.update(read_at=datetime(2026, 1, 1, tzinfo=dt_timezone.utc))
    link = home(client, reporter_a).xpath('//*[@data-testid="unread-phone"]')[0]
    assert link.get("aria-label") == "Thông báo" and not link.xpath(".//*[contains(@class, 'badge')]")


def add_units(world, period, prefix, count):
    """``count`` more association units that report on the period's plan, half of them with a
    report waiting and a proposal, and as many plans in force without periods."""
    for i in range(count):
        unit = make_organisation(f"Hội Khuyến học {prefix} {i}", world.commune_a, parent=world.association)
        ReportingUnit.objects.create(plan=period.plan, organisation=unit)
        if i % 2:
            submitted(make_user(f"{prefix}_{i}", (unit, Role.REPORTER)), period, unit, proposals=f"Kiến nghị {i}")
        make_plan(
            world.province,
            world.department,
            number=f"{prefix}{i}/KH",
            status="in_force",
            start_year=2026,
            end_year=2026,
        )


def test_home_takes_a_bounded_number_of_queries_whatever_the_data(client, world, h1, django_assert_max_num_queries):
    everyone = make_user(
        "everyone",
        (world.unit_a, Role.REPORTER),
        (world.association, Role.REVIEWER),
        (world.department, Role.EDITOR),
        (world.department, Role.LEADER),
    )

    client.force_login(everyone)

    def queries_of_home():
        with travel(date(2026, 6, 22)):
            client.get(reverse("home"))  # the session's activity stamp is written once a while, not counted here
        cache.clear()  # the leader's figures are computed, not read from the cache
        with travel(date(2026, 6, 22)), CaptureQueriesContext(connection) as queries:
            tree = lxml.html.fromstring(client.get(reverse("home")).content.decode())
        for testid in ("todo-reporter", "todo-reviewer", "todo-periods", "todo-leader"):
            assert section(tree, testid), testid
        return len(queries)

    with travel(date(2026, 6, 10)):
        add_units(world, h1, "a", 2)
    few = queries_of_home()
    with travel(date(2026, 6, 10)):
        add_units(world, h1, "b", 20)
    assert queries_of_home() == few, "the number of queries grows with the data"
    cache.clear()
    with travel(date(2026, 6, 22)), django_assert_max_num_queries(40):
        client.get(reverse("home"))
