"""The busiest reminder day of the national calendar: the sweep, then the sending.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc_bench \\
    REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python benchmarks/bench_reminders.py [--provinces 34] [--units 100] [--reporters 3] [--no-send]

It works in a throwaway database beside the one DATABASE_URL names
(``<name>_reminders``: created again at each run, dropped at the end;
``BENCH_KEEP=1`` keeps it), so that ``make bench`` can pass the national data
set's URL and leave that data set exactly as it was: the national data set has
no reporters to remind, and a sweep for real would add reminders and
notifications to it. The Redis database is purged of queued tasks.

It builds a national-like country with ``bulk_create`` in a few seconds (34
provinces, 100 commune associations each with 3 reporters, a provincial plan
in force in each, one unit in five has sent its first-half report) and takes
the day seven days after the first half's due date: every late unit's
reporters get their last overdue reminder and the parents' reviewers and
leaders their copy, the busiest day of the calendar. It prints:

- the sweep as a dry run (planning only) and for real (planning and recording):
  reminders, queries, seconds;
- one sending task's worth of e-mails (``GROUPS_PER_TASK``) sent in this
  process: queries and milliseconds per e-mail;
- the sending of the rest: a local SMTP sink (a socketserver in a process of
  its own, on a free port), two Celery worker processes (``--pool solo``) on
  ``REDIS_URL``, and the pending reminders queued by a second sweep (which
  records nothing new); e-mails, e-mails per second (the workers' first claim
  to their last "sent", from the rows' own times), and a check that every
  reminder was sent exactly once: each e-mail's Message-ID reached the sink
  once, and every reminder is sent or skipped with a reason.
"""

import argparse
import multiprocessing
import os
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from datetime import timedelta
from email.parser import BytesHeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ["DEBUG"] = "0"  # DEBUG records every query: it would distort the times
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["EMAIL_USE_TLS"] = "0"


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to take messages, several per connection; writes a line per connection
    ("C") and per message ("M <Message-ID>") to ``log``."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, log: str):
        super().__init__(("127.0.0.1", 0), SinkHandler)
        self.log = open(log, "a", encoding="utf-8")  # noqa: SIM115 -- open while the sink serves
        self.lock = threading.Lock()

    def write(self, line: str) -> None:
        with self.lock:
            self.log.write(line + "\n")
            self.log.flush()


class SinkHandler(socketserver.StreamRequestHandler):
    def reply(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.server.write("C")
        self.reply(b"220 sink ESMTP")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.reply(b"250 sink")
            elif command == b"DATA":
                self.reply(b"354 go ahead")
                lines = []
                while (chunk := self.rfile.readline()) and chunk != b".\r\n":
                    lines.append(chunk)
                headers = BytesHeaderParser().parsebytes(b"".join(lines))
                self.server.write(f"M {headers['Message-ID']}")
                self.reply(b"250 queued")
            elif command == b"QUIT":
                self.reply(b"221 bye")
                return
            else:
                self.reply(b"250 ok")


def _serve(pipe, log: str) -> None:
    sink = Sink(log)
    pipe.send(sink.server_address[1])
    sink.serve_forever()


class SinkProcess:
    """The sink in a process of its own on a free port, as a mail server is: in this process its
    threads would wait for the interpreter lock at every reply, and the sending would look slower."""

    def __init__(self):
        handle, self.log = tempfile.mkstemp(prefix="bench-sink-", suffix=".log")
        os.close(handle)
        ours, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_serve, args=(theirs, self.log), daemon=True)
        self.process.start()
        self.port = ours.recv()

    def received(self) -> tuple[list[str], int]:
        """The Message-IDs received so far, and the number of connections."""
        lines = Path(self.log).read_text(encoding="utf-8").splitlines()
        return [line[2:] for line in lines if line.startswith("M ")], lines.count("C")

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(timeout=10)
        os.unlink(self.log)


