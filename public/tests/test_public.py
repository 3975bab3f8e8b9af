"""A province's public page: off until its administrator switches it on; then anyone reads, without
an account, its plans in force, the share of units that reported, its indicators and the money
lines, as a page, JSON and CSV of one stable shape; a count of fewer people than the threshold is
withheld."""

import csv
import io
from datetime import date, datetime, timezone

import pytest
from django.urls import reverse

from awards.models import ListEntry
from conftest import add_pupil, make_pupil_list, make_user
from programmes.models import Indicator, Membership
from public.models import Publication
from reports.models import IndicatorValue, ProgressReport


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """On SQLite a rolled-back test's ids come back: no test may read the totals another cached."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def published(world, reporting_plan, h1, in_h1):
    """Province P publishes; its plan's first half of 2026 has one report received, 3 pupils
    given a scholarship and 8 an award."""
    reporting_plan.status = "in_force"
    reporting_plan.save()
    report = ProgressReport.objects.create(
        plan=reporting_plan,
        period=h1,
        organisation=world.association,
        status="submitted",
        submitted_at=datetime(2026, 6, 19, tzinfo=timezone.utc),
    )
    fund = Indicator.objects.get(commitment__plan=reporting_plan, name="Học bổng")
    IndicatorValue.objects.create(report=report, indicator=fund, value=900_000)
    dropouts = Indicator.objects.create(
        commitment=fund.commitment, name="Số học sinh bỏ học", unit="pupils", target_value=0, direction="at_most"
    )
    IndicatorValue.objects.create(report=report, indicator=dropouts, value=2)
    pupil_list = make_pupil_list(reporting_plan, world.department, world.association, status="sent")
    for n in range(11):
        entry = add_pupil(pupil_list, f"Học Sinh {n}", birth_date=date(2012, 1, n + 1))
        decision = "scholarship" if n < 3 else "award"
        ListEntry.objects.filter(pk=entry.pk).update(
            decision=decision, amount=500_000, source="fund", given_on=date(2026, 3, 1)
        )
    return Publication.objects.create(area=world.province, published=True)


def test_an_unpublished_province_answers_404_to_everyone(client, world, reporting_plan):
    for name in ("public:province", "public:province_json", "public:province_csv"):
        assert client.get(reverse(name, args=[world.province.code])).status_code == 404
    Publication.objects.create(area=world.province, published=False)
    assert client.get(reverse("public:province", args=[world.province.code])).status_code == 404
    assert world.province.name not in client.get(reverse("public:index")).content.decode()


def test_anyone_reads_the_published_figures_and_small_counts_are_withheld(client, world, published, reporting_plan):
    page = client.get(reverse("public:province", args=[world.province.code])).content.decode()
    expected = reporting_plan.reporting_units.count()
    assert reporting_plan.title in page and f"1/{expected} đơn vị đã báo cáo" in page
    data = client.get(reverse("public:province_json", args=[world.province.code])).json()
    assert set(data) == {"shape", "province", "generated_on", "threshold", "plans_below", "plans"}
    (plan,) = data["plans"]
    assert plan["parties"] == [world.department.name, world.association.name]
    h1 = next(h for h in plan["half_years"] if h["half"] == "H1" and h["year"] == 2026)
    assert (h1["units_reported"], h1["units_expected"]) == (1, reporting_plan.reporting_units.count())
    money = {line["kind"]: line for line in h1["money"]}
    assert money["scholarship"] == {
        "kind": "scholarship",
        "label": "Học bổng",
        "pupils": None,
        "amount": None,
        "suppressed": True,
    }  # 3 pupils: fewer than 5
    assert (money["award"]["pupils"], money["award"]["amount"]) == (8, 4_000_000)
    indicators = {item["name"]: item for item in h1["indicators"]}
    assert indicators["Học bổng"]["value"] == 900_000
    assert indicators["Số học sinh bỏ học"]["value"] is None and indicators["Số học sinh bỏ học"]["suppressed"]
    assert "Học Sinh" not in page

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("public:province_csv", args=[world.province.code])).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:3] == ["province", "plan_number", "plan_title"]
    assert [
        "P25",
        reporting_plan.number,
        reporting_plan.title,
        "2026",
        "H1",
        "amount",
        "award",
        "vnd",
        "",
        "4000000",
        "False",
    ] in rows
    assert world.province.name in client.get(reverse("public:index")).content.decode()


def test_the_provinces_administrator_switches_the_page_on(client, world, editor):
    admin = make_user("province_admin", (world.department, Membership.Role.ADMIN))
    client.force_login(editor)
    assert client.get(reverse("public:settings")).status_code == 403
    assert client.post(reverse("public:settings_save", args=[world.province.pk]), {}).status_code == 404
    client.force_login(admin)
    assert world.other_province.name not in client.get(reverse("public:settings")).content.decode()
    prefix = f"p{world.province.pk}"
    response = client.post(
        reverse("public:settings_save", args=[world.province.pk]),
        {f"{prefix}-published": "on", f"{prefix}-threshold": "1"},
    )
    assert response.status_code == 400 and not Publication.objects.exists()  # a threshold of 1 hides nothing
    client.post(
        reverse("public:settings_save", args=[world.province.pk]),
        {f"{prefix}-published": "on", f"{prefix}-threshold": "10"},
    )
    publication = Publication.objects.get(area=world.province)
    assert publication.published and publication.threshold == 10 and publication.changed_by == admin


def test_the_sign_in_page_leads_to_the_public_pages(client):
    assert reverse("public:index") in client.get(reverse("login")).content.decode()
