"""Every page a demo role can open reflows at 320 px (WCAG 1.4.10), and tables read on a 390 px phone."""

from pathlib import Path

import pytest
from django.urls import reverse

from awards.models import PupilList
from conferences.models import Conference
from programmes.models import Organisation, Plan
from reports.models import ProgressReport

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e

NARROW = {"width": 320, "height": 640}
PHONE_390 = {"width": 390, "height": 800}
CURRENT_PLAN = "15/KH-SGDĐT-HKH"
WARD_PROGRAMME, THREE_PARTY_PROGRAMME = "09/CTrPH-UBND-HKH", "03/CTrPH-SGDĐT-HKH-HCGC"
SEED = next((Path(__file__).resolve().parents[2] / "programmes" / "tests" / "seeds").glob("001_*.txt"))

# The page's width, and any element that scrolls sideways without being
# reachable and named for a keyboard or screen-reader user.
MEASURE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('main *')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (el.getAttribute('tabindex') !== '0' || !named) bad.push(el.outerHTML.slice(0, 80));
    }
  }
  return {width: document.documentElement.scrollWidth, unnamedScrollers: bad};
}"""


def demo_pages():
    """The pages each demo role opens, by role; the ids come from the demo data."""
    plan = Plan.objects.get(number=CURRENT_PLAN)
    period = plan.periods.filter(reports__status="submitted").first()
    submitted = ProgressReport.objects.filter(plan=plan, status="submitted").first()
    draft = ProgressReport.objects.get(plan=plan, status="draft", organisation__name="Hội Khuyến học xã Lạc Sơn")
    returned = ProgressReport.objects.get(plan=plan, status="returned")
    section = plan.sections.first()
    commitment = plan.commitments.first()
    unit = Organisation.objects.get(name="Hội Khuyến học phường Hòa Bình")
    ward, three = Plan.objects.get(number=WARD_PROGRAMME), Plan.objects.get(number=THREE_PARTY_PROGRAMME)
    three_period = three.periods.filter(reports__isnull=False).order_by("starts_on").last()
    prizes, commune_list = PupilList.objects.get(kind="prizes"), PupilList.objects.get(status="draft")
    conference = Conference.objects.get(plan=plan)
    return {
        None: [
            reverse("login"),
            reverse("password_reset"),
            reverse("public:index"),
            reverse("public:province", args=["P25"]),
        ],
        "editor": [
            "/",
            reverse("programmes:plan_list"),
            reverse("programmes:plan_detail", args=[plan.pk]),
            reverse("programmes:plan_create"),
            reverse("programmes:plan_edit", args=[plan.pk]),
            reverse("programmes:commitments", args=[plan.pk]),
            reverse("programmes:section_edit", args=[plan.pk, section.pk]),
            reverse("programmes:commitment_edit", args=[plan.pk, commitment.pk]),
            reverse("programmes:plan_import"),
            reverse("programmes:plan_history", args=[plan.pk]),
            reverse("programmes:plan_derive", args=[plan.pk]),
            reverse("reports:plan_reporting", args=[plan.pk]),
            reverse("programmes:organisation_list"),
            reverse("programmes:organisation_detail", args=[unit.pk]),
            reverse("password_change"),
            reverse("awards:list_index"),
            reverse("awards:list_create"),
            reverse("awards:list_detail", args=[prizes.pk]),
            reverse("conferences:detail", args=[conference.pk]),
            reverse("conferences:edit", args=[plan.pk, conference.period_id]),
            reverse("conferences:conclusion_create", args=[conference.pk]),
            reverse("conferences:successor", args=[plan.pk]),
            reverse("feed:entries", args=[plan.pk]),
            reverse("feed:settings"),
        ],
        "reviewer": [
            "/",
            reverse("reports:review_queue"),
            reverse("reports:report_detail", args=[submitted.pk]),
            reverse("reports:period_detail", args=[plan.pk, period.pk]),
            reverse("reports:period_detail", args=[plan.pk, plan.periods.get(year=2026, half="H1").pk]),
            reverse("reports:report_list"),
            reverse("tasks:notifications"),
            reverse("tasks:preferences"),
            reverse("feed:entries", args=[plan.pk]) + "?kind=report_accepted",
        ],
        "leader": ["/", reverse("reports:dashboard"), reverse("reports:dashboard") + "?year=2026&half=H1"],
        "admin": [reverse("awards:anonymise")],
        "reporter": [
            "/",
            reverse("reports:my_reports"),
            reverse("programmes:my_organisation"),
            reverse("awards:list_detail", args=[commune_list.pk]),
            reverse("awards:entry_create", args=[commune_list.pk]),
            reverse("awards:entry_edit", args=[commune_list.pk, commune_list.entries.first().pk]),
            reverse("awards:list_upload", args=[commune_list.pk]),
            reverse("awards:proposed_entries"),
            reverse("programmes:plan_detail", args=[plan.pk]),
            reverse("tasks:notifications"),
            reverse("feed:entries", args=[plan.pk]),
        ],
        # The programmes between other parties: a ward's, and a three-party one (demo/partners.py).
        "editor_hcm": [
            reverse("programmes:plan_detail", args=[ward.pk]),
            reverse("programmes:plan_detail", args=[three.pk]),
            reverse("reports:period_detail", args=[three.pk, three_period.pk]),
            reverse("programmes:organisation_list") + "?kind=veteran_teachers",
        ],
        "reporter2": [
            reverse("reports:report_edit", args=[draft.pk]),
            reverse("reports:report_submit", args=[draft.pk]),
            reverse("reports:report_edit", args=[returned.pk]),
            reverse("reports:report_detail", args=[returned.pk]),
        ],
    }


def visit_as(browser, live_server, password, username, viewport):
    context = browser.new_context(locale="en-US", viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    if username:
        log_in(page, live_server, username, password)
    return context, page


def test_every_page_reflows_at_320_px(demo, live_server, browser):
    failures = []
    for username, urls in demo_pages().items():
        context, page = visit_as(browser, live_server, demo, username, NARROW)
        for url in urls:
            response = page.goto(f"{live_server.url}{url}")
            assert response.status == 200, f"{username} {url}: {response.status}"
            measured = page.evaluate(MEASURE)
            if measured["width"] > NARROW["width"]:
                failures.append(f"{username} {url}: {measured['width']} px wide")
            failures += [f"{username} {url}: unnamed scroll box {box}" for box in measured["unnamedScrollers"]]
        context.close()

    # The import preview is the answer to a POST: paste a seed plan and measure it too.
    context, page = visit_as(browser, live_server, demo, "editor", NARROW)
    page.goto(f"{live_server.url}{reverse('programmes:plan_import')}")
    page.get_by_label("Dán nội dung văn bản").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Kiểm tra kế hoạch đã đọc").wait_for()
    if (width := page.evaluate(MEASURE)["width"]) > NARROW["width"]:
        failures.append(f"editor import preview: {width} px wide")
    context.close()
    assert not failures, "\n".join(failures)


# A table reads on a phone if it is shown as cards, or if none of its cells is
# squeezed below about 60 px (one word per line).
SQUEEZED_CELLS = """() => {
  const squeezed = [];
  for (const table of document.querySelectorAll('main table')) {
    const row = table.querySelector('tbody tr');
    if (!row || !row.checkVisibility()) continue;
    if (getComputedStyle(row).display === 'block') continue;  // the cards layout
    for (const cell of table.querySelectorAll('tbody td, tbody th')) {
      const width = cell.getBoundingClientRect().width;
      if (cell.checkVisibility() && cell.innerText.trim().length > 3 && width < 60) squeezed.push(`${Math.round(width)} px: ${cell.innerText.trim().slice(0, 30)}`);
    }
  }
  return squeezed;
}"""


def test_report_pages_and_the_unit_grid_read_on_a_phone(demo, live_server, browser):
    plan = Plan.objects.get(number=CURRENT_PLAN)
    period = plan.periods.filter(reports__status="submitted").first()
    submitted = ProgressReport.objects.filter(plan=plan, status="submitted").first()
    three = Plan.objects.get(number=THREE_PARTY_PROGRAMME)
    three_period = three.periods.filter(reports__isnull=False).order_by("starts_on").last()
    pages = {  # the reviewer last: the lists below are read in the reviewer's page
        # Three parties scored by name, and the plan's commitments badged with their names.
        "editor_hcm": [
            reverse("reports:period_detail", args=[three.pk, three_period.pk]),
            reverse("programmes:plan_detail", args=[three.pk]),
        ],
        "reporter": [
            reverse("awards:proposed_entries"),
            reverse("feed:entries", args=[plan.pk]),
            reverse("feed:settings"),
        ],
        "leader": [reverse("conferences:detail", args=[Conference.objects.get().pk])],
        # Without an account: the figures Phú Thọ publishes.
        None: [reverse("public:province", args=["P25"])],
        "admin": [reverse("awards:anonymise")],
        "reviewer": [
            reverse("reports:report_detail", args=[submitted.pk]),
            reverse("reports:period_detail", args=[plan.pk, period.pk]),
            reverse("reports:dashboard"),
            reverse("programmes:plan_detail", args=[plan.pk]),
            # A commune's hardship list, received: its pupils as cards, one flagged as proposed twice.
            reverse("awards:list_detail", args=[PupilList.objects.get(kind="hardship", status="sent").pk]),
            # The money lines of the half-year of the ceremony, on the dashboard and the period page.
            reverse("reports:dashboard") + "?year=2026&half=H1",
            reverse("reports:period_detail", args=[plan.pk, plan.periods.get(year=2026, half="H1").pk]),
            # The plan's feed: posts, accepted reports and sent lists, with the post form.
            reverse("feed:entries", args=[plan.pk]),
        ],
    }
    failures = []
    for username, urls in pages.items():
        context, page = visit_as(browser, live_server, demo, username, PHONE_390)
        for url in urls:
            page.goto(f"{live_server.url}{url}")
            failures += [f"{url}: {cell}" for cell in page.evaluate(SQUEEZED_CELLS)]
            assert_accessible(page)  # the cards keep the tables' headers for assistive technology
    assert not failures, "\n".join(failures)

    # Lists of reports are cards on a phone, not columns one word wide.
    for url, testid in [
        (reverse("reports:review_queue"), "review-queue"),
        (reverse("reports:report_list"), "report-list"),
    ]:
        page.goto(f"{live_server.url}{url}")
        rows = page.get_by_test_id(testid).locator("tbody tr")
        assert rows.count() and rows.first.evaluate("row => getComputedStyle(row).display") == "block", url

    # A card says what each value is: the unit grid labels each badge with its period.
    page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
    first_cell = page.get_by_test_id("unit-grid").locator("tbody td").first
    label = first_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    heading = page.get_by_test_id("unit-grid").locator("thead th").nth(1).text_content().strip()
    assert label == f'"{heading}"'
    context.close()
