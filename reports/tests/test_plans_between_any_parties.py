"""From the document to the scores, for the plans signed since the 2025 reform and with partners:
a ward's programme in articles, a three-party programme and a Youth Union programme (documents
written for the importer's tests) are imported with their parties, their units report on their
own party's commitments and the joint ones, and the consolidation scores each party by name."""

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import make_organisation
from programmes.importer.parser import parse_plan
from programmes.models import Organisation, Plan
from programmes.services.imports import plan_from_parsed, plan_import_save
from programmes.services.plans import PartyData
from reports.models import CommitmentProgress, ProgressReport
from reports.selectors import commitments_for
from reports.services.consolidation import consolidate
from reports.services.periods import plan_open_reporting

DOCUMENTS = Path(__file__).resolve().parents[2] / "programmes" / "tests" / "documents"
Kind = Organisation.Kind


def imported(name: str, area, organisations) -> Plan:
    """The document imported as the preview saves it, its parties matched among ``organisations``,
    open for reporting in 2026."""
    parsed = parse_plan((DOCUMENTS / name).read_text(encoding="utf-8"))
    data = plan_from_parsed(parsed, organisations=organisations, area=area)
    assert all(party.organisation for party in data.parties), [p.read_as for p in data.parties]
    plan = Plan(area=area, **{**data.fields, "start_year": 2026, "end_year": 2026})
    parties = [PartyData(p.organisation, p.signatory.name if p.signatory else "") for p in data.parties]
    plan = plan_import_save(user=None, plan=plan, parties=parties, commitments=data.commitments)
    plan_open_reporting(user=None, plan=plan)
    return plan


def file_done(plan, period, unit) -> set[str]:
    """``unit`` reports every commitment it reports on as done; the numbers it reported."""
    report = ProgressReport.objects.create(
        plan=plan,
        period=period,
        organisation=unit,
        status=ProgressReport.Status.SUBMITTED,
        submitted_at=datetime(2026, 6, 10, tzinfo=timezone.utc),
    )
    commitments = commitments_for(plan, unit, period)
    for commitment in commitments:
        CommitmentProgress.objects.create(report=report, commitment=commitment, status="done")
    return {c.number for c in commitments}


def scores(plan, period) -> dict[str, tuple[int, int]]:
    return {s.title: (s.done, s.total) for s in consolidate(plan, period, texts=False).scores}


def test_a_wards_programme_in_articles_is_filed_by_its_two_parties_and_scored_by_name(world):
    committee = make_organisation("Ủy ban nhân dân phường Tân An", world.commune_a, side="education")
    association = make_organisation("Hội Khuyến học phường Tân An", world.commune_a)
    plan = imported("ward_articles_1.txt", world.commune_a, [committee, association])
    assert committee.kind == Kind.PEOPLE_COMMITTEE
    period = plan.periods.get(half="H1")
    # A ward's plan is reported by its parties.
    assert set(plan.reporting_units.values_list("organisation", flat=True)) == {committee.pk, association.pk}

    by_committee = file_done(plan, period, committee)
    assert {"3.1", "3.2.a", "3.2.đ", "3.3"} <= by_committee and not {"4.1", "4.2"} & by_committee
    # Its own seven are done; the five joint ones wait for the association.
    assert scores(plan, period) == {committee.name: (7, 12), association.name: (0, 8)}
    by_association = file_done(plan, period, association)
    assert {"4.1", "4.2", "4.3"} <= by_association
    assert scores(plan, period) == {committee.name: (12, 12), association.name: (8, 8)}


