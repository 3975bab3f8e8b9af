"""The admin speaks Vietnamese throughout, third-party apps included (khuyenhoc/admin_vi.py)."""

import re
from html import unescape

from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation


def texts(page: str) -> set[str]:
    """The visible text nodes of a page, one string each."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return {unescape(t).strip() for t in re.findall(r">([^<]+)<", body) if t.strip()}


def app_and_model_names(user, language: str) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override(language):
        return {
            str(name)
            for app in admin.site.get_app_list(request)
            for name in [app["name"], *(model["name"] for model in app["models"])]
        }


def test_the_admin_names_every_app_and_model_in_vietnamese(client, superuser):
    client.force_login(superuser)
    page = texts(client.get("/admin/").content.decode())
    english, vietnamese = app_and_model_names(superuser, "en"), app_and_model_names(superuser, "vi")
    assert {"Bảo vệ đăng nhập", "Lượt đăng nhập", "Nhật ký đăng nhập", "Lần đăng nhập sai"} <= vietnamese
    assert vietnamese <= page
    assert english & page == set(), "English app or model names in the Vietnamese admin"
    assert {"Skip to main content", "Model name", "Add link", "Change or view list link"} & page == set()


def test_the_login_attempts_pages_are_in_vietnamese(client, superuser):
    client.force_login(superuser)
    for url in ["/admin/axes/accessattempt/", "/admin/axes/accesslog/", "/admin/axes/accessfailurelog/"]:
        page = texts(client.get(url).content.decode())
        leftovers = {
            "Axes",
            "Access attempts",
            "Access logs",
            "Access failures",
            "Attempt Time",
            "IP Address",
            "User Agent",
            "Path",
            "Show counts",
            "Locked Out",
            "Expiration",
            "Status",
        } & page
        assert leftovers == set(), url
