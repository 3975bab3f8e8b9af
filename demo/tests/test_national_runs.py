"""The national data set as each test builds it: the same seed gives the same data, the demo's
organisations are reused, figures improve over the years, and the command line."""

from datetime import datetime

import time_machine
from django.utils import timezone

from awards.models import ListEntry, PupilList
from conferences.models import Conclusion, Conference
from demo.national import PLAN_SUFFIX, national_load
from demo.tests.test_national import _plans
from programmes.models import Area, Indicator, Organisation, Plan
from programmes.services.areas import areas_load_current
from reports.models import CommitmentProgress, ProgressReport, ReportEvent, ReportingPeriod
from reports.rules import RECEIVED
from reports.services.consolidation import consolidate

Status = ProgressReport.Status
Action = ReportEvent.Action


def _statuses():
    reports = ProgressReport.objects.order_by("period__starts_on", "organisation__name")
    entries = ListEntry.objects.order_by("pupil_list__drawn_by__name", "given_on", "full_name")
    conclusions = Conclusion.objects.order_by("conference__period__starts_on", "number")
    return (
        list(reports.values_list("organisation__name", "status", "submitted_at")),
        list(entries.values_list("full_name", "decision", "amount", "source", "given_on")),
        list(conclusions.values_list("responsible__name", "deadline", "status")),
    )


def test_the_same_seed_gives_the_same_data(db, frozen):
    areas_load_current()
    national_load(years=2, provinces=1, units_per_province=3, progress=lambda message: None)
    first = _statuses()
    number = Plan.objects.get(number__endswith=PLAN_SUFFIX).number
    ProgressReport.objects.all().delete()
    PupilList.objects.all().delete()
    Conference.objects.all().delete()
    Plan.objects.all().delete()
    national_load(years=2, provinces=1, units_per_province=3, progress=lambda message: None)
    assert _statuses() == first
    assert Plan.objects.get(number__endswith=PLAN_SUFFIX).number == number


def test_the_demo_organisations_are_reused(db, frozen):
    from demo.core import demo_load

    demo_load()
    organisations = Organisation.objects.count()
    phu_tho = Area.objects.get(code="P25")
    index = list(Area.objects.filter(level="province", is_historical=False).order_by("path")).index(phu_tho)
    counts = national_load(years=2, provinces=index + 1, units_per_province=2, progress=lambda message: None)
    plan = Plan.objects.get(area=phu_tho, number__endswith=PLAN_SUFFIX)
    names = set(plan.parties.values_list("organisation__name", flat=True))
    assert names == {"Sở Giáo dục và Đào tạo tỉnh Phú Thọ", "Hội Khuyến học tỉnh Phú Thọ"}
    assert Organisation.objects.filter(area=phu_tho).count() == 2
    assert Organisation.objects.count() == organisations + counts["Organisation"]
    # The demo's reviewer accepts Phú Thọ's reports.
    accepted = ReportEvent.objects.filter(report__plan=plan, action=Action.ACCEPTED)
    assert accepted.exists() and set(accepted.values_list("actor__username", flat=True)) == {"reviewer"}


def test_figures_improve_over_the_years(db, frozen):
    areas_load_current()
    national_load(years=6, provinces=1, units_per_province=4, progress=lambda message: None)
    plan = _plans()[0]
    membership = Indicator.objects.get(commitment__plan=plan, name__startswith="Tỉ lệ cán bộ")
    first = plan.periods.get(year=2021, half="H1")
    later = plan.periods.get(year=2025, half="H2")

    def mean(period):
        return next(t.value for t in consolidate(plan, period).totals if t.indicator == membership)

    assert mean(later) > mean(first)
    done = [
        CommitmentProgress.objects.filter(report__period=p, status="done").count()
        / max(1, CommitmentProgress.objects.filter(report__period=p).count())
        for p in (first, later)
    ]
    assert done[1] > done[0]


def test_seed_demo_national_scale(db, frozen, capsys):
    from django.core.management import call_command

    call_command("seed_demo", scale="national", years=1, provinces=1)
    out = capsys.readouterr().out
    assert "[1/1] Thành phố Hà Nội: 128 units" in out
    assert "ProgressReport" in out and "Elapsed:" in out
    plan = Plan.objects.get(number__endswith=PLAN_SUFFIX)
    assert plan.reporting_units.count() == 128
    assert not plan.periods.get(half="H2").reports.exists()


def test_seed_demo_is_the_demo_scale_by_default(db, frozen, capsys):
    from django.core.management import call_command

    call_command("seed_demo")
    assert not Plan.objects.filter(number__endswith=PLAN_SUFFIX).exists()
    assert "national" not in capsys.readouterr().out


def test_after_the_last_period_ends_units_are_still_filing(db):
    """Between the end of the plan's last period and its lock, reports are being submitted; none lies in the future."""
    with time_machine.travel(timezone.make_aware(datetime(2026, 12, 20, 9, 0)), tick=False):
        areas_load_current()
        national_load(years=1, provinces=2, units_per_province=10, progress=lambda message: None)
        now = timezone.now()
        last = ReportingPeriod.objects.filter(year=2026, half="H2")
        reports = ProgressReport.objects.filter(period__in=last)
        assert reports.filter(status__in=RECEIVED).exists()
        assert not reports.filter(submitted_at__gt=now).exists() and not reports.filter(reviewed_at__gt=now).exists()
        assert not ReportEvent.objects.filter(at__gt=now).exists()
