"""The demo's review conference of the Phú Thọ plan's last half-year."""

import pytest
from django.urls import reverse

from conferences.models import Conference
from conftest import built_once
from demo.conferences import demo_conference_load
from demo.core import demo_load
from programmes.models import User


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: demo_load() or True)


@pytest.fixture
def conference(db, _loaded):
    return Conference.objects.get()


def test_the_conference_has_its_minutes_four_conclusions_and_two_carried_over(conference):
    assert conference.minutes and conference.attendance.count() == 2
    conclusions = list(conference.conclusions.order_by("number"))
    assert len(conclusions) == 4
    assert [c.adopted_as is not None for c in conclusions] == [True, True, False, False]
    assert [c.status for c in conclusions] == ["open", "open", "open", "done"]
    assert conference.carry_overs.filter(decision="carried").count() == 2
    assert conference.period.conference_on == conference.held_on


def test_the_units_report_the_conclusions_added_to_the_plan_in_the_next_half_year(conference):
    from conferences.services import next_period
    from reports.selectors import commitments_for

    unit = User.objects.get(username="reporter").memberships.get().organisation
    numbers = {c.number for c in commitments_for(conference.plan, unit, next_period(conference.period))}
    assert conference.conclusions.get(number=1).adopted_as.number in numbers  # the association's
    assert conference.conclusions.get(number=2).adopted_as.number not in numbers  # the Sở's


def test_the_editor_reads_it_and_the_leader_sees_the_open_conclusions(client, conference):
    client.force_login(User.objects.get(username="editor"))
    page = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert "Lễ tuyên dương học sinh" in page
    client.force_login(User.objects.get(username="leader"))
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Hướng dẫn Hội Khuyến học cấp xã" in page.split('data-testid="dashboard-conclusions"')[1]


def test_loading_twice_changes_nothing(conference):
    assert demo_conference_load() == conference
    assert Conference.objects.count() == 1
