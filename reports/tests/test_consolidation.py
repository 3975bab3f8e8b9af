from datetime import datetime, timezone
from decimal import Decimal

from programmes.models import Indicator
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal
from reports.services.consolidation import consolidate


def report(plan, period, organisation, status="accepted", submitted=None, statuses=None, values=None):
    r = ProgressReport.objects.create(
        plan=plan,
        period=period,
        organisation=organisation,
        status=status,
        submitted_at=submitted or datetime(2026, 6, 16, tzinfo=timezone.utc),
        shortcomings=f"Khó khăn của {organisation.name}",
    )
    for number, state in (statuses or {}).items():
        CommitmentProgress.objects.create(report=r, commitment=plan.commitments.get(number=number), status=state)
    for indicator, value in (values or {}).items():
        IndicatorValue.objects.create(report=r, indicator=indicator, value=value)
    return r


def test_indicators_add_up_by_their_own_rule(world, reporting_plan, h1):
    money = Indicator.objects.get(name="Học bổng")  # sum
    share = Indicator.objects.get(name="Tỷ lệ hội viên")  # mean
    latest = Indicator.objects.create(
        commitment=money.commitment, name="Số trung tâm", unit="units", target_value=10, aggregation="latest"
    )
    report(
        reporting_plan,
        h1,
        world.unit_a,
        values={money: 400000, share: 80, latest: 7},
        submitted=datetime(2026, 6, 15, tzinfo=timezone.utc),
    )
    report(
        reporting_plan,
        h1,
        world.unit_b,
        status="submitted",
        values={money: 350000, share: 90, latest: 9},
        submitted=datetime(2026, 6, 18, tzinfo=timezone.utc),
    )
    report(
        reporting_plan, h1, world.association, status="draft", values={money: 999999999}
    )  # not received: not counted
    totals = {t.indicator.name: t for t in consolidate(reporting_plan, h1).totals}
    assert totals["Học bổng"].value == Decimal("750000.00") and totals["Học bổng"].units == 2
    assert totals["Tỷ lệ hội viên"].value == Decimal("85.00")
    assert totals["Số trung tâm"].value == Decimal("9.00")  # the latest submitted
    assert round(totals["Học bổng"].progress) == 75


def test_a_joint_commitment_is_done_only_when_every_side_reports_it_done(world, reporting_plan, h1):
    report(reporting_plan, h1, world.department, statuses={"1": "done", "3": "done"})
    report(reporting_plan, h1, world.unit_a, statuses={"1": "done", "2": "done"})
    report(reporting_plan, h1, world.unit_b, statuses={"1": "in_progress", "2": "done"})
    result = consolidate(reporting_plan, h1)
    rows = {row.commitment.number: row.done for row in result.rows}
    assert rows == {"1": False, "2": True, "3": True}  # commune B has not finished the joint commitment 1
    scores = {score.party: (score.done, score.total) for score in result.scores}
    assert scores == {"education": (1, 2), "association": (1, 2)}
    assert (result.expected, result.received, result.accepted) == (4, 3, 3)


def test_shortcomings_and_proposals_are_gathered_with_their_unit(world, reporting_plan, h1):
    r = report(reporting_plan, h1, world.unit_a)
    Proposal.objects.create(report=r, text="Đề nghị tăng kinh phí", answer="Đồng ý")
    result = consolidate(reporting_plan, h1)
    assert [(s.organisation, s.text) for s in result.shortcomings] == [
        (world.unit_a.name, f"Khó khăn của {world.unit_a.name}")
    ]
    assert [(p.organisation, p.text, p.answer) for p in result.proposals] == [
        (world.unit_a.name, "Đề nghị tăng kinh phí", "Đồng ý")
    ]


def test_consolidation_costs_a_fixed_number_of_queries(world, reporting_plan, h1, django_assert_max_num_queries):
    for organisation in (world.department, world.association, world.unit_a, world.unit_b):
        report(reporting_plan, h1, organisation, statuses={"1": "done"})
    with django_assert_max_num_queries(12):
        consolidate(reporting_plan, h1)


def test_lateness_is_counted_in_vietnamese_days(world, reporting_plan, h1):
    from reports.selectors import completeness

    # 18:00 UTC on the due date (19/06) is already 01:00 on 20/06 in Hà Nội: late.
    report(reporting_plan, h1, world.unit_a, "submitted", submitted=datetime(2026, 6, 19, 18, 0, tzinfo=timezone.utc))
    # 16:00 UTC is 23:00 the same day in Hà Nội: on time.
    report(reporting_plan, h1, world.unit_b, "submitted", submitted=datetime(2026, 6, 19, 16, 0, tzinfo=timezone.utc))
    timing = {row.organisation: row.timing for row in completeness(reporting_plan, h1)[1]}
    assert (timing[world.unit_a], timing[world.unit_b]) == ("late", "on_time")


