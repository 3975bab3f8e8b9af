import re

from django.core import mail
from django.urls import reverse


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_in_vietnamese_whatever_the_browser_asks(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page


def test_language_switch_turns_the_portal_to_english_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert "Log in to the portal" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("login")})
    assert "Đăng nhập vào cổng thông tin" in client.get(reverse("login")).content.decode()


def test_login_with_the_right_password_lands_on_home(client, editor):
    response = login(client, "editor", "correct-horse-9")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    page = client.get(reverse("home")).content.decode()
    assert "Nguyễn Văn Biên" in page
    assert "Sở Giáo dục và Đào tạo tỉnh Phú Thọ" in page


def test_wrong_password_says_so_in_vietnamese_and_keeps_the_username(client, editor):
    response = login(client, "editor", "wrong")
    page = response.content.decode()
    assert response.status_code == 200
    assert "vui lòng điền vào tên đăng nhập và mật khẩu chính xác" in page.lower()
    assert 'value="editor"' in page


def test_repeated_failed_logins_lock_the_account_even_with_the_right_password(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor", "wrong")
    response = login(client, "editor", "correct-horse-9")
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_username(client, editor, reviewer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor", "wrong")
    assert login(client, "reviewer", "correct-horse-9").status_code == 302


def test_logout_needs_a_post(client, editor):
    client.force_login(editor)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_by_email_sets_a_new_password(client, editor, django_capture_on_commit_callbacks, eager_celery):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "editor@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.vn"]
    assert "mật khẩu" in message.subject.lower()
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session one
    response = client.post(form_url, {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"})
    assert response.status_code == 302
    assert login(client, "editor", "Mat-khau-moi-2026").status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "nobody@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_change_rejects_a_mismatch_beside_the_field(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("password_change"),
        {"old_password": "correct-horse-9", "new_password1": "Mat-khau-moi-2026", "new_password2": "khac-hoan-toan"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hai trường mật khẩu không giống nhau" in page or "không khớp" in page
    assert 'id="error_1_id_new_password2"' in page
