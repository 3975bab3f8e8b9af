"""The demo's feed: the current plan's notice and letter, and what the portal recorded of its
accepted reports and sent lists, read by the personas of its parties and units; loading twice adds
nothing."""

import pytest

from conftest import built_once
from demo.core import demo_load
from demo.feed import demo_feed_load
from feed.access import feeds_readable_by
from feed.models import Entry
from programmes.models import Plan, User


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: demo_load() or True)


@pytest.fixture
def plan(db, _loaded):
    return Plan.objects.get(number="15/KH-SGDĐT-HKH")


def test_the_current_plan_has_a_feed_of_every_kind_the_demo_makes(plan):
    kinds = set(plan.feed_entries.values_list("kind", flat=True))
    assert kinds == {"notice", "letter", "report_accepted", "list_sent", "conference"}
    assert plan.feed_entries.get(kind="letter").number == "45/HKH-VP"
    names = {e.full_name for lst in plan.pupil_lists.all() for e in lst.entries.all()}
    assert not any(name in entry.title + entry.body for entry in plan.feed_entries.all() for name in names)


def test_the_personas_read_it_and_nobody_was_notified_of_it(plan):
    for username in ("editor", "reviewer", "leader", "reporter", "reporter2"):
        assert plan in feeds_readable_by(User.objects.get(username=username)), username
    assert plan not in feeds_readable_by(User.objects.get(username="editor_hcm"))
    # Claimed as notified: the task queued when the demo commits puts nothing in any inbox.
    assert not plan.feed_entries.filter(notified_at__isnull=True).exists()


def test_loading_twice_adds_nothing(plan):
    count = Entry.objects.count()
    assert demo_feed_load() == count
    assert Entry.objects.count() == count
