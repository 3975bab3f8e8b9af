"""Two web servers, one PostgreSQL, one Redis, one file storage: a user signs in on one server,
attaches evidence through the other and downloads it from the first. Nothing the web tier needs
lives in one process: the session is in the database, the file in the shared storage.

Each server is gunicorn with production settings (DEBUG off) in its own process, as behind a load
balancer without sticky sessions. Needs PostgreSQL and Redis (CI's first pass)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from reports.models import Attachment
from reports.services import workflow
from reports.services.periods import plan_open_reporting

pytestmark = pytest.mark.django_db(transaction=True)
BASE_DIR = Path(__file__).resolve().parents[1]
EVIDENCE = b"%PDF-1.4\nbien ban hoi nghi so ket\n%%EOF"


@pytest.fixture
def shared_services():
    """The environment both servers get: the test database and Redis, and nothing of this process's settings."""
    if not (os.environ.get("REDIS_URL") and connection.vendor == "postgresql"):
        if os.environ.get("REQUIRE_REDIS") and connection.vendor == "postgresql":
            pytest.fail("REDIS_URL is not set but REQUIRE_REDIS is: the two-server test must run")
        pytest.skip("needs PostgreSQL and Redis: servers in other processes share the test database")
    db = connection.settings_dict
    return {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": os.environ["REDIS_URL"],
    }


@pytest.fixture
def open_report(world, reporter_a, plan):
    """A draft of unit A in a period open today (the servers run on the real clock)."""
    today = timezone.localdate()
    plan.start_year = plan.end_year = today.year
    plan.save()
    plan_open_reporting(user=None, plan=plan)
    period = plan.periods.order_by("half").first()
    period.starts_on, period.ends_on = today - timedelta(days=30), today + timedelta(days=30)
    period.due_on, period.locked_after = today + timedelta(days=30), today + timedelta(days=60)
    period.save()
    return workflow.report_start(user=reporter_a, plan=plan, period=period, organisation=world.unit_a)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def web_servers(count: int, environment: dict[str, str]):
    """``count`` gunicorn processes on free ports, each its own portal; killed however the test ends."""
    servers = []
    try:
        for _ in range(count):
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "khuyenhoc.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                cwd=BASE_DIR,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            servers.append((f"http://127.0.0.1:{port}", process))
        started = time.monotonic()
        for base, process in servers:
            wait_until_serving(base, process)
        print(f"{count} servers answering after {time.monotonic() - started:.1f} s")
        yield [base for base, _process in servers]
    finally:
        for _base, process in servers:
            process.terminate()
        for _base, process in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_serving(base: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server at {base} stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"the server at {base} did not answer within {timeout} s")


class Browser:
    """One browser: one cookie jar, whatever server answers (cookies ignore the port)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str):
        response = self.opener.open(url, timeout=15)
        return response, response.read()

    def csrf_token(self, url: str) -> str:
        _response, page = self.get(url)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    def post(self, url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None):
        boundary = uuid.uuid4().hex
        body = b""
        for name, value in fields.items():
            body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, (filename, content) in (files or {}).items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    "Content-Type: application/pdf\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        response = self.opener.open(request, timeout=15)
        return response, response.read()


def test_evidence_uploaded_through_one_server_is_downloaded_through_the_other(shared_services, open_report, tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STORAGE_", "DATABASE_"))},
        **shared_services,
        "DJANGO_SETTINGS_MODULE": "tests.two_servers_settings",
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-one-secret-key-shared-by-every-web-server-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }
    report = open_report
    browser = Browser()
    with web_servers(2, environment) as (first, second):
        login = f"{first}/accounts/login/"
        _response, home = browser.post(
            login,
            {"csrfmiddlewaretoken": browser.csrf_token(login), "username": "reporter_a", "password": "correct-horse-9"},
        )
        assert b"logout" in home  # signed in: the page offers to sign out

        # The second server knows the session the first one started.
        edit = f"{second}/reports/{report.pk}/edit/"
        fields = {"csrfmiddlewaretoken": browser.csrf_token(edit), "attach": "1"}
        response, page = browser.post(
            f"{second}/reports/{report.pk}/attachments/", fields, {"file": ("bien-ban.pdf", EVIDENCE)}
        )
        assert response.url.startswith(second) and response.url.endswith(f"/reports/{report.pk}/edit/")
        attachment = Attachment.objects.get(report=report)
        assert "bien-ban.pdf".encode() in page

        response, content = browser.get(f"{first}/reports/{report.pk}/attachments/{attachment.pk}/")
        assert content == EVIDENCE
        assert response.headers["Content-Disposition"].startswith('attachment; filename="bien-ban.pdf"')

        # Signed out on one server is signed out on both.
        browser.post(f"{second}/accounts/logout/", {"csrfmiddlewaretoken": browser.csrf_token(edit)})
        response, _page = browser.get(f"{first}/reports/{report.pk}/attachments/{attachment.pk}/")
        assert "/accounts/login/" in response.url
