"""The reporting forms take dates day first and keep what was typed on error."""

import re
from datetime import date

import time_machine
from django.urls import reverse

from reports.models import ProgressReport


def schedule_data(plan, **typed):
    """The plan's "Dates and reporting units" form as the page sends it, dates written dd/mm/yyyy."""
    periods = list(plan.periods.order_by("year", "half"))
    data = {
        "periods-TOTAL_FORMS": len(periods),
        "periods-INITIAL_FORMS": len(periods),
        "periods-MIN_NUM_FORMS": 0,
        "periods-MAX_NUM_FORMS": 1000,
    }
    for index, period in enumerate(periods):
        data[f"periods-{index}-id"] = period.pk
        for name in ["starts_on", "ends_on", "due_on", "locked_after", "conference_on"]:
            data[f"periods-{index}-{name}"] = getattr(period, name).strftime("%d/%m/%Y")
    data["organisations"] = list(plan.reporting_units.values_list("organisation", flat=True))
    data.update({f"periods-0-{name}": text for name, text in typed.items()})
    return data


def field_block(page, name):
    """The HTML of one crispy field: its label, input and errors."""
    match = re.search(rf'<div id="div_id_{name}".*?</div>\s*</div>', page, re.S)
    assert match, name
    return match.group(0)


def test_the_schedule_reads_day_first_and_shows_dd_mm_yyyy(client, editor, reporting_plan):
    client.force_login(editor)
    url = reverse("reports:plan_reporting", args=[reporting_plan.pk])
    response = client.post(url, schedule_data(reporting_plan, locked_after="4/7/2026", conference_on="15-7-2026"))
    assert response.status_code == 302
    period = reporting_plan.periods.order_by("year", "half").first()
    assert (period.locked_after, period.conference_on) == (date(2026, 7, 4), date(2026, 7, 15))
    page = client.get(url).content.decode()
    assert 'value="04/07/2026"' in field_block(page, "periods-0-locked_after")
    assert 'value="15/07/2026"' in field_block(page, "periods-0-conference_on")


def test_an_impossible_date_is_refused_beside_the_field_and_the_rest_is_kept(client, editor, reporting_plan):
    client.force_login(editor)
    url = reverse("reports:plan_reporting", args=[reporting_plan.pk])
    before = reporting_plan.periods.order_by("year", "half").first().conference_on
    page = client.post(
        url, schedule_data(reporting_plan, conference_on="31/02/2026", due_on="30.6.2026")
    ).content.decode()
    block = field_block(page, "periods-0-conference_on")
    assert "Không có ngày 31/02/2026: hãy kiểm tra lại ngày và tháng." in block
    assert 'value="31/02/2026"' in block and "is-invalid" in block
    assert 'value="30/06/2026"' in field_block(page, "periods-0-due_on")  # kept, written as understood
    assert reporting_plan.periods.order_by("year", "half").first().conference_on == before


def test_a_reviewer_reopens_a_unit_until_a_date_typed_day_first(client, world, reviewer, h1):
    client.force_login(reviewer)
    url = reverse("reports:report_reopen", args=[h1.plan.pk, h1.pk, world.unit_a.pk])
    with time_machine.travel(date(2026, 7, 10), tick=False):  # filing closed after 04/07/2026
        page = client.post(url, {"until": "31/02/2026"}, follow=True).content.decode()
        assert "Không có ngày 31/02/2026" in page
        assert not ProgressReport.objects.filter(organisation=world.unit_a).exists()
        client.post(url, {"until": "20/7/2026"})
    assert ProgressReport.objects.get(organisation=world.unit_a, period=h1).reopened_until == date(2026, 7, 20)
