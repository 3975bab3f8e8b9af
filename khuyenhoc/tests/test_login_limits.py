"""Failed logins: a (username, address) lock that spares a browser the user signed in from
before, a slower limit per address across usernames, and long usernames refused by the form."""

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

OFFICE = "203.0.113.7"  # one NAT address for a whole office
HOME = "198.51.100.20"


def login(client, username, password, address=OFFICE):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_300_character_username_is_a_form_error_not_a_database_error(client, db):
    response = login(client, "u" * 300, "whatever")
    assert response.status_code == 200
    assert "tối đa 150 kí tự" in response.content.decode()
    assert not AccessAttempt.objects.exists()  # nothing reached django-axes' varchar(255)


def test_failures_lock_the_username_on_that_address_only(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor", "wrong")
    assert login(Client(), "editor", "correct-horse-9").status_code == 429
    assert login(Client(), "editor", "correct-horse-9", address=HOME).status_code == 302


def test_a_colleague_behind_the_same_address_is_not_locked(client, editor, reviewer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor", "wrong")
    assert login(Client(), "reviewer", "correct-horse-9").status_code == 302


def test_others_failures_do_not_lock_out_the_browser_the_user_signed_in_from(editor, settings):
    own_browser = Client()
    assert login(own_browser, "editor", "correct-horse-9").status_code == 302
    own_browser.post(reverse("logout"))
    prankster = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 3):
        login(prankster, "editor", "wrong")
    assert login(prankster, "editor", "correct-horse-9").status_code == 429
    response = login(own_browser, "editor", "correct-horse-9")
    assert response.status_code == 302
    assert own_browser.session["_auth_user_id"] == str(editor.pk)


def test_a_known_browser_is_locked_after_its_own_failures(editor, settings):
    browser = Client()
    login(browser, "editor", "correct-horse-9")
    browser.post(reverse("logout"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        assert login(browser, "editor", "wrong").status_code == 200
    assert login(browser, "editor", "correct-horse-9").status_code == 429


def test_a_known_browser_cookie_counts_only_for_its_own_username(editor, reviewer, settings):
    browser = Client()
    login(browser, "reviewer", "correct-horse-9")
    browser.post(reverse("logout"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(browser, "editor", "wrong")
    assert login(browser, "editor", "correct-horse-9").status_code == 429


def test_spraying_one_password_over_many_usernames_throttles_the_address(editor, reviewer, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 30
    sprayer = Client()
    for number in range(30):
        assert login(sprayer, f"user{number}", "Matkhau@123").status_code == 200
    newcomer = Client()
    response = login(newcomer, "reviewer", "correct-horse-9")
    assert response.status_code == 429
    assert "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này" in response.content.decode()
    assert "_auth_user_id" not in newcomer.session
    assert login(Client(), "reviewer", "correct-horse-9", address=HOME).status_code == 302


def test_a_throttled_address_still_lets_in_a_browser_that_signed_in_before(editor, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    own_browser = Client()
    login(own_browser, "editor", "correct-horse-9")
    own_browser.post(reverse("logout"))
    for number in range(10):
        login(Client(), f"user{number}", "Matkhau@123")
    assert login(Client(), "editor", "correct-horse-9").status_code == 429
    assert login(own_browser, "editor", "correct-horse-9").status_code == 302


def test_the_address_throttle_ends_after_the_cooloff(editor, settings, time_machine):
    time_machine.move_to("2026-06-16 09:00 +07:00")
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for number in range(3):
        login(Client(), f"user{number}", "x")
    assert login(Client(), "editor", "correct-horse-9").status_code == 429
    time_machine.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 1)
    assert login(Client(), "editor", "correct-horse-9").status_code == 302
