"""The portal's pages over real HTTP, as in production, each beside the bare SQL of its figures.

    make bench      # a PostgreSQL database of its own, the national data set, ANALYZE, this

or, on a database that already holds the data (``seed_demo``, any scale):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc_bench REDIS_URL=redis://127.0.0.1:6379/9 \\
        [BENCH_2X_DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc_bench20] \\
        .venv/bin/python benchmarks/bench_pages.py

``BENCH_2X_DATABASE_URL`` names a second database holding the same data set with twice the
history (``seed_demo --scale national --years 20``): every page is measured on both, one after
the other, and a last table sets the two side by side (the issue asks every page to stay within
3x of its bare SQL at 1x and 2x history, and flat as history doubles).

What it does, so that the numbers can be trusted:

- ``ANALYZE`` first: a freshly loaded database has no statistics if autovacuum has not run yet.
- The portal runs as in production (README, "Running it like production"): gunicorn with 2 workers,
  ``DEBUG=0``, collected static files, Redis as the cache (on ``REDIS_URL``'s database number, which
  the benchmark empties before measuring each database, so that nothing cached from another data
  set is served: give it a number of its own). Only what plain HTTP on
  127.0.0.1 needs differs: ``SECURE_SSL_REDIRECT=0`` and ``SECURE_COOKIES=0``.
- It signs in through the login form, as real users: the national leader and national reviewer that
  the national data set adds, and the demo's province leader of Phú Thọ (``leader``).
- Each page request is followed by the bare SQL of the same figures (``benchmarks/bare_sql.py``,
  checked against the dashboard by ``reports/tests/test_bare_sql.py``), in turn, on the same data,
  so that both see the same load on the machine.
- "Cold" means nothing of the page cached: the benchmark deletes the cache's ``dashboard:`` keys (or
  the period page's bodies and totals) before the request. "Warm" is the same request again. The
  period page is also measured with its totals kept and its body built again, as a reader finds it
  after a unit starts its report, or on a page of units or in a language not read since the last
  change.
- At concurrency 4, four clients (threads, each with its own connections) send the same request;
  requests per second is what the server completed over the wall time.

It prints, per page: median and 95th percentile at concurrency 1, requests per second at 1 and 4,
the HTML size, the bare SQL's median, and the ratio of the page to its bare SQL; when the bare SQL
is faster than the simplest signed-in page (the same user's notification list, requested in turn
with the page and its SQL), the ratio to that floor too.
Then the reminder sweep as a dry run (``send_reminders --dry-run``) on the day a week after the
latest due date, beside the bare SQL of the late units and their reporters.
"""

import http.cookiejar
import io
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402
import redis  # noqa: E402

from benchmarks import bare_sql  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
CONCURRENT_RUNS = int(os.environ.get("BENCH_CONCURRENT_RUNS", "4"))  # requests per client at concurrency 4
PASSWORD = os.environ.get("DEMO_PASSWORD", "KhuyenHoc@2026")
WORKERS = 2


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The portal --------------------------------------------------------------------------------


def portal_environment(static_root: str, port: int) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-" + "k" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        # The benchmark signs in many times from one address.
        "LOGIN_ADDRESS_FAILURE_LIMIT": "1000",
    }


