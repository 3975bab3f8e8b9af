"""The import preview keeps its warnings in a signed hidden field: whatever comes
back from the browser, the page answers with a form error, never a 500 nor a
page blown up by a crafted value, and saves nothing."""

import time

import pytest
import time_machine
from django.urls import reverse

from programmes import import_forms
from programmes.import_forms import sign_warnings
from programmes.models import Plan
from programmes.tests.test_plan_import_views import form_values, seed

REFUSED = "Bản xem trước này đã hết hạn hoặc đã bị thay đổi. Hãy nhập lại văn bản."
NO_DATE = "Không tìm thấy địa danh và ngày ký."


@pytest.fixture
def preview(client, world, editor):
    """The values a browser posts back from the preview of the Bến Tre plan, ready to confirm."""
    client.force_login(editor)
    page = client.post(reverse("programmes:plan_import"), {"text": seed("000")}).content.decode()
    assert NO_DATE in page  # one of the importer's warnings
    data = form_values(page)
    data.update(
        {
            "plan-area": world.province.pk,
            "parties-0-organisation": world.association.pk,
            "parties-1-organisation": world.department.pk,
            "confirm": "1",
        }
    )
    return data


@pytest.mark.parametrize(
    "warnings",
    [
        "",
        "x",
        "[]",
        "{}",
        "[1]",
        "[{}]",
        '[{"code": [1]}]',
        '[{"code": "bad_date", "y": 1}]',
        '[{"code": "%d", "a": 1}]',
        # 40 bytes that once rendered a 300 MB page; 10 MB here keeps a failing run cheap.
        '[{"code": "%(a)10000000s", "a": 1}]',
    ],
)
def test_a_tampered_preview_is_a_form_error_and_saves_nothing(client, preview, warnings):
    preview["plan-warnings"] = warnings
    response = client.post(reverse("programmes:plan_import"), preview)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert len(response.content) < 1_000_000
    assert not Plan.objects.exists()


def test_a_changed_signed_value_is_refused(client, preview):
    value = preview["plan-warnings"]
    preview["plan-warnings"] = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    response = client.post(reverse("programmes:plan_import"), preview)
    assert REFUSED in response.content.decode()
    assert not Plan.objects.exists()


def test_a_preview_signed_for_another_user_is_refused(client, preview, outsider):
    preview["plan-warnings"] = sign_warnings([{"code": "no_date"}], user=outsider)
    response = client.post(reverse("programmes:plan_import"), preview)
    assert REFUSED in response.content.decode()
    assert not Plan.objects.exists()


def test_an_expired_preview_is_refused(client, preview, monkeypatch):
    # A short age, so that the session outlives it whatever the idle timeout.
    monkeypatch.setattr(import_forms, "PREVIEW_MAX_AGE", 60)
    with time_machine.travel(time.time() + 120):
        response = client.post(reverse("programmes:plan_import"), preview)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Plan.objects.exists()


def test_the_signed_warnings_come_back_with_the_page_and_the_plan_saves(client, preview):
    url = reverse("programmes:plan_import")
    broken = dict(preview, **{"commitments-1-number": preview["commitments-0-number"]})
    page = client.post(url, broken).content.decode()
    assert "Đã có nội dung cam kết khác của kế hoạch này mang số này." in page
    assert NO_DATE in page  # the server's own warnings, read back from the signed field
    assert REFUSED not in page
    response = client.post(url, preview)
    assert response.status_code == 302
    assert Plan.objects.count() == 1
