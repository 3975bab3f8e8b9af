"""seed_demo leaves a few notifications in the demo's inbox, so that a newcomer sees the feature."""

from datetime import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tasks.models import Notification, Reminder


# Any day of the year must do; 17/06 has the next half just begun and the last one not yet due.
@pytest.mark.parametrize("day", [datetime(2026, 11, 30, 9), datetime(2027, 6, 17, 9)])
def test_seed_demo_leaves_notifications_that_open_and_a_second_run_adds_none(db, client, mailoutbox, capsys, day):
    with time_machine.travel(timezone.make_aware(day), tick=False):
        call_command("seed_demo")
        inbox = {
            username: list(Notification.objects.filter(user__username=username, read_at__isnull=True))
            for username in ("reporter", "reporter2", "reviewer", "leader")
        }
        assert all(inbox.values()), {user: len(notes) for user, notes in inbox.items()}
        assert any("đến hạn" in n.title for n in inbox["reporter"])  # this half's report, not started
        assert any("bị trả lại" in n.title and "đến hết ngày" in n.body for n in inbox["reporter2"])
        assert any("đơn vị chưa gửi báo cáo" in n.title for n in inbox["reviewer"])  # the late units, listed
        count = Notification.objects.count()

        call_command("seed_demo")
        assert Notification.objects.count() == count
        assert mailoutbox == [] and set(Reminder.objects.values_list("status", flat=True)) == {"skipped"}

        for notification in Notification.objects.select_related("user"):
            client.force_login(notification.user)
            response = client.post(reverse("tasks:notification_open", args=[notification.pk]), follow=True)
            assert response.status_code == 200
            assert response.redirect_chain[-1][0] == urlsplit(notification.link).path
