"""The review queue for a country: a page at a time, filtered, oldest first, and accepting
several reports with one confirmation."""

import re
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse
from django.utils.html import escape

from conftest import make_organisation, make_plan, make_user
from programmes.models import Membership
from reports.models import ProgressReport, ReportEvent
from reports.services.periods import plan_open_reporting

QUEUE = reverse("reports:review_queue")
ACCEPT = reverse("reports:review_accept")
# H1 2026 is due on 19/06; a report sent at noon in Hà Nội on that day is on time.
ON_TIME = datetime(2026, 6, 10, 5, 0, tzinfo=dt_timezone.utc)
LATE = datetime(2026, 6, 25, 5, 0, tzinfo=dt_timezone.utc)


def sent(plan, period, unit, at=ON_TIME, status="submitted") -> ProgressReport:
    return ProgressReport.objects.create(plan=plan, period=period, organisation=unit, status=status, submitted_at=at)


def units(world, n):
    return [
        make_organisation(f"Hội Khuyến học xã Số {i:03}", world.commune_a, parent=world.association) for i in range(n)
    ]


def rows(page: str) -> list[str]:
    """The unit names in the queue's table, in order."""
    table = page.split('data-testid="review-queue"')[1].split("</table>")[0]
    return re.findall(r'<a href="/[^"]*/\d+/">([^<]+)</a>', table)


@pytest.fixture
def q_plan(world):
    """Province Q's plan for 2026, with its periods."""
    plan = make_plan(
        world.other_province, world.other_department, number="07/KH", status="in_force", start_year=2026, end_year=2026
    )
    plan_open_reporting(user=None, plan=plan)
    return plan


@pytest.fixture
def many(world, h1):
    """60 units of province P, each with a report sent a minute after the one before."""
    return [sent(h1.plan, h1, unit, ON_TIME + timedelta(minutes=i)) for i, unit in enumerate(units(world, 60))]


# Pages and order -----------------------------------------------------------------------------


def test_the_queue_shows_fifty_reports_a_page_oldest_submission_first(client, reviewer, many):
    client.force_login(reviewer)
    first = client.get(QUEUE).content.decode()
    assert rows(first) == [f"Hội Khuyến học xã Số {i:03}" for i in range(50)]
    assert "60 báo cáo đang chờ thẩm định" in first
    assert "Trang 1 / 2" in first
    second = client.get(QUEUE, {"page": 2}).content.decode()
    assert rows(second) == [f"Hội Khuyến học xã Số {i:03}" for i in range(50, 60)]


def test_the_oldest_submission_comes_first_whatever_was_created_first(client, world, reviewer, h1):
    sent(h1.plan, h1, world.unit_a, LATE)
    sent(h1.plan, h1, world.unit_b, ON_TIME)
    client.force_login(reviewer)
    assert rows(client.get(QUEUE).content.decode()) == [world.unit_b.name, world.unit_a.name]


def test_the_page_links_keep_the_filters(client, reviewer, many):
    client.force_login(reviewer)
    page = client.get(QUEUE, {"timing": "on_time"}).content.decode()
    assert 'href="?timing=on_time&amp;page=2"' in page
    assert 'aria-label="Các trang"' in page and "Trang sau" in page


def test_a_page_number_out_of_range_or_not_a_number_shows_a_page(client, reviewer, many):
    client.force_login(reviewer)
    assert rows(client.get(QUEUE, {"page": "999"}).content.decode())[0] == "Hội Khuyến học xã Số 050"
    assert rows(client.get(QUEUE, {"page": "abc"}).content.decode())[0] == "Hội Khuyến học xã Số 000"


# Filters -------------------------------------------------------------------------------------