def throwaway_url(url: str) -> str:
    """The URL of the benchmark's own database, beside the one ``url`` names."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}_reminders"))


def server_command(url: str, *commands: str) -> None:
    """Run ``commands`` on the server of ``url``, connected to its maintenance database."""
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        password=config["PASSWORD"] or None,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        for command in commands:
            cursor.execute(command)
    conn.close()


def build(provinces: int, units: int, reporters: int):
    """A country in bulk: returns the busiest day (seven days after the first half's due date)."""
    from django.contrib.auth.hashers import make_password

    from programmes.models import Area, Membership, Organisation, Plan, User
    from programmes.services.plans import PartyData, plan_save
    from reports.models import ProgressReport, ReportingPeriod, ReportingUnit
    from reports.services.periods import plan_open_reporting

    Role, Side = Membership.Role, Organisation.Side
    password = make_password("bench-only-password")
    nation = Area.objects.create(code="VN", name="Việt Nam", level=Area.Level.NATION)
    areas = Area.objects.bulk_create(
        [
            Area(code=f"P{p:02d}", name=f"Tỉnh Thử {p}", level=Area.Level.PROVINCE, parent=nation, path=f"VN/P{p:02d}/")
            for p in range(provinces)
        ]
    )
    communes = Area.objects.bulk_create(
        [
            Area(
                code=f"W{p:02d}{u:04d}",
                name=f"Xã Thử {p}-{u}",
                level=Area.Level.COMMUNE,
                parent=area,
                path=f"{area.path}W{p:02d}{u:04d}/",
            )
            for p, area in enumerate(areas)
            for u in range(units)
        ]
    )
    heads = Organisation.objects.bulk_create(
        [
            o
            for p, area in enumerate(areas)
            for o in (
                Organisation(
                    area=area, name=f"Sở Giáo dục và Đào tạo tỉnh Thử {p}", kind="education", side=Side.EDUCATION
                ),
                Organisation(area=area, name=f"Hội Khuyến học tỉnh Thử {p}", kind="association", side=Side.ASSOCIATION),
            )
        ]
    )
    association_of = {heads[2 * p + 1].area_id: heads[2 * p + 1] for p in range(provinces)}
    # One commune in four sits under an old district's association (taken over in the 2025 reform),
    # whose reviewer is copied on that one unit alone: the escalations' worst case.
    districts = Area.objects.bulk_create(
        [
            Area(
                code=f"D{c.code}",
                name=f"Huyện cũ {c.code}",
                level=Area.Level.DISTRICT,
                parent=c.parent,
                path=f"{c.parent.path}D{c.code}/",
                is_historical=True,
            )
            for c in communes[::4]
        ]
    )
    old = Organisation.objects.bulk_create(
        [
            Organisation(area=d, name=f"Hội Khuyến học huyện cũ {d.code}", kind="other", side=Side.OTHER, parent=None)
            for d in districts
        ]
    )
    parent_of = {c.pk: association_of[c.parent_id] for c in communes} | {c.pk: o for c, o in zip(communes[::4], old)}
    unit_rows = Organisation.objects.bulk_create(
        [
            Organisation(
                area=c,
                name=f"Hội Khuyến học xã Thử {c.code}",
                kind="association",
                side=Side.ASSOCIATION,
                parent=parent_of[c.pk],
            )
            for c in communes
        ]
    )
    people = []  # (username, organisation, role)
    for unit in unit_rows:
        people += [(f"r{unit.pk}_{n}", unit, Role.REPORTER) for n in range(reporters)]
    for p in range(provinces):
        department, association = heads[2 * p], heads[2 * p + 1]
        people += [(f"lead{department.pk}", department, Role.LEADER), (f"edit{department.pk}", department, Role.EDITOR)]
        people += [(f"rev{association.pk}_{n}", association, Role.REVIEWER) for n in range(2)]
        people += [(f"lead{association.pk}", association, Role.LEADER)]
    people += [(f"old{o.pk}", o, Role.REVIEWER) for o in old]
    users = User.objects.bulk_create(
        [User(username=name, email=f"{name}@example.vn", password=password) for name, _o, _r in people], batch_size=2000
    )
    Membership.objects.bulk_create(
        [Membership(user=user, organisation=o, role=role) for user, (_n, o, role) in zip(users, people)],
        batch_size=2000,
    )
    plans = []
    for p, area in enumerate(areas):
        plan = Plan(
            area=area,
            number=f"{p}/KH-SGDĐT-HKH",
            title=f"Kế hoạch phối hợp năm 2026 tỉnh Thử {p}",
            start_year=2026,
            end_year=2026,
            status=Plan.Status.IN_FORCE,
        )
        plans.append(
            plan_save(
                user=None,
                plan=plan,
                parties=[PartyData(organisation=heads[2 * p]), PartyData(organisation=heads[2 * p + 1])],
            )
        )
    ReportingUnit.objects.bulk_create(
        [
            ReportingUnit(plan=plans[p], organisation=o)
            for p in range(provinces)
            for o in (heads[2 * p], heads[2 * p + 1])
        ]
        + [
            ReportingUnit(plan=plans[areas.index(next(a for a in areas if a.pk == u.area.parent_id))], organisation=u)
            for u in unit_rows
        ],
        batch_size=2000,
    )
    for plan in plans:
        plan_open_reporting(user=None, plan=plan)
    periods = {r.plan_id: r for r in ReportingPeriod.objects.filter(plan__in=plans, year=2026, half="H1")}
    plan_of = {ru.organisation_id: ru.plan_id for ru in ReportingUnit.objects.all()}
    ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                plan_id=plan_of[u.pk],
                period=periods[plan_of[u.pk]],
                organisation=u,
                status=ProgressReport.Status.SUBMITTED,
            )
            for u in unit_rows[::5]
        ]
        + [  # a draft started by one late unit in three
            ProgressReport(
                plan_id=plan_of[u.pk], period=periods[plan_of[u.pk]], organisation=u, status=ProgressReport.Status.DRAFT
            )
            for index, u in enumerate(unit_rows)
            if index % 5 and index % 3 == 0
        ],
        batch_size=2000,
    )
    with __import__("django.db").db.connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return next(iter(periods.values())).due_on + timedelta(days=7)


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measured(action):
    from django.db import connection

    counter = QueryCounter()
    start = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = action()
    return result, counter.count, time.perf_counter() - start


