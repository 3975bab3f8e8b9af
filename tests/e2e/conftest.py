"""Real Chromium, driven by Playwright, against the live portal.

Uses Debian's chromium (never a browser downloaded by Playwright). Without
it the tests skip with a message, unless REQUIRE_BROWSER is set (as in CI),
in which case they fail.
"""

import os

import pytest

# Playwright's sync API keeps an event loop in this thread; the ORM calls the
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium): browser tests skipped"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message.replace("skipped", "required because REQUIRE_BROWSER is set"))
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# Every page reports what the Content-Security-Policy refused, through the console.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
    console.error("CSP violation: " + event.violatedDirective + " " + (event.blockedURI || "inline") +
                  " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


def is_csp_violation(text: str) -> bool:
    return "CSP violation" in text or "Content Security Policy" in text


@pytest.fixture
def csp_violations():
    """What the Content-Security-Policy refused on any page of the test; none, at its end."""
    seen = []
    yield seen
    assert seen == [], "the Content-Security-Policy refused:\n" + "\n".join(seen)


@pytest.fixture
def new_page(browser, csp_violations):
    """Open a page in a fresh browser profile; an English browser, to prove the portal still speaks Vietnamese."""
    contexts = []

    def open_page(viewport=None):
        context = browser.new_context(locale="en-US", viewport=viewport or {"width": 1280, "height": 800})
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: is_csp_violation(message.text) and csp_violations.append(message.text))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def demo(transactional_db):
    from demo.core import DEMO_PASSWORD, demo_load

    demo_load()
    return DEMO_PASSWORD


def assert_accessible(page):
    """No axe-core violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    summary = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not violations, "\n".join(summary)


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