def test_the_queue_filters_by_area_with_the_historical_units_of_the_area(client, world, reviewer, h1):
    sent(h1.plan, h1, world.unit_a)
    sent(h1.plan, h1, world.historical_unit)
    client.force_login(reviewer)
    assert rows(client.get(QUEUE, {"area": world.historical_district.pk}).content.decode()) == [
        world.historical_unit.name
    ]
    assert rows(client.get(QUEUE, {"area": world.province.pk}).content.decode()) == [world.unit_a.name]


def test_the_queue_filters_by_plan_and_by_period(client, world, reviewer, h1):
    other = make_plan(
        world.province,
        world.department,
        world.association,
        number="02/KH-HKH",
        status="in_force",
        start_year=2026,
        end_year=2026,
    )
    plan_open_reporting(user=None, plan=other)
    h2 = h1.plan.periods.get(year=2026, half="H2")
    sent(h1.plan, h1, world.unit_a)
    sent(h1.plan, h2, world.unit_b, LATE)
    sent(other, other.periods.get(year=2026, half="H1"), world.historical_unit)
    client.force_login(reviewer)
    assert rows(client.get(QUEUE, {"plan": other.pk}).content.decode()) == [world.historical_unit.name]
    assert rows(client.get(QUEUE, {"period": "2026-H2"}).content.decode()) == [world.unit_b.name]
    both = client.get(QUEUE, {"plan": h1.plan.pk, "period": "2026-H1"}).content.decode()
    assert rows(both) == [world.unit_a.name]
    assert "6 tháng cuối năm 2026" in both  # the periods are named as people say them


def test_the_queue_filters_late_and_on_time_by_the_vietnamese_day(client, world, reviewer, h1):
    sent(h1.plan, h1, world.unit_a, datetime(2026, 6, 19, 18, 0, tzinfo=dt_timezone.utc))  # 01:00 on 20/06 in Hà Nội
    sent(h1.plan, h1, world.unit_b, datetime(2026, 6, 19, 16, 0, tzinfo=dt_timezone.utc))  # 23:00 on 19/06
    client.force_login(reviewer)
    assert rows(client.get(QUEUE, {"timing": "late"}).content.decode()) == [world.unit_a.name]
    assert rows(client.get(QUEUE, {"timing": "on_time"}).content.decode()) == [world.unit_b.name]


def test_filter_values_not_offered_are_shown_as_errors_and_left_out(client, world, reviewer, h1, other_plan):
    sent(h1.plan, h1, world.unit_a)
    client.force_login(reviewer)
    for params in [
        {"area": world.other_province.pk},
        {"area": "abc"},
        {"plan": other_plan.pk},
        {"plan": "999999999999999999999"},
        {"period": "2026-H9"},
        {"period": "x"},
        {"timing": "soon"},
        {"page": "-1", "timing": ["late", "<script>"]},
    ]:
        response = client.get(QUEUE, params)
        assert response.status_code == 200, params
        assert rows(response.content.decode()) == [world.unit_a.name], params
    page = client.get(QUEUE, {"plan": other_plan.pk, "timing": "late"}).content.decode()
    assert "invalid-feedback" in page
    assert rows(page) == []  # the valid filter still applies


def test_the_area_and_plan_choices_are_the_reviewers_own(client, world, reviewer, h1, other_plan):
    client.force_login(reviewer)
    page = client.get(QUEUE).content.decode()
    assert world.province.name in page and world.other_province.name not in page
    assert escape(str(h1.plan)) in page and escape(str(other_plan)) not in page


def test_an_empty_filter_result_says_so(client, world, reviewer, h1):
    sent(h1.plan, h1, world.unit_a)
    client.force_login(reviewer)
    page = client.get(QUEUE, {"timing": "late"}).content.decode()
    assert "Không có báo cáo chờ thẩm định nào khớp với bộ lọc." in page


# Accepting several reports -------------------------------------------------------------------