def start_workers(environment: dict) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "khuyenhoc",
                "worker",
                "--pool",
                "solo",
                "-n",
                f"bench{n}@%h",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**environment, "PYTHONWARNINGS": "ignore"},
            stdout=subprocess.DEVNULL,
        )
        for n in range(2)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--units", type=int, default=100, help="commune associations per province")
    parser.add_argument("--reporters", type=int, default=3, help="reporters per commune association")
    parser.add_argument("--no-send", action="store_true", help="measure the sweep only")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the benchmark works in a throwaway one beside it.")
    if not args.no_send and not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL (a Redis database of your own) for the sending, or pass --no-send.")
    own = throwaway_url(url)
    name = urllib.parse.urlsplit(own).path.lstrip("/")
    server_command(own, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = own  # for Django here and for the workers
    print(f"database: {name} (dropped at the end; BENCH_KEEP=1 keeps it)")
    sink = SinkProcess()
    os.environ["EMAIL_HOST"], os.environ["EMAIL_PORT"] = "127.0.0.1", str(sink.port)
    try:
        run(args, sink)
    finally:
        sink.stop()
        if os.environ.get("BENCH_KEEP") != "1":
            from django.db import connections

            connections.close_all()
            server_command(own, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args, sink: SinkProcess) -> None:
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from khuyenhoc.celery import app
    from tasks import reminders, sending
    from tasks.models import Reminder

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    day = build(args.provinces, args.units, args.reporters)
    print(
        f"data: {args.provinces} provinces × {args.units} units × {args.reporters} reporters in {time.perf_counter() - start:.1f} s; day {day:%d/%m/%Y}"
    )

    def dry_run():
        with transaction.atomic():
            return reminders.plan_reminders(day)

    planned, queries, seconds = measured(dry_run)
    print(f"sweep, dry run:  {len(planned):>6} reminders  {queries:>5} queries  {seconds:6.2f} s")
    result, queries, seconds = measured(lambda: reminders.reminders_sweep(today=day, enqueue=False))
    print(f"sweep, recorded: {len(result.created):>6} reminders  {queries:>5} queries  {seconds:6.2f} s")
    if args.no_send:
        return

    # One task's worth, in this process: what a worker spends per e-mail.
    pending = Reminder.objects.filter(status=Reminder.Status.PENDING).order_by("pk").only("pk", "recipient_id", "kind")
    groups = sending.by_person_and_kind(pending, lambda r: r.recipient_id)[: reminders.GROUPS_PER_TASK]
    sending.reminders_send(reminder_ids=[r.pk for r in groups[0]])  # templates and connections warmed up
    ids = [r.pk for group in groups[1:] for r in group]
    sent, queries, seconds = measured(lambda: sending.reminders_send(reminder_ids=ids))
    print(
        f"one task here:   {sent.emails:>6} e-mails    {queries:>5} queries  {seconds:6.2f} s: "
        f"{queries / sent.emails:.2f} queries and {seconds * 1000 / sent.emails:.1f} ms per e-mail"
    )
    in_process = {r.pk for group in groups for r in group}

    app.control.purge()
    workers = start_workers(dict(os.environ, DATABASE_CONN_MAX_AGE="600"))
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=1) or []) < 2:
            if time.monotonic() > deadline:
                sys.exit("The two workers did not answer within a minute.")
        # A second sweep records nothing new and queues every pending reminder, as the hourly one would.
        again, queries, seconds = measured(lambda: reminders.reminders_sweep(today=day, enqueue=True))
        print(
            f"sweep again:     {len(again.created):>6} reminders  {queries:>5} queries  {seconds:6.2f} s (and queued the rest)"
        )
        open_rows = Reminder.objects.filter(status__in=[Reminder.Status.PENDING, Reminder.Status.SENDING])
        deadline = time.monotonic() + 1800
        while open_rows.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # a duplicate would arrive now
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    rows = Reminder.objects.all()
    statuses = Counter(rows.values_list("status", flat=True))
    by_workers = rows.exclude(pk__in=in_process)
    first = by_workers.order_by("claimed_at").values_list("claimed_at", flat=True).first()
    last = by_workers.filter(sent_at__isnull=False).order_by("-sent_at").values_list("sent_at", flat=True).first()
    emails = len(set(by_workers.filter(status=Reminder.Status.SENT).values_list("message_id", flat=True)))
    recorded = set(rows.filter(status=Reminder.Status.SENT).values_list("message_id", flat=True))
    message_ids, connections = sink.received()
    arrived = Counter(message_ids)
    elapsed = (last - first).total_seconds() if first and last else float("nan")
    print(
        f"sending: {len(arrived)} e-mails for {statuses.get('sent', 0)} reminders over {connections} SMTP connections; "
        f"the workers' {emails} in {elapsed:.1f} s: {emails / elapsed:.1f} e-mails/s with 2 workers"
    )
    twice = [message_id for message_id, n in arrived.items() if n > 1]
    unsent = sum(n for status, n in statuses.items() if status not in ("sent", "skipped"))
    exactly_once = not twice and set(arrived) == recorded and not unsent
    print(f"statuses: {dict(statuses)}; arrived twice: {len(twice)}; exactly once: {'yes' if exactly_once else 'NO'}")
    if not exactly_once:
        sys.exit(1)


if __name__ == "__main__":
    main()
