"""The weekly e-mail of the feeds: one per person who asked, with the week's entries of the feeds
they read and links that open for them; never twice in a week, nothing for an empty week."""

import re
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import make_plan
from feed.digest import digest_week, digests_send
from feed.models import Entry, FeedDigest, FeedSubscription
from feed.services import entry_post, record, subscription_save
from feed.tasks import send_weekly_digests

MONDAY = date(2026, 6, 15)  # the digest of 8 to 14 June 2026
IN_THE_WEEK = datetime(2026, 6, 10, 9, 30)
WEEK_BEFORE = datetime(2026, 6, 5, 9, 30)


def at(moment: datetime):
    return time_machine.travel(timezone.make_aware(moment), tick=False)


@pytest.fixture
def week(world, reporting_plan, editor, reviewer):
    """A notice of the department and an accepted report in the week; a letter the week before."""
    with at(WEEK_BEFORE):
        entry_post(user=reviewer, plan=reporting_plan, party=world.association, kind="letter", title="Công văn cũ")
    with at(IN_THE_WEEK):
        entry_post(
            user=editor, plan=reporting_plan, party=world.department, kind="notice", title="Lịch hội nghị sơ kết"
        )
        record(plan=reporting_plan, kind="report_accepted", title="Đã duyệt báo cáo của phường Hòa Bình", key="t:1")
    return reporting_plan


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_the_week_is_the_one_before_the_monday():
    assert digest_week(MONDAY) == date(2026, 6, 8)
    assert digest_week(date(2026, 6, 17)) == date(2026, 6, 8)  # a late run covers the same week
    assert digest_week(date(2026, 6, 14)) == date(2026, 6, 1)


def test_each_subscriber_gets_one_email_of_the_feeds_they_read(client, week, reporter_a, leader, outsider):
    for user in (reporter_a, outsider):
        subscription_save(user=user, weekly_digest=True)
    run = digests_send(today=MONDAY)
    assert (run.emails, run.empty) == (1, 1)  # the outsider reads no feed: nothing to send
    [message] = mail.outbox
    assert message.to == [reporter_a.email]
    assert "Lịch hội nghị sơ kết" in message.body and "Đã duyệt báo cáo của phường Hòa Bình" in message.body
    assert "Công văn cũ" not in message.body  # the week before
    assert "08/06/2026" in message.subject and "14/06/2026" in message.subject
    html = message.alternatives[0][0]
    assert "Lịch hội nghị sơ kết" in html
    # Every link is absolute and opens for the person it was sent to.
    client.force_login(reporter_a)
    for link in links_in(message):
        assert link.startswith(settings.SITE_URL)
        assert client.get(urlsplit(link).path).status_code == 200, link


def test_nothing_is_sent_twice_in_a_week(week, reporter_a):
    subscription_save(user=reporter_a, weekly_digest=True)
    with at(datetime(2026, 6, 15, 7, 0)):  # as the beat runs it
        assert send_weekly_digests.apply().get() == 1
    # Posted after the first run: the second run of the week sends nothing, whatever it finds.
    with at(datetime(2026, 6, 14, 23, 0)):
        record(plan=week, kind="other", title="Muộn", key="t:2")
    assert digests_send(today=MONDAY).emails == 0
    assert digests_send(today=date(2026, 6, 16)).emails == 0
    assert len(mail.outbox) == 1
    assert FeedDigest.objects.get(user=reporter_a).sent_at is not None
    # The week after is another week.
    with at(datetime(2026, 6, 18, 8, 0)):
        record(plan=week, kind="other", title="Tuần sau", key="t:3")
    assert digests_send(today=date(2026, 6, 22)).emails == 1


def test_an_empty_week_sends_nothing(world, reporting_plan, reporter_a):
    subscription_save(user=reporter_a, weekly_digest=True)
    run = digests_send(today=MONDAY)
    assert run.emails == 0 and run.empty == 1 and mail.outbox == []


def test_only_those_who_asked_get_it(week, reporter_a, editor):
    subscription_save(user=reporter_a, weekly_digest=True)
    subscription_save(user=editor, weekly_digest=True)
    subscription_save(user=editor, weekly_digest=False)  # changed their mind
    digests_send(today=MONDAY)
    assert [m.to for m in mail.outbox] == [[reporter_a.email]]


def test_a_feed_no_longer_read_is_not_in_the_email(world, week, reporter_a):
    other = make_plan(world.province, world.department, number="2/KH", status="in_force")
    with at(IN_THE_WEEK):
        record(plan=other, kind="other", title="Kế hoạch khác", key="t:4")
    subscription_save(user=reporter_a, weekly_digest=True)
    digests_send(today=MONDAY)
    assert "Kế hoạch khác" not in mail.outbox[0].body


def test_the_command_sends_the_same(week, reporter_a, capsys):
    subscription_save(user=reporter_a, weekly_digest=True)
    call_command("send_feed_digests", "--today", "2026-06-15")
    assert len(mail.outbox) == 1 and "08/06/2026" in capsys.readouterr().out


def test_the_beat_sends_it_on_monday_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["feed-weekly-digest"]
    assert entry["task"] == "feed.tasks.send_weekly_digests"
    assert entry["schedule"] == crontab(minute=0, hour=7, day_of_week=1)
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_the_settings_page_turns_the_email_on_and_off(client, reporter_a):
    client.force_login(reporter_a)
    url = reverse("feed:settings")
    assert 'href="/feed/settings/"' in client.get(reverse("tasks:preferences")).content.decode()
    assert client.post(url, {"weekly_digest": "on"}).status_code == 302
    assert FeedSubscription.objects.get(user=reporter_a).weekly_digest
    assert "checked" in client.get(url).content.decode()
    client.post(url, {})
    assert not FeedSubscription.objects.get(user=reporter_a).weekly_digest


def test_an_entry_counts_in_the_week_of_its_local_day(world, reporting_plan, reporter_a):
    """Monday 00:30 in Hà Nội is still Sunday in UTC: it belongs to the new week, not the old."""
    with at(datetime(2026, 6, 15, 0, 30)):
        record(plan=reporting_plan, kind="other", title="Đầu tuần", key="t:5")
    subscription_save(user=reporter_a, weekly_digest=True)
    assert digests_send(today=MONDAY).emails == 0
    assert digests_send(today=date(2026, 6, 22)).emails == 1
    assert Entry.objects.count() == 1
