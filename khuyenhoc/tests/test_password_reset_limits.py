"""Password reset: limited per address and per account, and the view does the same work
whether or not an account has the address (the lookup and the e-mail are a task's)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import make_user

# The e-mails are a task's: run it here even where REDIS_URL configures a broker.
pytestmark = pytest.mark.usefixtures("eager_celery")


def ask(client, email, address="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_eighteen_requests_for_one_account_send_three_emails(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = {ask(Client(), "editor@example.vn", address=f"198.51.100.{n}")["Location"] for n in range(18)}
    assert answers == {reverse("password_reset_done")}
    assert len(mail.outbox) == 3


def test_one_address_asking_for_many_accounts_sends_five_emails(world, django_capture_on_commit_callbacks):
    for number in range(8):
        make_user(f"staff{number}")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(8):
            assert ask(Client(), f"staff{number}@example.vn")["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 5


def test_the_limits_last_an_hour(client, editor, django_capture_on_commit_callbacks, time_machine):
    time_machine.move_to("2026-06-16 09:00 +07:00")
    with django_capture_on_commit_callbacks(execute=True):
        for _request in range(4):
            ask(client, "editor@example.vn")
    assert len(mail.outbox) == 3
    time_machine.shift(3601)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "editor@example.vn")
    assert len(mail.outbox) == 4


def test_a_known_and_an_unknown_address_cost_the_view_the_same(
    client, editor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    answers = []
    for email in ("editor@example.vn", "nobody@example.vn"):
        with django_capture_on_commit_callbacks() as queued, django_assert_num_queries(0):
            response = ask(Client(), email)
        answers.append((response.status_code, response["Location"], len(queued)))
    assert answers[0] == answers[1] == (302, reverse("password_reset_done"), 1)
    assert mail.outbox == []  # the e-mail is the task's, after the reply


def test_the_reset_email_is_in_the_language_the_user_chose(client, editor, django_capture_on_commit_callbacks):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "editor@example.vn")
    assert "Choose a new password" in mail.outbox[0].subject
