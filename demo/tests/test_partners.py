"""The demo's programmes between other parties: a ward's people's committee with its association,
and a three-party programme with the veteran teachers; their units' reports and named scores."""

import pytest
from django.urls import reverse

from conftest import built_once
from demo.core import demo_load
from demo.partners import (
    COMMITTEE,
    THREE_PARTY_PROGRAMME,
    VETERANS,
    VETERANS_CHAPTER,
    WARD_PROGRAMME,
    demo_partners_load,
)
from programmes.models import Organisation, Plan, User
from reports.models import ProgressReport
from reports.rules import RECEIVED
from reports.selectors import commitments_for
from reports.services.consolidation import consolidate

Kind = Organisation.Kind


def _load():
    demo_load()
    return True


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _load)


@pytest.fixture
def ward(db, _loaded):
    return Plan.objects.get(number=WARD_PROGRAMME.number)


@pytest.fixture
def three(db, _loaded):
    return Plan.objects.get(number=THREE_PARTY_PROGRAMME.number)


def reported_periods(plan):
    return list(plan.periods.filter(reports__status__in=RECEIVED).distinct().order_by("starts_on"))


def test_the_wards_programme_is_signed_and_reported_by_its_committee_and_its_association(ward):
    committee = Organisation.objects.get(name=COMMITTEE)
    assert (committee.kind, committee.side, committee.acting_office) == (
        Kind.PEOPLE_COMMITTEE,
        "education",
        "Phòng Văn hóa - Xã hội",
    )
    parties = [p.organisation for p in ward.parties.select_related("organisation")]
    assert [o.kind for o in parties] == [Kind.PEOPLE_COMMITTEE, Kind.ASSOCIATION]
    assert {u.organisation for u in ward.reporting_units.all()} == set(parties)
    periods = reported_periods(ward)
    assert periods and all(p.ends_on > ward.signed_on for p in periods)  # nothing before it was signed
    for period in periods:
        scores = consolidate(ward, period, texts=False).scores
        assert [s.title for s in scores] == [o.name for o in parties]


def test_the_three_party_programme_scores_the_veteran_teachers_by_name(three):
    chapter = Organisation.objects.get(name=VETERANS_CHAPTER)
    assert three.reporting_units.filter(organisation=chapter).exists()
    period = reported_periods(three)[-1]
    report = ProgressReport.objects.get(period=period, organisation=chapter)
    reported = set(report.progress.values_list("commitment__number", flat=True))
    assert (
        reported == {c.number for c in commitments_for(three, chapter, period)} == {"I.1", "I.2", "I.3", "II.3", "II.4"}
    )
    scores = {s.title: s for s in consolidate(three, period, texts=False).scores}
    assert VETERANS in scores and len(scores) == 3
    assert scores[VETERANS].total == 5  # its two and the three joint ones
    # I.3 is the association's and the veterans' (the association leads it), not the Sở's.
    department = three.parties.get(organisation__kind=Kind.EDUCATION).organisation
    assert "I.3" not in {c.number for c in commitments_for(three, department, period)}
    # The Sở's report of the last half-year waits for the review.
    assert ProgressReport.objects.get(period=period, organisation__kind=Kind.EDUCATION).status == "submitted"


def test_the_citys_editor_reads_the_period_page_and_phu_tho_gets_404(client, three):
    period = reported_periods(three)[-1]
    url = reverse("reports:period_detail", args=[three.pk, period.pk])
    client.force_login(User.objects.get(username="editor_hcm"))
    page = client.get(url).content.decode()
    assert f"{VETERANS}:" in page
    client.force_login(User.objects.get(username="leader"))
    assert client.get(url).status_code == 404


def test_loading_twice_changes_nothing(ward, three):
    before = ProgressReport.objects.filter(plan__in=[ward, three]).count()
    demo_partners_load()
    assert ProgressReport.objects.filter(plan__in=[ward, three]).count() == before
