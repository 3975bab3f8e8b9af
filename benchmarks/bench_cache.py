"""The hit rate of the dashboard and period page caches in a simulated filing week.

    createdb -h 127.0.0.1 -U postgres khuyenhoc_cache
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc_cache .venv/bin/python benchmarks/bench_cache.py
    ... benchmarks/bench_cache.py --redis redis://127.0.0.1:6379/5   # the cache in Redis, as in production

It migrates the database and, the first time, loads the national data set for the first
``--provinces`` provinces (6) over ``--years`` years (2): a few hundred units per province,
a plan each. It needs the development requirements (time-machine). Then, on the day two days
before the due date of the half-year being filed, it plays a seeded stream of ``--events``
events (3,000): units save their reports as drafts (most events), some submit them, the
province's reviewer accepts some of those, leaders read their dashboards, a national
leader (``--national-share`` of the reads) or a province's leader, on the default half-year or
on the one being filed, and reviewers read the page of the period being filed
(``--period-share`` of the reads). Every change goes through the services the pages call;
every read through ``dashboard_for`` or the period page's ``period_page.body`` with the cache
configured (locmem in this process, or Redis).

It prints the reads, the hits (served from the cache), the misses (computed) and the hit
rate, for national and provincial leaders' dashboards and for the period pages (a page whose body is
built reads the totals, ``reports/period_totals.py``, which may still be cached: "their totals"
counts every period page read, and a miss is totals added up again). The simulated units and leaders are
users named ``bench-...``; running again on the same database files more of the same week.
"""

import argparse
import os
import random
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["DEBUG"] = "0"  # DEBUG records every query: memory grows with the run

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

import time_machine  # noqa: E402
from django.core.cache import cache, caches  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from demo.core import NATIONAL_ASSOCIATION  # noqa: E402
from demo.national import PLAN_SUFFIX  # noqa: E402
from programmes.models import Area, Membership, Organisation, User  # noqa: E402
from reports import dashboard, period_page, period_totals  # noqa: E402
from reports.models import ProgressReport, ReportingPeriod, ReportingUnit  # noqa: E402
from reports.services import workflow  # noqa: E402

Role = Membership.Role
STATUSES = ["done", "done", "in_progress", "at_risk", "not_started"]


def _user(username: str, organisation: Organisation, role: str) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def load(provinces: int, years: int) -> None:
    call_command("migrate", verbosity=0)
    if not ReportingPeriod.objects.filter(plan__number__endswith=PLAN_SUFFIX).exists():
        print(f"Loading the national data set: {provinces} provinces, {years} years...", flush=True)
        call_command("seed_demo", scale="national", provinces=provinces, years=years, verbosity=0)