def test_a_three_party_programme_scores_each_party_and_its_joint_work_needs_all_three(world):
    department = make_organisation("Sở Giáo dục và Đào tạo Ninh Bình", world.province, side="education")
    association = make_organisation("Hội Khuyến học tỉnh Ninh Bình", world.province)
    veterans = Organisation.objects.create(
        name="Hội Cựu giáo chức tỉnh Ninh Bình", area=world.province, kind=Kind.VETERAN_TEACHERS
    )
    chapter = Organisation.objects.create(
        name="Chi hội Cựu giáo chức phường Hòa Bình", area=world.commune_a, kind=Kind.VETERAN_TEACHERS
    )
    plan = imported("three_party_1.txt", world.province, [department, association, veterans])
    period = plan.periods.get(half="H1")
    # The partner's units below report too, beside the association's.
    assert chapter.pk in set(plan.reporting_units.values_list("organisation", flat=True))

    own = file_done(plan, period, chapter)
    assert {"3.1", "3.2", "3.3"} <= own and "1.1" not in own and "2.1" not in own
    file_done(plan, period, department)
    # The veterans' three are done, the two joint ones wait for the association.
    assert scores(plan, period) == {department.name: (2, 4), association.name: (0, 4), veterans.name: (3, 5)}
    file_done(plan, period, association)
    assert scores(plan, period) == {department.name: (4, 4), association.name: (4, 4), veterans.name: (5, 5)}


def test_a_youth_union_programme_is_reported_by_the_youth_unions_below(world):
    youth = Organisation.objects.create(name="Tỉnh Đoàn Lâm Đồng", area=world.province, kind=Kind.YOUTH_UNION)
    association = make_organisation("Hội Khuyến học tỉnh Lâm Đồng", world.province)
    ward_youth = Organisation.objects.create(
        name="Đoàn phường Hòa Bình", area=world.commune_a, kind=Kind.YOUTH_UNION, parent=youth
    )
    plan = imported("youth_1.txt", world.province, [youth, association])
    period = plan.periods.get(half="H1")
    assert ward_youth.pk in set(plan.reporting_units.values_list("organisation", flat=True))

    reported = file_done(plan, period, ward_youth)
    assert {"III.1.1", "III.1.2", "III.1.3"} <= reported and "III.2.1" not in reported
    # No education side in a Youth Union programme; its two joint commitments wait for the association.
    assert scores(plan, period) == {youth.name: (3, 5), association.name: (0, 4)}


def two_partner_plan(world):
    """The association with the Youth Union and the Labour Federation, for 2026: a joint
    commitment, the association's, one for each partner and one for every partner."""
    from conftest import make_commitment, make_plan

    youth = Organisation.objects.create(name="Tỉnh Đoàn Phú Thọ", area=world.province, kind=Kind.YOUTH_UNION)
    labour = Organisation.objects.create(
        name="Liên đoàn Lao động tỉnh Phú Thọ", area=world.province, kind=Kind.LABOUR_FEDERATION
    )
    ward_youth = Organisation.objects.create(name="Đoàn phường Hòa Bình", area=world.commune_a, kind=Kind.YOUTH_UNION)
    ward_labour = Organisation.objects.create(
        name="Công đoàn phường Hòa Bình", area=world.commune_a, kind=Kind.LABOUR_FEDERATION
    )
    plan = make_plan(world.province, world.association, youth, labour, number="2/CTrPH-HKH-TĐ-LĐLĐ")
    plan.start_year = plan.end_year = 2026
    plan.save()
    make_commitment(plan, "1", "Tuyên dương gương sáng học tập", party="joint")
    make_commitment(plan, "2", "Vận động Quỹ khuyến học", party="association")
    make_commitment(plan, "3", "Phát động thanh niên học tập suốt đời", party="other", partner=youth)
    make_commitment(plan, "4", "Vận động công nhân học tập nâng cao tay nghề", party="other", partner=labour)
    make_commitment(plan, "5", "Báo cáo kết quả với Hội", party="other")  # every partner
    plan_open_reporting(user=None, plan=plan)
    return plan, youth, labour, ward_youth, ward_labour


