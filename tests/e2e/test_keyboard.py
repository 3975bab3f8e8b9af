"""Keyboard users: a focus ring of 3:1 or more everywhere, every control reached in order, a skip link that works,
and a plan's status that changes only after a confirmation, without JavaScript."""

import re

import pytest
from django.urls import reverse

from programmes.models import Plan

from .conftest import log_in

pytestmark = pytest.mark.e2e

CURRENT_PLAN = "15/KH-SGDĐT-HKH"

# The focused element's outline and the colour of what it is drawn on.
FOCUS_RING = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  let node = el.parentElement, background = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(.*, 0\\)|transparent/.test(background)) { background = getComputedStyle(node).backgroundColor; node = node.parentElement; }
  return {tag: el.tagName, inNavbar: !!el.closest('.portal-navbar'), style: style.outlineStyle,
          width: parseFloat(style.outlineWidth), colour: style.outlineColor, background: background};
}"""


def luminance(rgb: str) -> float:
    def channel(value):
        value = int(value) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = re.findall(r"\d+", rgb)[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tab_until(page, predicate: str, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return page.evaluate(FOCUS_RING)
    raise AssertionError(f"Tab never reached {predicate}")


def assert_visible_ring(ring):
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert contrast(ring["colour"], ring["background"]) >= 3, ring


def test_the_focus_ring_has_3_to_1_on_the_navbar_and_on_a_white_page(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "leader", demo)
    page.goto(f"{live_server.url}{reverse('reports:dashboard')}")  # its filters come first
    navbar_link = tab_until(
        page, "!!document.activeElement.closest('.portal-navbar') && document.activeElement.tagName === 'A'"
    )
    assert navbar_link["inNavbar"]
    assert_visible_ring(navbar_link)
    field = tab_until(page, "['INPUT', 'SELECT'].includes(document.activeElement.tagName)")
    assert field["background"] == "rgb(255, 255, 255)"
    assert_visible_ring(field)


# Every control a keyboard can reach, in the order of the page, each marked.
FOCUSABLE = """() => {
  const all = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]');
  return [...all].filter(el => !el.disabled && el.checkVisibility({visibilityProperty: true})).map((el, i) => {
    el.dataset.tabOrder = i; return i;
  }).length;
}"""
FOCUSED = (
    "(() => { const s = getComputedStyle(document.activeElement); "
    "return [document.activeElement.dataset.tabOrder, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; })()"
)


def tab_through(page):
    """Press Tab through the whole page; return the order reached and the stops without a visible ring."""
    count = page.evaluate(FOCUSABLE)
    reached, unmarked = [], []
    for _ in range(count):
        page.keyboard.press("Tab")
        order, ringed = page.evaluate(FOCUSED)
        reached.append(int(order) if order is not None else None)
        if not ringed:
            unmarked.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    return count, reached, unmarked


@pytest.mark.parametrize("username, url", [("leader", "report_list"), ("editor", "plan_detail")])
def test_a_keyboard_reaches_every_control_in_order_with_a_visible_ring(demo, live_server, new_page, username, url):
    plan = Plan.objects.get(number=CURRENT_PLAN)
    page = new_page()
    log_in(page, live_server, username, demo)
    path = reverse("reports:report_list") if url == "report_list" else reverse("programmes:plan_detail", args=[plan.pk])
    page.goto(f"{live_server.url}{path}")
    count, reached, unmarked = tab_through(page)
    assert count > 10
    assert reached == list(range(count))
    assert not unmarked, unmarked


def test_the_skip_link_moves_focus_to_the_content(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server, "leader", demo)
    page.goto(f"{live_server.url}{reverse('reports:report_list')}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")  # the navbar is skipped


def test_a_plan_status_changes_only_after_a_confirmation_even_without_javascript(demo, live_server, browser):
    plan = Plan.objects.get(number=CURRENT_PLAN)
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, live_server, "editor", demo)
    page.goto(f"{live_server.url}{reverse('programmes:plan_detail', args=[plan.pk])}")
    confirm = page.get_by_role("button", name="Đồng ý chuyển sang “Đã kết thúc”")
    assert not confirm.is_visible()

    page.get_by_text("Chuyển sang “Đã kết thúc”…").focus()
    page.keyboard.press("Enter")  # opens the question; nothing is sent yet
    assert confirm.is_visible()
    assert page.get_by_text("Kế hoạch sẽ chuyển sang “Đã kết thúc”").is_visible()
    plan.refresh_from_db()
    assert plan.status == "in_force"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Đồng ý chuyển sang “Đã kết thúc”"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    plan.refresh_from_db()
    assert plan.status == "ended"
    context.close()
