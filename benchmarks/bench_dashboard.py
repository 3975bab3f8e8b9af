"""Server times of the dashboards and lists on the national data set, beside the bare SQL.

    make bench          # creates the PostgreSQL database, loads the national data, runs this

or, on a database that already holds the data:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc_bench .venv/bin/python benchmarks/bench_dashboard.py

For each page it prints the median and 95th percentile of the server time
(the Django test client, no network), cold (cache cleared before each
request) and warm (cached), and the time of hand-written SQL computing the
same headline figures, with the cold/SQL ratio.
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ["DEBUG"] = "0"  # DEBUG records every query: it would distort the times

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic for a benchmark
django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from programmes.models import User  # noqa: E402
from reports.dashboard import dashboard_for, Filters  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(action, runs=RUNS, before=None):
    for _warm_up in range(2):
        if before:
            before()
        action()
    times = []
    for _run in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


SCOPE = """
    SELECT r.id, r.status, r.submitted_at, r.period_id, p.due_on, p.year, p.half
      FROM reports_progressreport r
      JOIN reports_reportingperiod p ON p.id = r.period_id
     WHERE r.plan_id IN (SELECT pl.id FROM programmes_plan pl JOIN programmes_area a ON a.id = pl.area_id
                          WHERE pl.status = 'in_force' AND a.path LIKE %(path)s)
"""


def bare_sql(path_prefix: str, year: int, half: str) -> None:
    """The dashboard's figures as one would write them by hand: headline counts, commitments
    by party and status, indicators, the trend over the last eight half-years and the
    lagging commitments."""
    params = {"path": path_prefix + "%", "year": year, "half": half}
    queries = [
        f"""WITH r AS ({SCOPE} AND p.year = %(year)s AND p.half = %(half)s)
            SELECT count(*) FILTER (WHERE status IN ('submitted', 'accepted')
                                      AND (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= due_on),
                   count(*) FILTER (WHERE status IN ('submitted', 'accepted')
                                      AND (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > due_on),
                   count(*) FILTER (WHERE status = 'accepted')
              FROM r""",
        f"""WITH r AS ({SCOPE} AND p.year = %(year)s AND p.half = %(half)s AND r.status IN ('submitted', 'accepted'))
            SELECT c.party, cp.status, count(*)
              FROM reports_commitmentprogress cp JOIN programmes_commitment c ON c.id = cp.commitment_id
             WHERE cp.report_id IN (SELECT id FROM r)
             GROUP BY c.party, cp.status""",
        f"""WITH r AS ({SCOPE} AND p.year = %(year)s AND p.half = %(half)s AND r.status IN ('submitted', 'accepted'))
            SELECT i.name, i.unit, sum(v.value), avg(v.value), count(v.value)
              FROM reports_indicatorvalue v JOIN programmes_indicator i ON i.id = v.indicator_id
             WHERE v.report_id IN (SELECT id FROM r) AND v.value IS NOT NULL
             GROUP BY i.name, i.unit""",
        f"""WITH r AS ({SCOPE} AND r.status IN ('submitted', 'accepted'))
            SELECT year, half,
                   count(*) FILTER (WHERE (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= due_on),
                   count(*) FILTER (WHERE (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > due_on)
              FROM r GROUP BY year, half ORDER BY year DESC, half DESC LIMIT 8""",
        f"""WITH r AS ({SCOPE} AND p.year = %(year)s AND p.half = %(half)s AND r.status IN ('submitted', 'accepted'))
            SELECT cp.commitment_id, count(*), count(*) FILTER (WHERE cp.status = 'at_risk') AS at_risk
              FROM reports_commitmentprogress cp
             WHERE cp.report_id IN (SELECT id FROM r) AND cp.status IN ('not_started', 'at_risk', 'in_progress')
             GROUP BY cp.commitment_id ORDER BY at_risk DESC, count(*) DESC LIMIT 10""",
    ]
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(query, params)
            cursor.fetchall()


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reports_progressreport")
        reports = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reports_commitmentprogress")
        progress = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reports_indicatorvalue")
        values = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reports_reportingunit")
        units = cursor.fetchone()[0]
    print(f"data: {units:,} reporting units, {reports:,} reports, {progress:,} commitment rows, {values:,} figures")
    leader = User.objects.get(username="leader")  # a province (Phú Thọ)
    national = User.objects.get(username="admin")  # the whole country
    reviewer = User.objects.get(username="reviewer")
    board = dashboard_for(national, Filters())
    year, half = board.year, board.half
    print(f"period: {half} {year}\n")
    pages = [
        ("province dashboard", leader, "/reports/dashboard/", "VN/P25/"),
        ("national dashboard", national, "/reports/dashboard/", "VN/"),
        ("report list (late)", leader, f"/reports/list/?year={year}&half={half}&timing=late", None),
        ("review queue", reviewer, "/reports/review/", None),
    ]
    print(f"{'page':<22}{'cold median':>12}{'cold p95':>10}{'warm median':>12}{'bare SQL':>10}{'ratio':>8}")
    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=plain_static):
        for name, user, url, path in pages:
            client = Client()
            client.force_login(user)

            def get():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            cold_median, cold_p95 = timed(get, before=cache.clear)
            warm_median, _warm_p95 = timed(get)
            if path:
                sql_median, _sql_p95 = timed(lambda: bare_sql(path, year, half))
                ratio = f"{cold_median / sql_median:.1f}x"
                sql = f"{sql_median:.0f} ms"
            else:
                sql, ratio = "-", "-"
            print(f"{name:<22}{cold_median:>9.0f} ms{cold_p95:>7.0f} ms{warm_median:>9.0f} ms{sql:>10}{ratio:>8}")


if __name__ == "__main__":
    main()