def start_portal(env: dict, port: int) -> subprocess.Popen:
    python = Path(sys.executable)
    subprocess.run([str(python), "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    gunicorn = python.parent / "gunicorn"
    # The README's production command line, with 2 workers.
    command = [
        str(gunicorn),
        "khuyenhoc.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        "60",
        "--graceful-timeout",
        "30",
        "--max-requests",
        "500",
        "--max-requests-jitter",
        "50",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_portal(server)
    sys.exit("gunicorn did not answer within a minute")


def stop_portal(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=60)


class Browser:
    """A signed-in user: a cookie jar and urllib, one connection per request (gunicorn's sync workers
    close it anyway)."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.username = username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.get("/accounts/login/")[1].decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
        )
        with self.opener.open(request, timeout=120) as response:
            response.read()
            if "/accounts/login/" in response.url:
                sys.exit(f"Could not sign in as {username} (password {PASSWORD!r}): load the data with seed_demo.")

    def copy(self) -> "Browser":
        """Another client with the same session (for the concurrent runs)."""
        other = object.__new__(Browser)
        other.base, other.username, other.jar = self.base, self.username, http.cookiejar.CookieJar()
        for cookie in self.jar:
            other.jar.set_cookie(cookie)
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(other.jar))
        return other

    def get(self, path: str) -> tuple[float, bytes]:
        start = time.perf_counter()
        with self.opener.open(f"{self.base}{path}", timeout=120) as response:
            body = response.read()
            if response.status != 200 or ("/accounts/login/" in response.url and "/accounts/login/" not in path):
                raise RuntimeError(f"{path} as {self.username}: {response.status} {response.url}")
        return (time.perf_counter() - start) * 1000, body


# Measuring ---------------------------------------------------------------------------------


class Cache:
    """The portal's cache database: empties it of dashboards and period pages for the cold runs."""

    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url)

    def clear(self) -> None:
        """Everything: what another data set left cached could be served as this one's."""
        self.client.flushdb()

    def forget_dashboards(self) -> None:
        self._forget("*dashboard:*")

    def forget_period_pages(self) -> None:
        """Nothing of the period page cached: its bodies and its totals (as after a report moves)."""
        self._forget("*period-page:*")
        self._forget("*period-totals:*")

    def forget_period_bodies(self) -> None:
        """The bodies only, the totals kept (as after a unit starts its report, or for a reader,
        page of units or language not read since the last change)."""
        self._forget("*period-page:*")

    def _forget(self, pattern: str) -> None:
        keys = list(self.client.scan_iter(match=pattern, count=1000))
        if keys:
            self.client.delete(*keys)


def timed_sql(connection, sql) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        sql(cursor)
    return (time.perf_counter() - start) * 1000


FLOOR_PATH = "/notifications/"  # the simplest signed-in page


def measure(browser: Browser, path: str, connection, sql, before=None) -> dict:
    """Page, bare SQL and the floor (the same user's notification list) in turn, RUNS times after a
    warm-up; then the page at concurrency 4. The floor is measured beside each page, not once: on a
    shared machine the speed drifts from minute to minute, and a ratio to a floor taken earlier
    drifts with it."""
    for _warm_up in range(2):
        if before:
            before()
        browser.get(path)
        if sql:
            timed_sql(connection, sql)
    page_times, sql_times, floor_times, size = [], [], [], 0
    for _run in range(RUNS):
        if before:
            before()
        elapsed, body = browser.get(path)
        page_times.append(elapsed)
        size = len(body)
        if sql:
            sql_times.append(timed_sql(connection, sql))
        if path != FLOOR_PATH:
            floor_times.append(browser.get(FLOOR_PATH)[0])
    # Requests per second at concurrency 1 from the page's own times, without the SQL in between.
    rps1 = 1000 / statistics.mean(page_times)
    rps4 = concurrent_rps(browser, path, before)
    return {
        "median": statistics.median(page_times),
        "p95": percentile(page_times, 0.95),
        "rps1": rps1,
        "rps4": rps4,
        "kb": size / 1024,
        "sql": statistics.median(sql_times) if sql_times else None,
        "floor": statistics.median(floor_times) if floor_times else None,
    }


def concurrent_rps(browser: Browser, path: str, before) -> float:
    clients = [browser.copy() for _client in range(4)]
    errors = []

    def run(client):
        try:
            for _request in range(CONCURRENT_RUNS):
                if before:
                    before()
                client.get(path)
        except Exception as error:  # noqa: BLE001 -- reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return 4 * CONCURRENT_RUNS / (time.perf_counter() - start)


def print_row(name: str, result: dict, floor: float | None) -> None:
    """Print one page's row; keeps its ratio to the larger of the bare SQL and the floor in ``result``."""
    sql = result["sql"]
    if sql is None:
        sql_text, ratio, floor_ratio = "-", "-", "-"
    else:
        sql_text = f"{sql:.1f}"
        ratio = f"{result['median'] / sql:.1f}x"
        floor = result["floor"] or floor  # the floor measured beside the page
        floor_ratio = f"{result['median'] / max(sql, floor):.1f}x" if floor else "-"
    result["floor_ratio"] = floor_ratio
    print(
        f"{name:<34}{result['median']:>8.0f}{result['p95']:>8.0f}{result['rps1']:>7.1f}{result['rps4']:>7.1f}"
        f"{result['kb']:>7.0f}{sql_text:>9}{ratio:>8}{floor_ratio:>9}",
        flush=True,
    )


# The data ----------------------------------------------------------------------------------


def one(cursor, query, params=None):
    cursor.execute(query, params or {})
    return cursor.fetchone()


def describe(connection) -> dict:
    """Counts, the users, and the plan and period to measure (the plan in force with the most units)."""
    with connection.cursor() as cursor:
        counts = {
            table: one(cursor, f"SELECT count(*) FROM {table}")[0]
            for table in (
                "reports_reportingunit",
                "reports_progressreport",
                "reports_commitmentprogress",
                "reports_indicatorvalue",
                "reports_reportingperiod",
            )
        }
        cursor.execute("SELECT username, id FROM programmes_user")
        users = dict(cursor.fetchall())
        today = one(cursor, f"SELECT (now() AT TIME ZONE '{bare_sql.TZ}')::date")[0]
        plan_id = one(
            cursor,
            """SELECT u.plan_id FROM reports_reportingunit u JOIN programmes_plan p ON p.id = u.plan_id
                WHERE p.status = 'in_force' GROUP BY u.plan_id ORDER BY count(*) DESC, u.plan_id LIMIT 1""",
        )[0]
        period_id, due_on, year, half = one(
            cursor,
            """SELECT id, due_on, year, half FROM reports_reportingperiod WHERE plan_id = %(plan)s AND due_on <= %(today)s
                ORDER BY year DESC, half DESC LIMIT 1""",
            {"plan": plan_id, "today": today},
        )
        units = one(cursor, "SELECT count(*) FROM reports_reportingunit WHERE plan_id = %(plan)s", {"plan": plan_id})[0]
        # The report list filtered to late reports, for the half-year that has the most of them.
        late_year, late_half = one(
            cursor,
            f"""SELECT p.year, p.half FROM reports_progressreport r JOIN reports_reportingperiod p ON p.id = r.period_id
                 WHERE {bare_sql._LATE} GROUP BY p.year, p.half ORDER BY count(*) DESC, p.year DESC LIMIT 1""",
        ) or (year, half)
        latest_due = one(
            cursor, "SELECT max(due_on) FROM reports_reportingperiod WHERE due_on <= %(today)s", {"today": today}
        )[0]
    return {
        "counts": counts,
        "users": users,
        "today": today,
        "plan": plan_id,
        "period": period_id,
        "year": year,
        "half": half,
        "due_on": due_on,
        "late_year": late_year,
        "late_half": late_half,
        "plan_units": units,
        "sweep_day": latest_due + timedelta(days=7),
    }


def sweep(env: dict, day) -> None:
    """The reminder sweep as a dry run, beside its bare SQL, in a process of its own (Django set up like
    the portal, on this database: one process sets Django up for one database only)."""
    subprocess.run([sys.executable, __file__, "--sweep", day.isoformat()], cwd=ROOT, env=env, check=True)


def sweep_here(day) -> None:
    """``sweep`` in this process: ``bench_pages.py --sweep YYYY-MM-DD``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection as django_connection

    connection = psycopg2.connect(os.environ["DATABASE_URL"])
    connection.autocommit = True
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    times, sql_times = [], []
    output = ""
    runs = max(1, min(RUNS, int(os.environ.get("BENCH_SWEEP_RUNS", "3"))))
    for _run in range(runs):
        queries.clear()
        out = io.StringIO()
        start = time.perf_counter()
        with django_connection.execute_wrapper(count):
            call_command("send_reminders", "--dry-run", f"--today={day.isoformat()}", stdout=out)
        times.append((time.perf_counter() - start) * 1000)
        output = out.getvalue().strip().splitlines()[-1] if out.getvalue().strip() else ""
        sql_times.append(timed_sql(connection, lambda cursor: bare_sql.late_units(cursor, day=day)))
    page, sql = statistics.median(times), statistics.median(sql_times)
    print(
        f"\nreminder sweep, dry run, {day:%d/%m/%Y} ({runs} runs): {page:,.0f} ms median, {len(queries):,} queries; "
        f"bare SQL of the late units {sql:.1f} ms; ratio {page / sql:.1f}x"
    )
    print(f"  {output}", flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--sweep"]:
        return sweep_here(date.fromisoformat(sys.argv[2]))
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres") or not redis_url:
        sys.exit("Set DATABASE_URL (PostgreSQL) and REDIS_URL (a Redis database number of its own); make bench does.")
    databases = [("1x history", database_url)]
    if os.environ.get("BENCH_2X_DATABASE_URL"):
        databases.append(("2x history", os.environ["BENCH_2X_DATABASE_URL"]))
    results = {}
    for label, url in databases:
        if len(databases) > 1:
            print(f"\n== {label}: {url.rsplit('/', 1)[-1]} ==", flush=True)
        results[label] = run_database(url, redis_url)
    if len(results) > 1:
        print_history(results)


def run_database(database_url: str, redis_url: str) -> dict:
    """ANALYZE, the data, the portal on this database, its pages and the sweep; returns the pages' results."""
    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE: {time.perf_counter() - started:.1f} s")
    data = describe(connection)
    counts = data["counts"]
    print(
        f"data: {counts['reports_reportingunit']:,} reporting units, {counts['reports_reportingperiod']:,} periods, "
        f"{counts['reports_progressreport']:,} reports, {counts['reports_commitmentprogress']:,} commitment rows, "
        f"{counts['reports_indicatorvalue']:,} figures; today {data['today']:%d/%m/%Y}"
    )
    missing = [u for u in ("national_leader", "national_reviewer", "leader") if u not in data["users"]]
    if missing:
        sys.exit(
            f"Users missing: {', '.join(missing)}. Load the data with seed_demo (--scale national adds the national ones)."
        )
    cache = Cache(redis_url)
    cache.clear()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="khuyenhoc-bench-static-") as static_root:
        env = {**portal_environment(static_root, port), "DATABASE_URL": database_url}
        server = start_portal(env, port)
        try:
            results = run_pages(base, connection, cache, data)
        finally:
            stop_portal(server)
        if not os.environ.get("BENCH_ONLY"):
            sweep(env, data["sweep_day"])
    connection.close()
    return results


def print_history(results: dict) -> None:
    """The pages at 1x and 2x history side by side: median, growth, and ratio to the larger of the
    bare SQL and the floor."""
    one, two = results["1x history"], results["2x history"]
    print("\nhistory doubled")
    print(f"{'page (user)':<34}{'1x ms':>8}{'2x ms':>8}{'2x/1x':>8}{'1x r.':>8}{'2x r.':>8}{'1x KB':>7}{'2x KB':>7}")
    for name, first in one.items():
        second = two.get(name)
        if second is None:
            continue
        growth = f"{second['median'] / first['median']:.2f}"
        print(
            f"{name:<34}{first['median']:>8.0f}{second['median']:>8.0f}{growth:>8}"
            f"{first['floor_ratio']:>8}{second['floor_ratio']:>8}{first['kb']:>7.0f}{second['kb']:>7.0f}"
        )


def run_pages(base: str, connection, cache: Cache, data: dict) -> dict:
    users = data["users"]
    national, province, reviewer = (Browser(base, name) for name in ("national_leader", "leader", "national_reviewer"))
    today, year, half = data["today"], data["year"], data["half"]
    plan, period = data["plan"], data["period"]
    late_year, late_half = data["late_year"], data["late_half"]
    print(
        f"gunicorn, {WORKERS} workers, DEBUG off, Redis cache; {RUNS} runs interleaved with the bare SQL, "
        f"then 4 clients x {CONCURRENT_RUNS} requests"
    )
    print(
        f"plan page and period page: plan {plan} ({data['plan_units']:,} units), period {half} {year} (id {period}); "
        f"report list: late reports of {late_half} {late_year}\n"
    )
    print(
        f"{'page (user)':<34}{'median':>8}{'p95':>8}{'rps1':>7}{'rps4':>7}{'KB':>7}{'SQL ms':>9}{'ratio':>8}{'floor r.':>9}"
    )
    print(f"{'':<34}{'ms':>8}{'ms':>8}")

    floor_result = measure(national, FLOOR_PATH, connection, None)
    floor = floor_result["median"]
    print_row("notification list (national leader)", floor_result, None)
    results = {"notification list (national leader)": floor_result}

    def dashboard_sql(user):
        return lambda cursor: bare_sql.dashboard(cursor, user_id=users[user], today=today)

    late_path = f"/reports/list/?year={late_year}&half={late_half}&timing=late"

    def late_sql(user):
        return lambda cursor: bare_sql.report_list_late(cursor, user_id=users[user], year=late_year, half=late_half)

    period_path = f"/reports/plans/{plan}/periods/{period}/"
    period_sql = lambda cursor: bare_sql.period_page(  # noqa: E731
        cursor, user_id=users["national_reviewer"], plan_id=plan, period_id=period, today=today
    )
    files_sql = lambda cursor: bare_sql.period_files(cursor, plan_id=plan, period_id=period)  # noqa: E731
    pages = [
        (
            "national dashboard, cold",
            national,
            "/reports/dashboard/",
            dashboard_sql("national_leader"),
            cache.forget_dashboards,
        ),
        ("national dashboard, warm", national, "/reports/dashboard/", dashboard_sql("national_leader"), None),
        ("province dashboard, cold", province, "/reports/dashboard/", dashboard_sql("leader"), cache.forget_dashboards),
        ("province dashboard, warm", province, "/reports/dashboard/", dashboard_sql("leader"), None),
        ("report list, late (national)", national, late_path, late_sql("national_leader"), None),
        ("report list, late (province)", province, late_path, late_sql("leader"), None),
        (
            "review queue (national reviewer)",
            reviewer,
            "/reports/review/",
            lambda cursor: bare_sql.review_queue(cursor, user_id=users["national_reviewer"]),
            None,
        ),
        (
            "plan page (national leader)",
            national,
            f"/plans/{plan}/",
            lambda cursor: bare_sql.plan_page(cursor, plan_id=plan),
            None,
        ),
        ("period page, cold (national reviewer)", reviewer, period_path, period_sql, cache.forget_period_pages),
        (
            "period page, totals kept (national reviewer)",
            reviewer,
            period_path,
            period_sql,
            cache.forget_period_bodies,
        ),
        ("period page, warm (national reviewer)", reviewer, period_path, period_sql, None),
        ("period .xlsx (national reviewer)", reviewer, f"{period_path}export.xlsx", files_sql, None),
        ("period .docx (national reviewer)", reviewer, f"{period_path}export.docx", files_sql, None),
    ]
    only = os.environ.get("BENCH_ONLY", "")  # e.g. BENCH_ONLY="report list": the pages whose name holds it
    for name, browser, path, sql, before in pages:
        if only and only not in name:
            continue
        results[name] = measure(browser, path, connection, sql, before)
        print_row(name, results[name], floor)
    print(
        f"\nfloor: the notification list, {floor:.0f} ms when measured alone; 'floor r.' divides by the larger of the "
        "bare SQL and the floor measured beside the page (the same user's notification list, in turn with it)"
    )
    return results


if __name__ == "__main__":
    main()