def test_two_partners_each_report_their_own_commitments_and_are_scored_apart(world):
    """Each partner's units report the commitments that name their partner (and those that name
    none, and the joint ones), and each partner is scored apart, by name."""
    plan, youth, labour, ward_youth, ward_labour = two_partner_plan(world)
    period = plan.periods.get(half="H1")
    units = set(plan.reporting_units.values_list("organisation", flat=True))
    assert {ward_youth.pk, ward_labour.pk, world.unit_a.pk} <= units

    assert file_done(plan, period, ward_youth) == {"1", "3", "5"}
    assert scores(plan, period) == {world.association.name: (0, 2), youth.name: (1, 3), labour.name: (0, 3)}
    assert file_done(plan, period, ward_labour) == {"1", "4", "5"}
    assert file_done(plan, period, world.unit_a) == {"1", "2"}
    assert scores(plan, period) == {world.association.name: (2, 2), youth.name: (3, 3), labour.name: (3, 3)}


def test_a_two_partner_programme_is_imported_with_each_commitments_partner(world):
    youth = Organisation.objects.create(name="Tỉnh Đoàn Lâm Đồng", area=world.province, kind=Kind.YOUTH_UNION)
    labour = Organisation.objects.create(
        name="Liên đoàn Lao động tỉnh Lâm Đồng", area=world.province, kind=Kind.LABOUR_FEDERATION
    )
    association = make_organisation("Hội Khuyến học tỉnh Lâm Đồng", world.province)
    text = """ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG

CHƯƠNG TRÌNH PHỐI HỢP
giữa Hội Khuyến học tỉnh Lâm Đồng, Tỉnh Đoàn Lâm Đồng và Liên đoàn Lao động tỉnh Lâm Đồng năm 2026

I. MỤC ĐÍCH
1. Đẩy mạnh học tập suốt đời trong thanh niên và công nhân.

II. NỘI DUNG PHỐI HỢP
1. Trách nhiệm của Hội Khuyến học tỉnh:
a) Trao học bổng cho đoàn viên, công nhân vượt khó.
2. Trách nhiệm của Tỉnh Đoàn Lâm Đồng:
a) Phát động phong trào thanh niên học tập suốt đời.
3. Trách nhiệm của Liên đoàn Lao động tỉnh Lâm Đồng:
a) Vận động công nhân học tập nâng cao tay nghề.

TM. BAN THƯỜNG VỤ TỈNH ĐOÀN        TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC        TM. LIÊN ĐOÀN LAO ĐỘNG
"""
    parsed = parse_plan(text)
    data = plan_from_parsed(parsed, organisations=[youth, labour, association], area=world.province)
    by_number = {c.text[:20]: (c.party, c.partner) for c in data.commitments}
    assert by_number["Phát động phong trào"] == ("other", youth.pk)
    assert by_number["Vận động công nhân h"] == ("other", labour.pk)
    assert by_number["Trao học bổng cho đo"] == ("association", None)
    plan = Plan(area=world.province, **{**data.fields, "start_year": 2026, "end_year": 2026})
    saved = plan_import_save(
        user=None,
        plan=plan,
        parties=[PartyData(p.organisation) for p in data.parties if p.organisation],
        commitments=data.commitments,
    )
    assert {c.partner_id for c in saved.commitments.filter(party="other")} == {youth.pk, labour.pk}


def ticked_plan(world):
    """The two-partner plan with two joint commitments that name who takes part: the
    association's, with the Youth Union; the Labour Federation's, with the association."""
    from conftest import make_commitment

    plan, youth, labour, ward_youth, ward_labour = two_partner_plan(world)
    make_commitment(plan, "6", "Trao học bổng cho đoàn viên vượt khó", lead="association", supporters=[youth])
    make_commitment(
        plan, "7", "Mở lớp học nghề cho công nhân", lead="other", partner=labour, supporters=[world.association]
    )
    return plan, youth, labour, ward_youth, ward_labour


