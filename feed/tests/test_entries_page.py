"""The feed's page: newest first, 25 at a time, filtered by party and kind, in the same few queries
however long the feed; opening it marks it seen, and the plan's page counts what is new."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_organisation, make_user
from feed.models import Entry
from feed.services import entry_post, record
from programmes.models import Membership
from reports.models import ProgressReport

Kind = Entry.Kind


def entries_shown(response) -> list[str]:
    page = response.content.decode().split('data-testid="feed-entries"')[1].split("</ol>")[0]
    return [chunk.split("</h2>")[0].split(">", 1)[1] for chunk in page.split('<h2 class="h6 mb-1"')[1:]]


@pytest.fixture
def feed(world, reporting_plan, editor, reviewer):
    """Sixty entries over sixty days: a notice of the department every day, a letter of the
    association every third day, an accepted report every fifth."""
    start = timezone.now() - timedelta(days=60)
    for day in range(60):
        with time_machine.travel(start + timedelta(days=day), tick=False):
            if day % 3 == 0:
                entry_post(
                    user=reviewer,
                    plan=reporting_plan,
                    party=world.association,
                    kind=Kind.LETTER,
                    title=f"Công văn ngày {day}",
                    number=f"{day}/HKH",
                )
            elif day % 5 == 0:
                record(
                    plan=reporting_plan,
                    kind=Kind.REPORT_ACCEPTED,
                    title=f"Đã duyệt báo cáo {day}",
                    party=world.unit_a,
                    key=f"test:{day}",
                )
            else:
                entry_post(
                    user=editor, plan=reporting_plan, party=world.department, kind=Kind.NOTICE, title=f"Thông báo {day}"
                )
    return reporting_plan


def test_newest_first_25_a_page(client, feed, reporter_a):
    client.force_login(reporter_a)
    url = reverse("feed:entries", args=[feed.pk])
    first = client.get(url)
    assert entries_shown(first)[:2] == ["Thông báo 59", "Thông báo 58"]
    assert len(entries_shown(first)) == 25
    assert first.context["page"].paginator.count == 60
    last = client.get(url, {"page": 3})
    assert len(entries_shown(last)) == 10 and entries_shown(last)[-1] == "Công văn ngày 0"


def test_filtered_by_party_and_by_kind(client, world, feed, reporter_a):
    client.force_login(reporter_a)
    url = reverse("feed:entries", args=[feed.pk])
    letters = entries_shown(client.get(url, {"party": world.association.pk}))
    assert letters[0] == "Công văn ngày 57" and all(title.startswith("Công văn") for title in letters)
    accepted = entries_shown(client.get(url, {"kind": "report_accepted"}))
    assert accepted == [f"Đã duyệt báo cáo {day}" for day in (55, 50, 40, 35, 25, 20, 10, 5)]
    # The unit whose report was accepted is offered as a party to filter by.
    assert entries_shown(client.get(url, {"party": world.unit_a.pk, "kind": "report_accepted"})) == accepted
    assert entries_shown(client.get(url, {"party": world.department.pk, "kind": "letter"})) == []
    # A forged value is ignored, with the field's error, not a server error.
    response = client.get(url, {"party": "999999", "kind": "nonsense"})
    assert response.status_code == 200 and len(entries_shown(response)) == 25


def test_a_letter_shows_its_number_and_date(client, feed, reporter_a):
    client.force_login(reporter_a)
    page = client.get(reverse("feed:entries", args=[feed.pk]), {"kind": "letter"}).content.decode()
    day = timezone.localdate(Entry.objects.get(number="57/HKH").created_at)
    assert "57/HKH" in page and day.strftime("%d/%m/%Y") in page


def test_the_page_costs_the_same_queries_however_long_the_feed(client, world, feed, reporter_a, editor):
    def cost(user, **query) -> int:
        client.force_login(user)
        url = reverse("feed:entries", args=[feed.pk])
        client.get(url)  # the session's first stamps and the first reading are written once, not per page
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        return len(queries)

    short = cost(editor)
    Entry.objects.bulk_create(
        [Entry(plan=feed, kind=Kind.NOTICE, title=f"Thêm {n}", party=world.department) for n in range(200)]
    )
    assert cost(editor) == short
    assert cost(reporter_a, party=world.unit_a.pk) <= short
    assert short <= 12, short


def test_pages_of_many_entries_stay_under_a_fixed_number_of_queries(
    client, feed, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    client.get(reverse("home"))
    with django_assert_max_num_queries(14):  # the first reading also records the feed seen
        client.get(reverse("feed:entries", args=[feed.pk]), {"page": 2})


def test_opening_the_feed_marks_it_seen_and_the_plan_page_counts_what_is_new(
    client, world, reporting_plan, editor, reporter_a
):
    plan_page = reverse("programmes:plan_detail", args=[reporting_plan.pk])
    feed_page = reverse("feed:entries", args=[reporting_plan.pk])
    for n in range(3):
        entry_post(user=editor, plan=reporting_plan, party=world.department, kind=Kind.NOTICE, title=f"Tin {n}")
    client.force_login(reporter_a)
    link = client.get(plan_page).content.decode().split('data-testid="feed-link"')[1].split("</a>")[0]
    assert "3" in link
    assert client.get(feed_page).content.decode().count('class="badge feed-new"') == 3
    link = client.get(plan_page).content.decode().split('data-testid="feed-link"')[1].split("</a>")[0]
    assert "feed-new" not in link  # seen
    entry_post(user=editor, plan=reporting_plan, party=world.department, kind=Kind.NOTICE, title="Tin mới")
    link = client.get(plan_page).content.decode().split('data-testid="feed-link"')[1].split("</a>")[0]
    assert 'class="badge feed-new">1' in link
    assert client.get(feed_page).content.decode().count('class="badge feed-new"') == 1
    # The author's own posts are never new to them.
    client.force_login(editor)
    assert "feed-new" not in client.get(plan_page).content.decode().split('data-testid="feed-link"')[1].split("</a>")[0]


def test_the_plan_page_has_no_feed_link_for_who_does_not_read_it(client, world, reporting_plan):
    """A commune association that does not report on the plan reads the plan, not its feed."""
    commune = make_organisation("Hội Khuyến học xã Yên Phú", world.commune_b, parent=world.association)
    client.force_login(make_user("yen_phu", (commune, Membership.Role.REPORTER)))
    page = client.get(reverse("programmes:plan_detail", args=[reporting_plan.pk]))
    assert page.status_code == 200 and 'data-testid="feed-link"' not in page.content.decode()


def test_a_unit_sees_a_link_only_where_it_opens(client, world, reporting_plan, reporter_a, reviewer):
    """Commune A reads that commune B's report was accepted, but not B's report: no link to it."""
    h1 = reporting_plan.periods.get(year=2026, half="H1")
    links = {}
    for unit in (world.unit_a, world.unit_b):
        report = ProgressReport.objects.create(plan=reporting_plan, period=h1, organisation=unit, status="accepted")
        links[unit.pk] = reverse("reports:report_detail", args=[report.pk])
        record(
            plan=reporting_plan, kind=Kind.REPORT_ACCEPTED, title=f"Đã duyệt {unit}", link=links[unit.pk], party=unit
        )
    client.force_login(reporter_a)
    page = client.get(reverse("feed:entries", args=[reporting_plan.pk])).content.decode()
    assert f'href="{links[world.unit_a.pk]}"' in page and f'href="{links[world.unit_b.pk]}"' not in page
    assert "Đã duyệt Hội Khuyến học xã Lạc Sơn" in page  # the entry itself is read
    client.force_login(reviewer)
    page = client.get(reverse("feed:entries", args=[reporting_plan.pk])).content.decode()
    assert all(f'href="{link}"' in page for link in links.values())
