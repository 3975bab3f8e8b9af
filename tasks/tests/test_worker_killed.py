"""A Celery worker killed in the middle of a send, against a local SMTP sink.

The one case no mail system can rule out: the server has taken the message,
the worker dies before the reminder is marked sent. The reminder is sent again
once its claim goes stale, with the Message-ID recorded before the first try,
so the two copies are one message to mail servers and programs, and the row's
two attempts show what happened. Needs PostgreSQL and Redis (CI's first pass).
"""

import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tasks import reminders
from tasks.models import Kind, Reminder
from tasks.tasks import send_reminder

pytestmark = pytest.mark.django_db(transaction=True)
BASE_DIR = Path(__file__).resolve().parents[2]
QUEUE = "kill-test"


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to take a message; holds back its "250 OK" while ``stall`` is set."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SinkHandler)
        self.messages: list[bytes] = []
        self.stall = threading.Event()


class SinkHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.reply("250 sink")
            elif command == b"DATA":
                self.reply("354 go ahead")
                data = b""
                while (chunk := self.rfile.readline()) and chunk != b".\r\n":
                    data += chunk
                self.server.messages.append(data)  # taken: from here on it may be delivered
                while self.server.stall.is_set():
                    time.sleep(0.1)
                self.reply("250 queued")
            elif command == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def sink():
    server = Sink()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.stall.clear()
    server.shutdown()


@pytest.fixture
def worker_env(settings, sink):
    if not (os.environ.get("REDIS_URL") and connection.vendor == "postgresql"):
        if os.environ.get("REQUIRE_REDIS") and connection.vendor == "postgresql":
            pytest.fail("REDIS_URL is not set but REQUIRE_REDIS is: the kill-the-worker test must run")
        pytest.skip("needs Redis and PostgreSQL: a worker in another process shares the test database")
    db = connection.settings_dict
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", sink.server_address[1], False
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.server_address[1]),
        "EMAIL_USE_TLS": "0",
    }
    return environment


def test_a_worker_killed_after_the_server_took_the_message_resends_it_with_the_same_message_id(
    world, reporter_a, sink, worker_env
):
    reminder = Reminder.objects.create(
        key="kill-test",
        kind=Kind.DUE_SOON,
        recipient=reporter_a,
        subject="Báo cáo sắp đến hạn",
        body="Hạn: 19/06/2026",
        link="/",
    )
    sink.stall.set()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "khuyenhoc",
            "worker",
            "--pool",
            "solo",
            "-Q",
            QUEUE,
            "--loglevel",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env=worker_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        send_reminder.apply_async(args=[reminder.pk], queue=QUEUE)
        assert wait_for(lambda: sink.messages), "the worker never reached the mail server"
        worker.send_signal(signal.SIGKILL)  # the server has the message; the row does not say "sent"
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    sink.stall.clear()
    reminder.refresh_from_db()
    assert reminder.status == "sending" and reminder.message_id

    # Half an hour later the next sweep releases the dead worker's claim, and the send is tried again.
    Reminder.objects.filter(pk=reminder.pk).update(claimed_at=timezone.now() - timedelta(minutes=31))
    reminders.reminders_sweep(enqueue=False)
    assert reminders.reminder_send(reminder.pk) == "sent"

    reminder.refresh_from_db()
    ids = [message_from_bytes(m)["Message-ID"] for m in sink.messages]
    assert ids == [reminder.message_id, reminder.message_id]  # one message, delivered twice at most
    assert reminder.attempts == 2  # how an administrator tells that it may have arrived twice
