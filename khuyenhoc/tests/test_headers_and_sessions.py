"""Response headers (Content-Security-Policy, Cache-Control) and the session's two time limits."""

from datetime import timedelta

import pytest
from django.urls import reverse


def test_pages_carry_a_policy_without_inline_scripts_or_styles(client, editor):
    client.force_login(editor)
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'" and directives["base-uri"] == "'self'"
    assert "unsafe" not in policy


def test_the_login_page_and_errors_carry_the_policy_too(client, editor):
    assert "Content-Security-Policy" in client.get(reverse("login"))
    client.force_login(editor)
    assert "Content-Security-Policy" in client.get("/no-such-page/")


def test_signed_in_pages_are_not_stored_but_public_ones_may_be(client, editor):
    assert "no-store" not in client.get(reverse("password_reset_done")).get("Cache-Control", "")
    client.force_login(editor)
    cache_control = client.get(reverse("home"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


@pytest.fixture
def signed_in(client, editor, time_machine, settings):
    settings.SESSION_IDLE_MINUTES = 8 * 60
    settings.SESSION_MAX_DAYS = 7
    time_machine.move_to("2026-06-15 08:00 +07:00", tick=False)
    response = client.post(reverse("login"), {"username": "editor", "password": "correct-horse-9"})
    assert response.status_code == 302
    return client


def still_signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_a_session_ends_after_eight_idle_hours(signed_in, time_machine):
    time_machine.shift(timedelta(hours=7, minutes=59))
    assert still_signed_in(signed_in)
    time_machine.shift(timedelta(hours=8, minutes=1))
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = signed_in.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc" in page


def test_activity_keeps_a_session_but_not_beyond_seven_days(signed_in, time_machine):
    for _hour in range(7 * 24 // 4 - 1):  # a request every four hours, day and night
        time_machine.shift(timedelta(hours=4))
        assert still_signed_in(signed_in)
    time_machine.shift(timedelta(hours=4, minutes=1))  # 7 days and a minute after signing in
    assert not still_signed_in(signed_in)


def test_signing_in_again_restarts_both_clocks(signed_in, time_machine):
    time_machine.shift(timedelta(days=7, hours=1))
    assert not still_signed_in(signed_in)
    signed_in.post(reverse("login"), {"username": "editor", "password": "correct-horse-9"})
    assert still_signed_in(signed_in)


def test_the_limits_come_from_the_settings(signed_in, time_machine, settings):
    settings.SESSION_IDLE_MINUTES = 30
    time_machine.shift(timedelta(minutes=31))
    assert not still_signed_in(signed_in)