class Week:
    """The units, reviewers and leaders of the generated plans, and the period being filed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        today = timezone.localdate()
        self.period_key = (
            ReportingPeriod.objects.filter(plan__number__endswith=PLAN_SUFFIX, starts_on__lte=today)
            .order_by("-year", "-half")
            .values_list("year", "half", "due_on")
            .first()
        )
        year, half, due_on = self.period_key
        self.day = due_on - timedelta(days=2)
        self.periods = {
            p.plan_id: p
            for p in ReportingPeriod.objects.filter(
                plan__number__endswith=PLAN_SUFFIX, year=year, half=half
            ).select_related("plan__area")
        }
        units = ReportingUnit.objects.filter(plan__in=self.periods).select_related("organisation__area")
        filed = set(
            ProgressReport.objects.filter(
                period__in=self.periods.values(), status__in=("submitted", "accepted")
            ).values_list("plan_id", "organisation_id")
        )
        self.open = [(u.plan_id, u.organisation) for u in units if (u.plan_id, u.organisation_id) not in filed]
        self.saved: list[ProgressReport] = []
        self.submitted: list[ProgressReport] = []
        national = Organisation.objects.get(name=NATIONAL_ASSOCIATION, area__level=Area.Level.NATION)
        self.national_leader = _user("bench-leader-national", national, Role.LEADER)
        self.leaders, self.reviewers = {}, {}
        for plan_id, period in self.periods.items():
            province = period.plan.area
            office = Organisation.objects.filter(area=province).order_by("pk").first()
            self.leaders[plan_id] = _user(f"bench-leader-{province.code}", office, Role.LEADER)
            self.reviewers[plan_id] = _user(f"bench-reviewer-{province.code}", office, Role.REVIEWER)

    def save(self) -> str:
        if not self.open:
            return "nothing to save"
        plan_id, organisation = self.rng.choice(self.open)
        reporter = _user(f"bench-reporter-{organisation.pk}", organisation, Role.REPORTER)
        period = self.periods[plan_id]
        report = workflow.report_start(user=reporter, plan=period.plan, period=period, organisation=organisation)
        if not report.is_editable_status:
            self.open.remove((plan_id, organisation))
            return "already filed"
        commitments = workflow.commitments_for(period.plan, organisation, period)
        progress = [workflow.ProgressData(c.pk, self.rng.choice(STATUSES)) for c in commitments]
        values = {i.pk: self.rng.randint(1, 1000) for c in commitments for i in c.indicators.all()}
        report = workflow.report_save(
            user=reporter,
            report=report,
            version=report.version,
            narrative={"results": "Đã triển khai"},
            progress=progress,
            values=values,
        )
        self.saved.append(report)
        return "save"

    def submit(self) -> str:
        if not self.saved:
            return "nothing to submit"
        report = self.saved.pop(self.rng.randrange(len(self.saved)))
        reporter = User.objects.get(username=f"bench-reporter-{report.organisation_id}")
        try:
            workflow.report_submit(user=reporter, report=report)
        except ValidationError:
            return "not submittable"
        self.open = [(p, o) for p, o in self.open if (p, o.pk) != (report.plan_id, report.organisation_id)]
        self.submitted.append(report)
        return "submit"

    def accept(self) -> str:
        if not self.submitted:
            return "nothing to accept"
        report = self.submitted.pop(self.rng.randrange(len(self.submitted)))
        workflow.report_accept(user=self.reviewers[report.plan_id], report=report)
        return "accept"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--provinces", type=int, default=6)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--read-share", type=float, default=0.3, help="share of the events that are dashboard reads")
    parser.add_argument(
        "--save-share",
        type=float,
        default=0.75,
        help="share of the other events that are draft saves; of the rest, two thirds submit, one third accept",
    )
    parser.add_argument(
        "--national-share", type=float, default=0.3, help="share of the dashboard reads by the national leader"
    )
    parser.add_argument(
        "--period-share", type=float, default=0.3, help="share of the reads that are a reviewer's period page"
    )
    parser.add_argument("--redis", default="", help="a Redis URL for the cache (default: the configured cache)")
    options = parser.parse_args()

    load(options.provinces, options.years)
    caches = (
        {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": options.redis,
                "KEY_PREFIX": "bench-cache",
            }
        }
        if options.redis
        else None
    )
    with override_settings(**({"CACHES": caches} if caches else {})):
        run(options)


def run(options) -> None:
    cache.clear()
    rng = random.Random(options.seed)
    week = Week(rng)
    computed = Counter()
    compute = dashboard._compute

    def counted(user, filters, today):
        computed[user.username == "bench-leader-national"] += 1
        return compute(user, filters, today)

    dashboard._compute = counted
    table = period_page.completeness_table

    def built(user, period, page_number=1):
        computed["period"] += 1
        return table(user, period, page_number)

    period_page.completeness_table = built
    added_up = period_totals.consolidate

    def totals(plan, period, **kwargs):
        computed["totals"] += 1
        return added_up(plan, period, **kwargs)

    period_totals.consolidate = totals
    year, half, due_on = week.period_key
    filters = [dashboard.Filters(), dashboard.Filters(year=year, half=half)]
    reads, events, seconds = Counter(), Counter(), Counter()
    moment = timezone.make_aware(datetime.combine(week.day, clock(9)))
    print(
        f"Filing {half}/{year} (due {due_on:%d/%m/%Y}) on {week.day:%d/%m/%Y}: {len(week.periods)} provinces, "
        f"{len(week.open):,} units still to file; {options.events:,} events; cache: {caches['default'].__class__.__name__}",
        flush=True,
    )
    started = time.perf_counter()
    with time_machine.travel(moment, tick=True):
        for _event in range(options.events):
            draw = rng.random()
            begun = time.perf_counter()
            if draw < options.read_share * options.period_share:
                plan_id = rng.choice(list(week.reviewers))
                period_page.body(User.objects.get(pk=week.reviewers[plan_id].pk), week.periods[plan_id])
                reads["period"] += 1
                reads["totals"] += 1  # every body built reads the totals; a body served again does not
                kind = "period page"
            elif draw < options.read_share:
                national = rng.random() < options.national_share
                leader = week.national_leader if national else week.leaders[rng.choice(list(week.leaders))]
                dashboard.dashboard_for(
                    User.objects.get(pk=leader.pk), rng.choice(filters)
                )  # a new request: a fresh user
                reads[national] += 1
                kind = "read"
            else:
                share = (draw - options.read_share) / (1 - options.read_share)
                submits = options.save_share + (1 - options.save_share) * 2 / 3
                kind = (week.save if share < options.save_share else week.submit if share < submits else week.accept)()
            events[kind] += 1
            seconds[kind] += time.perf_counter() - begun
    dashboard._compute = compute
    period_page.completeness_table = table
    period_totals.consolidate = added_up
    elapsed = time.perf_counter() - started
    print(
        "Events: "
        + ", ".join(f"{name} {count:,} ({seconds[name]:.1f} s)" for name, count in events.most_common())
        + f"; {elapsed:.1f} s in all"
    )
    print(f"{'reads':<20} {'reads':>7} {'hits':>7} {'misses':>7} {'hit rate':>9}")
    rows = (
        ("national dashboards", [True]),
        ("province dashboards", [False]),
        ("all dashboards", [True, False]),
        ("period pages", ["period"]),
        ("  their totals", ["totals"]),
    )
    for label, keys in rows:
        total = sum(reads[k] for k in keys)
        misses = sum(computed[k] for k in keys)
        rate = f"{(total - misses) / total:.1%}" if total else "-"
        print(f"{label:<20} {total:>7,} {total - misses:>7,} {misses:>7,} {rate:>9}")


if __name__ == "__main__":
    main()
