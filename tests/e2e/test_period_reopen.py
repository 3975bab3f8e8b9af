"""A reviewer gives a unit more time from the period page, on a phone.

Every row's date field and button belong to the page's one form (the table is cached and holds no
token): the browser must send the token and the date of the row whose button was pressed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.models import User
from reports import period_page
from reports.models import ReportingPeriod

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e


def _reopenable(reviewer) -> tuple[ReportingPeriod, list[dict]]:
    """A period of the demo in which the reviewer may reopen at least two units."""
    for period in ReportingPeriod.objects.select_related("plan__area").order_by("-due_on"):
        rows = [row for row in period_page.completeness_table(reviewer, period)[1] if row["reopen_action"]]
        if len(rows) >= 2:
            return period, rows
    pytest.fail("the demo has no period in which the reviewer may reopen two units")


def test_the_second_rows_button_reopens_its_unit_until_the_date_typed_there(demo, live_server, new_page):
    period, rows = _reopenable(User.objects.get(username="reviewer"))
    first, second = rows[0]["organisation"], rows[1]["organisation"]
    before = period.reports.filter(organisation=first).values_list("reopened_until", flat=True).first()
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "reviewer", demo)
    page.goto(f"{live_server.url}/reports/plans/{period.plan_id}/periods/{period.pk}/")
    later, sooner = (timezone.localdate() + timedelta(days=days) for days in (20, 12))
    page.locator(f"#until-{first.pk}").fill(later.strftime("%d/%m/%Y"))
    page.locator(f"#until-{second.pk}").fill(sooner.strftime("%d/%m/%Y"))
    page.locator(f"#until-{second.pk}").locator("xpath=ancestor::tr").locator(
        "button[type=submit]"
    ).click()  # Mở lại / Đổi hạn nộp
    page.get_by_text(f"Đã mở lại báo cáo của {second.name}.").wait_for()
    assert_accessible(page)
    assert period.reports.get(organisation=second).reopened_until == sooner
    assert period.reports.filter(organisation=first).values_list("reopened_until", flat=True).first() == before