def test_not_applicable_is_neither_done_nor_owed(world, reporting_plan, h1):
    report(reporting_plan, h1, world.department, statuses={"1": "done", "3": "not_applicable"})
    report(reporting_plan, h1, world.unit_a, statuses={"1": "done", "2": "not_applicable"})
    report(reporting_plan, h1, world.unit_b, statuses={"1": "not_applicable", "2": "not_applicable"})
    result = consolidate(reporting_plan, h1)
    rows = {row.commitment.number: (row.done, row.not_applicable) for row in result.rows}
    # 1: done by everyone it applies to; 2 and 3: applies to nobody, so never "done".
    assert rows == {"1": (True, False), "2": (False, True), "3": (False, True)}
    scores = {score.party: (score.done, score.total, score.not_applicable) for score in result.scores}
    assert scores == {"education": (1, 1, 1), "association": (1, 1, 1)}


def test_a_commitment_one_unit_has_not_finished_is_not_done_whatever_the_others_say(world, reporting_plan, h1):
    report(reporting_plan, h1, world.unit_a, statuses={"2": "in_progress"})
    report(reporting_plan, h1, world.unit_b, statuses={"2": "not_applicable"})
    result = consolidate(reporting_plan, h1)
    assert {row.commitment.number: row.done for row in result.rows}["2"] is False
    assert {s.party: (s.done, s.total) for s in result.scores}["association"] == (0, 2)


def test_a_returned_report_is_counted_apart_never_as_missing(world, reporting_plan, h1):
    from reports.selectors import completeness

    report(reporting_plan, h1, world.unit_a, "accepted")
    report(reporting_plan, h1, world.unit_b, "submitted")
    report(reporting_plan, h1, world.department, "returned", values={Indicator.objects.get(name="Học bổng"): 5})
    result = consolidate(reporting_plan, h1)
    assert (result.expected, result.received, result.accepted, result.pending, result.returned, result.missing) == (
        4,
        2,
        1,
        1,
        1,
        1,
    )
    assert {t.indicator.name: t.units for t in result.totals}[
        "Học bổng"
    ] == 0  # its figures wait until it is sent again
    timing = {row.organisation: row.timing for row in completeness(reporting_plan, h1)[1]}
    assert timing[world.department] == "returned" and timing[world.association] == "missing"


def test_each_side_is_scored_under_the_names_of_the_parties_that_signed(world, reporting_plan, h1):
    from programmes.models import Organisation, PlanParty

    committee = Organisation.objects.create(
        name="Ủy ban nhân dân phường Hòa Bình", area=world.commune_a, kind=Organisation.Kind.PEOPLE_COMMITTEE
    )
    PlanParty.objects.filter(plan=reporting_plan, organisation__side="education").delete()
    PlanParty.objects.create(plan=reporting_plan, organisation=committee, order=0)
    scores = {score.party: score for score in consolidate(reporting_plan, h1, texts=False).scores}
    assert scores["education"].title == "Ủy ban nhân dân phường Hòa Bình"
    assert scores["association"].title == world.association.name

    PlanParty.objects.filter(plan=reporting_plan).delete()  # a plan entered without its parties
    scores = {score.party: score for score in consolidate(reporting_plan, h1, texts=False).scores}
    assert str(scores["education"].title) == "Ngành Giáo dục"


def test_a_three_party_plan_scores_the_third_party_and_its_joint_commitments_need_all_three(world, reporting_plan, h1):
    from conftest import make_commitment
    from programmes.models import Organisation, PlanParty

    veterans = Organisation.objects.create(
        name="Hội Cựu giáo chức tỉnh Phú Thọ", area=world.province, kind=Organisation.Kind.VETERAN_TEACHERS
    )
    chapter = Organisation.objects.create(
        name="Chi hội Cựu giáo chức phường Hòa Bình",
        area=world.commune_a,
        kind=Organisation.Kind.VETERAN_TEACHERS,
        parent=veterans,
    )
    PlanParty.objects.create(plan=reporting_plan, organisation=veterans, order=3)
    make_commitment(reporting_plan, "4", "Giới thiệu nhà giáo nghỉ hưu dạy lớp xóa mù chữ", party="other")
    report(reporting_plan, h1, world.department, statuses={"1": "done", "3": "done"})
    report(reporting_plan, h1, world.unit_a, statuses={"1": "done", "2": "done"})

    scores = {score.party: score for score in consolidate(reporting_plan, h1, texts=False).scores}
    assert scores["veteran_teachers"].title == "Hội Cựu giáo chức tỉnh Phú Thọ"
    # Commitment 1 is joint: the veterans, a party now, have not reported it; nor their own.
    assert (scores["veteran_teachers"].done, scores["veteran_teachers"].total) == (0, 2)
    assert (scores["education"].done, scores["education"].total) == (1, 2)

    report(reporting_plan, h1, chapter, statuses={"1": "done", "4": "done"})
    rows = {row.commitment.number: row for row in consolidate(reporting_plan, h1, texts=False).rows}
    assert rows["1"].done and rows["4"].done
    scores = {score.party: score for score in consolidate(reporting_plan, h1, texts=False).scores}
    assert (scores["veteran_teachers"].done, scores["veteran_teachers"].total) == (2, 2)


def test_a_two_party_plan_shows_no_third_score(world, reporting_plan, h1):
    sides = [score.party for score in consolidate(reporting_plan, h1, texts=False).scores]
    assert sides == ["education", "association"]
