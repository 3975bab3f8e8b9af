"""Sessions live in the database, shared by the web servers; a daily task deletes the expired ones,
which Django otherwise keeps for ever."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from tasks.tasks import clear_expired_sessions


def make_session(expires_in: timedelta) -> str:
    session = SessionStore()
    session["_auth_user_id"] = "1"
    session.set_expiry(timezone.now() + expires_in)
    session.save()
    return session.session_key


def test_the_task_deletes_expired_sessions_and_keeps_live_ones(db):
    expired = make_session(-timedelta(minutes=1))
    live = make_session(timedelta(days=1))
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert not SessionStore(session_key=expired).exists(expired)
    clear_expired_sessions()  # again: nothing more to delete, nothing breaks
    assert Session.objects.count() == 1


def test_the_beat_runs_it_every_day():
    entry = settings.CELERY_BEAT_SCHEDULE["expired-sessions"]
    assert (entry["task"], entry["schedule"]) == ("tasks.tasks.clear_expired_sessions", 24 * 60 * 60)