def test_the_reviewer_ticks_reports_confirms_once_and_each_is_accepted_with_who_and_when(client, world, reviewer, h1):
    a, b, c = sent(h1.plan, h1, world.unit_a), sent(h1.plan, h1, world.unit_b), sent(h1.plan, h1, world.historical_unit)
    client.force_login(reviewer)
    queue = client.get(QUEUE, {"timing": "on_time"}).content.decode()
    assert f'action="{ACCEPT}"' in queue and f'name="report" value="{a.pk}"' in queue
    confirm = client.post(ACCEPT, {"report": [a.pk, b.pk], "query": "timing=on_time"})
    assert confirm.status_code == 200
    listed = confirm.content.decode().split('data-testid="bulk-accept-list"')[1].split("</ul>")[0]
    assert world.unit_a.name in listed and world.unit_b.name in listed and world.historical_unit.name not in listed
    a.refresh_from_db()
    assert a.status == "submitted"  # nothing is accepted before the confirmation
    done = client.post(ACCEPT, {"report": [a.pk, b.pk], "query": "timing=on_time", "confirm": "1"}, follow=True)
    assert done.redirect_chain[-1][0] == f"{QUEUE}?timing=on_time"
    assert "Đã duyệt 2 báo cáo." in done.content.decode()
    for report in (a, b):
        report.refresh_from_db()
        assert report.status == "accepted" and report.reviewed_at is not None
        assert report.events.filter(action=ReportEvent.Action.ACCEPTED, actor=reviewer).exists()
    c.refresh_from_db()
    assert c.status == "submitted"
    assert rows(done.content.decode()) == [world.historical_unit.name]


def test_a_report_returned_meanwhile_is_skipped_and_named(client, world, reviewer, h1):
    a, b = sent(h1.plan, h1, world.unit_a), sent(h1.plan, h1, world.unit_b)
    client.force_login(reviewer)
    assert world.unit_b.name in client.post(ACCEPT, {"report": [a.pk, b.pk]}).content.decode()
    ProgressReport.objects.filter(pk=b.pk).update(status="returned")  # another reviewer returned it
    done = client.post(ACCEPT, {"report": [a.pk, b.pk], "confirm": "1"}, follow=True)
    page = done.content.decode()
    assert "Đã duyệt 1 báo cáo." in page
    assert "1 báo cáo chưa được duyệt" in page and world.unit_b.name in page
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("accepted", "returned")
    assert not b.events.filter(action=ReportEvent.Action.ACCEPTED).exists()


def test_the_confirmation_leaves_out_what_cannot_be_accepted(client, world, reviewer, h1, q_plan):
    a = sent(h1.plan, h1, world.unit_a)
    accepted = sent(h1.plan, h1, world.unit_b, status="accepted")
    foreign = sent(q_plan, q_plan.periods.get(year=2026, half="H1"), world.other_unit)
    client.force_login(reviewer)
    page = client.post(ACCEPT, {"report": [a.pk, accepted.pk, foreign.pk, "x", "²"]}).content.decode()
    listed = page.split('data-testid="bulk-accept-list"')[1].split("</ul>")[0]
    assert world.unit_a.name in listed and world.unit_b.name not in listed
    assert "2 báo cáo chưa được duyệt" in page
    assert world.other_unit.name not in page  # another province's report is not even named
    client.post(ACCEPT, {"report": [a.pk, accepted.pk, foreign.pk], "confirm": "1"})
    foreign.refresh_from_db()
    assert foreign.status == "submitted"


def test_a_reviewer_who_may_see_but_not_review_a_unit_gets_it_skipped(client, world, h1, q_plan):
    """A reviewer of province P who is also an editor of province Q sees Q's reports, but reviews only P's."""
    both = make_user(
        "both", (world.association, Membership.Role.REVIEWER), (world.other_department, Membership.Role.EDITOR)
    )
    a = sent(h1.plan, h1, world.unit_a)
    q = sent(q_plan, q_plan.periods.get(year=2026, half="H1"), world.other_unit)
    client.force_login(both)
    page = client.post(ACCEPT, {"report": [a.pk, q.pk], "confirm": "1"}, follow=True).content.decode()
    assert "Đã duyệt 1 báo cáo." in page and world.other_unit.name in page
    q.refresh_from_db()
    assert q.status == "submitted"


