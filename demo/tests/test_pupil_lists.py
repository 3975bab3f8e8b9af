"""The demo's pupil lists: the Sở's prize list and two communes' hardship lists, one pupil in both."""

import pytest

from awards import access
from awards.models import PupilList
from conftest import built_once
from demo.core import demo_load
from demo.pupil_lists import TWICE, demo_pupil_lists_load
from programmes.models import User


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: demo_load() or True)


@pytest.fixture
def lists(db, _loaded):
    return list(PupilList.objects.order_by("pk"))


def test_the_lists_go_to_the_provincial_association_with_every_consent(lists):
    assert [(lst.kind, lst.status) for lst in lists] == [
        ("prizes", "sent"),
        ("hardship", "sent"),
        ("hardship", "draft"),
    ]
    assert {lst.received_by.name for lst in lists} == {"Hội Khuyến học tỉnh Phú Thọ"}
    assert all(entry.consent and entry.consent_by for lst in lists for entry in lst.entries.all())


def test_one_pupil_is_proposed_by_both_communes(lists):
    identities = [entry.identity for lst in lists[1:] for entry in lst.entries.all()]
    assert sum(1 for identity in identities if identity.startswith("bui thi ngoc anh|2013-05-17")) == 2
    assert TWICE[0] in {entry.full_name for entry in lists[2].entries.all()}


def test_the_personas_read_what_their_organisations_drew_up_or_received(lists):
    reviewer, reporter = User.objects.get(username="reviewer"), User.objects.get(username="reporter")
    assert set(access.lists_visible_to(reviewer)) == set(lists[:2])  # the draft stays with Hòa Bình
    assert set(access.lists_visible_to(reporter)) == {lists[2]}
    assert not access.lists_visible_to(User.objects.get(username="leader")).exclude(pk=lists[0].pk).exists()


def test_loading_twice_changes_nothing(lists):
    demo_pupil_lists_load()
    assert PupilList.objects.count() == 3


def test_the_association_gave_the_pupils_of_the_sent_lists_at_the_ceremony(lists):
    from awards.totals import list_totals

    prizes, hardship, draft = lists
    assert [line.amount for line in list_totals(prizes)["decision"]] == [2_300_000]
    given = {entry.full_name: (entry.decision, entry.amount, entry.donor) for entry in hardship.entries.all()}
    assert given[TWICE[0]] == ("scholarship", 1_500_000, "Công ty Cổ phần Chè Phú Thọ")
    assert not draft.entries.exclude(decision="").exists()


def test_the_ward_reads_the_prize_winner_it_proposed_and_not_the_rest_of_the_list(lists):
    reporter = User.objects.get(username="reporter")
    assert [entry.full_name for entry in access.entries_proposed_by(reporter)] == ["Nguyễn Đức Phúc"]
    assert lists[0] not in access.lists_visible_to(reporter)


def test_the_ceremony_flows_into_the_half_years_figures(lists):
    """Given on 30/05/2026: the first half of 2026 counts the three awards and the hardship list's
    scholarship and support, on the period page and the dashboards alike."""
    from datetime import date

    from awards import figures

    lines, _sources = figures.summary(figures.given(date(2026, 1, 1), date(2026, 6, 30), plan=lists[0].plan))
    assert [(line.key, line.pupils, line.amount) for line in lines] == [
        ("scholarship", 1, 1_500_000),
        ("support", 1, 0),
        ("award", 3, 2_300_000),
    ]