def test_a_joint_commitment_binds_its_lead_and_the_parties_ticked_beside_it(world):
    """A joint commitment that names its parties is reported and owed by them alone; one that
    names none, by every party that signed."""
    plan, youth, labour, ward_youth, ward_labour = ticked_plan(world)
    period = plan.periods.get(half="H1")

    assert file_done(plan, period, ward_youth) == {"1", "3", "5", "6"}
    assert file_done(plan, period, world.unit_a) == {"1", "2", "6", "7"}
    # 6 is done (the association and the Youth Union did it); 1 and 5 wait for the Labour
    # Federation, and 7, which it leads, too.
    assert scores(plan, period) == {world.association.name: (2, 4), youth.name: (2, 4), labour.name: (0, 4)}
    assert file_done(plan, period, ward_labour) == {"1", "4", "5", "7"}
    assert scores(plan, period) == {world.association.name: (4, 4), youth.name: (4, 4), labour.name: (4, 4)}


@pytest.mark.parametrize(
    "build,filers,expected",
    [
        # Each partner's own commitments, and one for every partner.
        (
            two_partner_plan,
            ("ward_youth", "unit_a"),
            {"association": (1, 2, 0), "youth_union": (1, 3, 0), "labour_federation": (0, 3, 0)},
        ),
        # Joint commitments that name who takes part, one led by a partner.
        (
            ticked_plan,
            ("ward_youth", "ward_labour"),
            {"association": (0, 4, 0), "youth_union": (2, 4, 0), "labour_federation": (2, 4, 0)},
        ),
    ],
    ids=["partners", "ticked"],
)
def test_the_benchmarks_bare_sql_scores_the_parties_as_the_page(world, reviewer, build, filers, expected):
    from django.db import connection

    from benchmarks import bare_sql
    from reports.rules import today

    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but the tests run on {connection.vendor}")
        pytest.skip("The bare SQL is PostgreSQL's: set DATABASE_URL to a PostgreSQL database")
    plan, _youth, _labour, ward_youth, ward_labour = build(world)
    units = {"ward_youth": ward_youth, "ward_labour": ward_labour, "unit_a": world.unit_a}
    period = plan.periods.get(half="H1")
    for name in filers:
        file_done(plan, period, units[name])
    page = {s.party: (s.done, s.total, s.not_applicable) for s in consolidate(plan, period, texts=False).scores}
    with connection.cursor() as cursor:
        sql = bare_sql.period_page(cursor, user_id=reviewer.pk, plan_id=plan.pk, period_id=period.pk, today=today())
    assert sql["scores"] == page == expected


def test_an_imported_three_party_programme_keeps_who_leads_and_who_takes_part_in_joint_work(world):
    """ "Hội Khuyến học tỉnh chủ trì, phối hợp với Hội Cựu giáo chức tỉnh ..." binds those two and
    not the Sở; "Ba bên ..." binds all three."""
    department = make_organisation("Sở Giáo dục và Đào tạo tỉnh Gia Lai", world.province, side="education")
    association = make_organisation("Hội Khuyến học tỉnh Gia Lai", world.province)
    veterans = Organisation.objects.create(
        name="Hội Cựu giáo chức tỉnh Gia Lai", area=world.province, kind=Kind.VETERAN_TEACHERS
    )
    plan = imported("three_party_4.txt", world.province, [department, association, veterans])
    joint = {c.number: (c.lead, set(c.supporters.all())) for c in plan.commitments.filter(party="joint")}
    assert joint == {
        "4.1": ("association", {veterans}),
        "4.2": ("department", {association}),
        "4.3": ("", set()),
    }
    period = plan.periods.get(half="H1")
    assert file_done(plan, period, veterans) == {"3.1", "4.1", "4.3"}
    assert file_done(plan, period, department) == {"1.1", "1.2", "4.2", "4.3"}
    assert scores(plan, period) == {department.name: (2, 4), association.name: (0, 4), veterans.name: (1, 3)}
    file_done(plan, period, association)
    assert scores(plan, period) == {department.name: (4, 4), association.name: (4, 4), veterans.name: (3, 3)}