@pytest.mark.parametrize(
    "name, status", [("outsider", 404), ("reporter_b", 404), ("reporter_a", 403), ("editor", 403), ("leader", 403)]
)
def test_only_the_reports_reviewers_accept_them(client, world, h1, persona, name, status):
    a = sent(h1.plan, h1, world.unit_a)
    client.force_login(persona(name))
    assert client.post(ACCEPT, {"report": [a.pk]}).status_code == status
    assert client.post(ACCEPT, {"report": [a.pk], "confirm": "1"}).status_code == status
    a.refresh_from_db()
    assert a.status == "submitted"


def test_bulk_acceptance_is_a_post(client, world, reviewer, h1):
    a = sent(h1.plan, h1, world.unit_a)
    client.force_login(reviewer)
    assert client.get(ACCEPT, {"report": [a.pk], "confirm": "1"}).status_code == 405
    a.refresh_from_db()
    assert a.status == "submitted"


def test_nothing_ticked_or_too_many_goes_back_with_a_message(client, reviewer, many):
    client.force_login(reviewer)
    response = client.post(ACCEPT, {"query": "page=2&timing=late"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{QUEUE}?page=2&timing=late"
    assert "Hãy chọn từ 1 đến 100 báo cáo để duyệt." in response.content.decode()
    too_many = client.post(ACCEPT, {"report": [r.pk for r in many] + list(range(10**6, 10**6 + 50)), "confirm": "1"})
    assert too_many.status_code == 302
    assert not ProgressReport.objects.filter(status="accepted").exists()


def test_the_way_back_is_always_the_queue(client, world, reviewer, h1):
    a = sent(h1.plan, h1, world.unit_a)
    client.force_login(reviewer)
    response = client.post(ACCEPT, {"report": [a.pk], "confirm": "1", "query": "x=1&next=https://evil.example/"})
    assert response["Location"].startswith(QUEUE + "?")
    assert "evil.example/" not in response["Location"].split("?")[0]


# Bounded whatever the number of reports ------------------------------------------------------


@pytest.mark.parametrize("n", [3, 60])
def test_the_queue_takes_a_bounded_number_of_queries_and_stays_small(
    client, world, reviewer, h1, n, django_assert_max_num_queries
):
    h2 = h1.plan.periods.get(year=2026, half="H2")
    for i, unit in enumerate(units(world, n)):
        sent(h1.plan, h1, unit, ON_TIME + timedelta(minutes=i))
        sent(h1.plan, h2, unit, LATE + timedelta(days=200, minutes=i))
    client.force_login(reviewer)
    client.get(QUEUE)  # the session's first page warms what every page reads once
    for params in [
        {},
        {"page": 2, "timing": "late", "area": world.province.pk, "plan": h1.plan.pk, "period": "2026-H2"},
    ]:
        with django_assert_max_num_queries(30):
            response = client.get(QUEUE, params)
        assert response.status_code == 200
        assert len(response.content) < 400_000


@pytest.mark.parametrize("n", [3, 60])
def test_the_report_list_takes_a_bounded_number_of_queries(client, world, leader, h1, n, django_assert_max_num_queries):
    for i, unit in enumerate(units(world, n)):
        sent(h1.plan, h1, unit, ON_TIME + timedelta(minutes=i), status="accepted")
    client.force_login(leader)
    for params in [
        {},
        {"year": 2026, "half": "H1", "timing": "on_time", "page": 2},
        {"year": 2026, "half": "H1", "timing": "missing"},
    ]:
        with django_assert_max_num_queries(30):
            response = client.get(reverse("reports:report_list"), params)
        assert response.status_code == 200
        assert len(response.content) < 400_000
