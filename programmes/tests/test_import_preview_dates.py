"""The import preview shows the dates it read day first, and saves them as read."""

from datetime import date

from django.urls import reverse

from programmes.models import Plan
from programmes.tests.test_plan_import_views import form_values, hoa_binh, seed  # noqa: F401 (fixture)


def test_the_preview_shows_the_signing_date_dd_mm_yyyy_and_saves_it(client, world, editor, hoa_binh):  # noqa: F811
    client.force_login(editor)
    url = reverse("programmes:plan_import")
    page = client.post(url, {"text": seed("001")}).content.decode()
    assert 'name="plan-signed_on" value="24/07/2012"' in page  # not 2012-07-24, nor a month-first picker
    assert "2012-07-24" not in page
    data = form_values(page)
    data.update(
        {
            "plan-area": world.province.pk,
            "parties-0-organisation": world.association.pk,
            "parties-1-organisation": world.department.pk,
            "confirm": "1",
        }
    )
    assert client.post(url, data).status_code == 302
    assert Plan.objects.get().signed_on == date(2012, 7, 24)
