"""The demo's public page of Phú Thọ leaks nothing: every public URL, read without an account,
holds no name of a person the demo knows (users, signatories, pupils, participants)."""

import pytest
from django.urls import reverse

from awards.models import ListEntry
from conferences.models import Attendance, Conference
from conftest import built_once
from demo.core import demo_load
from programmes.models import PlanParty, User
from public.figures import published_provinces


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: demo_load() or True)


def people() -> set[str]:
    names = set(User.objects.exclude(full_name="").values_list("full_name", flat=True))
    names |= set(PlanParty.objects.exclude(signatory_name="").values_list("signatory_name", flat=True))
    names |= set(ListEntry.objects.exclude(full_name="").values_list("full_name", flat=True))
    for text in [
        *Attendance.objects.values_list("people", flat=True),
        *Conference.objects.values_list("chairs", flat=True),
    ]:
        names |= {line.split(",")[0].removeprefix("Ông ").removeprefix("Bà ").strip() for line in text.splitlines()}
    return {name for name in names if len(name.split()) >= 2}


def test_every_public_url_holds_figures_and_no_name(client, db, _loaded):
    provinces = list(published_provinces())
    assert [area.code for area in provinces] == ["P25"]
    urls = [reverse("public:index")]
    for area in provinces:
        urls += [
            reverse(name, args=[area.code])
            for name in ("public:province", "public:province_json", "public:province_csv")
        ]
    names = people()
    assert len(names) > 20
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8-sig")
        assert not [name for name in names if name in text], url
    page = client.get(reverse("public:province", args=["P25"])).content.decode()
    assert "Kế hoạch phối hợp công tác khuyến học" in page and "đơn vị đã báo cáo" in page
