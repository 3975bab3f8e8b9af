"""After a failed submit every form opens with a summary whose entries link to their fields."""

import re

from django.urls import reverse


def summary_of(page: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary"[^>]*>.*?</div>', page, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_a_formset_error_links_to_its_field(client, editor, reporting_plan, h1):
    client.force_login(editor)
    url = reverse("reports:plan_reporting", args=[reporting_plan.pk])
    page = client.get(url).content.decode()
    assert "data-error-summary" not in page  # nothing to fix yet
    data = {
        "periods-TOTAL_FORMS": "1",
        "periods-INITIAL_FORMS": "1",
        "periods-0-id": str(reporting_plan.periods.order_by("year", "half").first().pk),
        "periods-0-starts_on": "không phải ngày",
    }
    summary = summary_of(client.post(url, data).content.decode())
    assert 'tabindex="-1"' in summary and 'role="alert"' in summary
    assert "Chưa có gì được lưu." in summary
    assert 'href="#id_periods-0-starts_on"' in summary


def test_a_failed_login_is_summarised_without_claiming_anything_was_saved(client, world):
    page = client.post(reverse("login"), {"username": "ai-do", "password": "sai"}).content.decode()
    summary = summary_of(page)
    assert "Vui lòng sửa các lỗi bên dưới." in summary and "Chưa có gì được lưu." not in summary
