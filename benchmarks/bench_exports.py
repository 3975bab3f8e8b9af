"""Time of the period's consolidated .xlsx and .docx for a province-sized period of ~3,400 units.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc .venv/bin/python benchmarks/bench_exports.py

It creates a throwaway database beside the one DATABASE_URL names
(``<name>_bench_exports``), migrates it, writes one plan with a period that
~3,400 units reported on (bulk_create, a few seconds), prints the time and the
size of each file built from nothing (cold: cache cleared) and served again
(cached), then drops the database (``BENCH_KEEP=1`` keeps it for a rerun).
``BENCH_UNITS`` changes the number of units.
"""

import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
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

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "3400"))
KEEP = os.environ.get("BENCH_KEEP") == "1"
TEXT = "Tổ chức tuyên truyền sâu rộng về xây dựng xã hội học tập, vận động gia đình học tập, dòng họ học tập."


def load() -> int:
    """One plan of a province, its period H1 2025 and ``UNITS`` commune associations that reported on it."""
    from programmes.models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
    from reports.models import (
        CommitmentProgress,
        IndicatorValue,
        ProgressReport,
        Proposal,
        ReportEvent,
        ReportingPeriod,
        ReportingUnit,
    )
    from reports.selectors import commitments_for

    rng = random.Random(12)
    nation = Area.objects.create(code="VN", name="Việt Nam", level="nation")
    province = Area.objects.create(code="P01", name="Tỉnh Thử Nghiệm", level="province", parent=nation)
    communes = Area.objects.bulk_create(
        Area(code=f"W{n:05d}", name=f"Xã {n}", level="commune", parent=province, path=f"{province.path}W{n:05d}/")
        for n in range(UNITS - 2)
    )
    department = Organisation.objects.create(name="Sở Giáo dục và Đào tạo", side="education", area=province)
    association = Organisation.objects.create(name="Hội Khuyến học tỉnh", side="association", area=province)
    units = [department, association] + Organisation.objects.bulk_create(
        Organisation(
            name=f"Hội Khuyến học xã {n}", kind="association", side="association", area=area, parent=association
        )
        for n, area in enumerate(communes)
    )
    plan = Plan.objects.create(
        area=province,
        number="01/KH-BENCH",
        title="Kế hoạch phối hợp (thử nghiệm hiệu năng)",
        status="in_force",
        start_year=2025,
        end_year=2025,
        place="Thử Nghiệm",
    )
    PlanParty.objects.create(plan=plan, organisation=department, order=1)
    PlanParty.objects.create(plan=plan, organisation=association, order=2)
    sections = [Section.objects.create(plan=plan, number=str(n), title=f"Mục {n}", order=n) for n in (1, 2, 3)]
    parties = ["joint"] * 4 + ["department"] * 3 + ["association"] * 3
    for n, party in enumerate(parties, 1):
        commitment = Commitment.objects.create(
            plan=plan, section=sections[n % 3], number=f"{n}", text=f"{TEXT} ({n})", party=party, order=n
        )
        if n <= 5:
            unit, aggregation = ("people", "sum") if n % 2 else ("percent", "mean")
            Indicator.objects.create(
                commitment=commitment, name=f"Chỉ tiêu {n}", unit=unit, target_value=1000 * n, aggregation=aggregation
            )
    period = ReportingPeriod.objects.create(
        plan=plan,
        year=2025,
        half="H1",
        starts_on=date(2024, 12, 15),
        ends_on=date(2025, 6, 14),
        due_on=date(2025, 6, 20),
        locked_after=date(2025, 7, 15),
    )
    ReportingUnit.objects.bulk_create(ReportingUnit(plan=plan, organisation=unit) for unit in units)
    statuses = ["accepted"] * 70 + ["submitted"] * 20 + ["returned"] * 4 + ["draft"] * 3 + [None] * 3
    submitted = datetime(2025, 6, 18, 3, tzinfo=dt_timezone.utc)
    reports = []
    for unit in units:
        status = rng.choice(statuses)
        if status is None:
            continue
        reports.append(
            ProgressReport(
                plan=plan,
                period=period,
                organisation=unit,
                status=status,
                submitted_at=submitted + timedelta(minutes=rng.randrange(10_000)) if status != "draft" else None,
                results=f"{TEXT}\nĐã trao {rng.randrange(100)} suất học bổng.",
                shortcomings="Kinh phí còn hạn chế.",
                causes="Nguồn lực xã hội hóa chưa nhiều." if rng.random() < 0.5 else "",
                next_steps="Tiếp tục vận động.",
            )
        )
    reports = ProgressReport.objects.bulk_create(reports, batch_size=1000)
    applicable = {}
    progress, values, proposals, events = [], [], [], []
    for report in reports:
        unit = report.organisation
        key = (unit.side, unit.area.level)
        if key not in applicable:
            applicable[key] = commitments_for(plan, unit, period)
        for commitment in applicable[key]:
            progress.append(
                CommitmentProgress(
                    report=report,
                    commitment=commitment,
                    status=rng.choice(["done", "done", "in_progress", "at_risk", "not_started"]),
                    note="Đã triển khai theo kế hoạch.",
                )
            )
            for indicator in commitment.indicators.all():
                values.append(IndicatorValue(report=report, indicator=indicator, value=rng.randrange(50, 2000)))
        if rng.random() < 0.125:
            proposals.append(Proposal(report=report, text="Đề nghị hỗ trợ kinh phí hoạt động."))
        events.append(ReportEvent(report=report, action="created"))
        if report.status != "draft":
            events.append(ReportEvent(report=report, action="submitted"))
    CommitmentProgress.objects.bulk_create(progress, batch_size=5000)
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    Proposal.objects.bulk_create(proposals, batch_size=5000)
    ReportEvent.objects.bulk_create(events, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"data: {len(units):,} units, {len(reports):,} reports, {len(progress):,} commitment rows, {len(values):,} figures"
    )
    return period


def measure(period) -> None:
    from django.test import Client
    from django.test.utils import override_settings

    from programmes.models import Membership, User

    reviewer, created = User.objects.get_or_create(username="bench-reviewer")
    if created:
        Membership.objects.create(user=reviewer, organisation=period.plan.parties.first().organisation, role="reviewer")
    client = Client()
    client.force_login(reviewer)
    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    print(f"{'file':<8}{'cold':>10}{'cached':>10}{'size':>12}")
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=plain_static):
        for kind in ("xlsx", "docx"):
            url = f"/reports/plans/{period.plan_id}/periods/{period.pk}/export.{kind}"
            cache.clear()
            start = time.perf_counter()
            response = client.get(url)
            cold = time.perf_counter() - start
            assert response.status_code == 200, (url, response.status_code)
            start = time.perf_counter()
            again = client.get(url)
            cached = time.perf_counter() - start
            assert again.status_code == 200
            print(f"{kind:<8}{cold:>8.2f} s{cached:>8.2f} s{len(response.content) / 1024:>9.0f} KB")


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}_bench_exports"
    print(f"database: {database['TEST']['NAME']} (cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]})")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=KEEP)
    try:
        from reports.models import ReportingPeriod

        period = ReportingPeriod.objects.filter(plan__number="01/KH-BENCH").first()
        if period is None:
            start = time.perf_counter()
            period = load()
            print(f"loaded in {time.perf_counter() - start:.1f} s")
        measure(period)
    finally:
        if not KEEP:
            connection.creation.destroy_test_db(database["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
