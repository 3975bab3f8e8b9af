"""In an American browser (en-US, month first), dates are still typed and shown day first."""

from datetime import date

import pytest

from programmes.models import Organisation
from reports.models import ReportingPeriod

from .conftest import PHONE, assert_accessible, log_in

pytestmark = pytest.mark.e2e


def editors_period():
    """A period of a plan of the demo editor's province, and its row in the plan's schedule form."""
    area = Organisation.objects.get(memberships__user__username="editor").area
    period = ReportingPeriod.objects.filter(plan__area=area).order_by("plan", "year", "half").first()
    index = list(period.plan.periods.order_by("year", "half")).index(period)
    return period, index


def test_a_date_typed_4_7_2025_in_an_english_browser_is_4_july(demo, live_server, new_page):
    page = new_page()
    assert page.evaluate("navigator.language") == "en-US"
    log_in(page, live_server, "editor", demo)
    period, index = editors_period()
    schedule = f"{live_server.url}/reports/plans/{period.plan.pk}/reporting/"
    page.goto(schedule)
    field = page.locator(f"#id_periods-{index}-conference_on")
    assert field.get_attribute("type") == "text" and field.get_attribute("inputmode") == "numeric"
    assert field.get_attribute("placeholder") == "ngày/tháng/năm"
    assert_accessible(page)

    # The calendar button, by keyboard: it opens the browser's picker, which writes back dd/mm/yyyy.
    page.evaluate("HTMLInputElement.prototype.showPicker = function () { window.pickerOpened = this.type; }")
    field.focus()
    page.keyboard.press("Tab")
    button = page.locator(f"[data-date-picker][data-for=id_periods-{index}-conference_on]")
    assert button.is_visible() and button.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("window.pickerOpened") == "date"
    button.evaluate("""b => {
        const picker = b.parentNode.querySelector('input[type=date]');
        picker.value = '2025-07-04';
        picker.dispatchEvent(new Event('change', {bubbles: true}));
    }""")
    assert field.input_value() == "04/07/2025"
    assert field.evaluate("f => f === document.activeElement")

    # Typed by hand, the short way.
    field.fill("4/7/2025")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(f"{live_server.url}/plans/{period.plan.pk}/")
    period.refresh_from_db()
    assert period.conference_on == date(2025, 7, 4)  # 4 July, not 7 April

    page.goto(schedule)
    assert page.locator(f"#id_periods-{index}-conference_on").input_value() == "04/07/2025"
    page.goto(f"{live_server.url}/reports/plans/{period.plan.pk}/periods/{period.pk}/")
    assert "hội nghị sơ kết 04/07/2025" in page.locator("main").inner_text()


def test_an_impossible_date_is_refused_beside_the_field_on_a_phone(demo, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "editor", demo)
    period, index = editors_period()
    page.goto(f"{live_server.url}/reports/plans/{period.plan.pk}/reporting/")
    field = page.locator(f"#id_periods-{index}-conference_on")
    field.fill("31/02/2026")
    page.get_by_role("button", name="Lưu", exact=True).click()
    block = page.locator(f"#div_id_periods-{index}-conference_on")
    block.get_by_text("Không có ngày 31/02/2026: hãy kiểm tra lại ngày và tháng.").wait_for()
    assert page.locator(f"#id_periods-{index}-conference_on").input_value() == "31/02/2026"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
