"""The review conference and what follows it: scheduled (the reminders follow its date), its
conclusions added to the plan as the next half-year's commitments, shown to the units responsible
and to the leaders, the unfinished commitments carried over or closed, and the next plan prepared
with what is left to do."""

from datetime import date, datetime, timezone

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from conferences import services, successor
from conferences.models import CarryOver, Conclusion, Conference
from conftest import make_commitment
from programmes.models import Indicator
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport
from reports.selectors import commitments_for
from reports.services.consolidation import consolidate


def file(plan, period, unit, statuses: dict, figures: dict | None = None):
    report = ProgressReport.objects.create(
        plan=plan,
        period=period,
        organisation=unit,
        status="accepted",
        submitted_at=datetime(2026, 6, 20, tzinfo=timezone.utc),
    )
    for commitment in commitments_for(plan, unit, period):
        status = statuses.get(commitment.number, "in_progress")
        CommitmentProgress.objects.create(report=report, commitment=commitment, status=status)
    for indicator, value in (figures or {}).items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=value)
    return report


@pytest.fixture
def held(world, reporting_plan, h1, editor):
    """The first half of 2026 reported by the Sở and the association: 1 (joint) and 2 (the
    association's) done, 3 (the Sở's, a one-off due 30/06) not; the conference held on 10/07."""
    one_off = reporting_plan.commitments.get(number="3")
    one_off.recurrence, one_off.deadline = "once", date(2026, 6, 30)
    one_off.save()
    fund = Indicator.objects.get(commitment__plan=reporting_plan, name="Học bổng")
    file(reporting_plan, h1, world.department, {"1": "done", "3": "in_progress"})
    file(reporting_plan, h1, world.association, {"1": "done", "2": "done"}, {fund: 800_000})
    conference = services.conference_save(
        user=editor,
        conference=Conference(period=h1, held_on=date(2026, 7, 10), place="Việt Trì", chairs="Nguyễn Văn A"),
        attendance={world.department.pk: "Trần B, Phó Giám đốc", world.association.pk: "Lê C, Chủ tịch"},
    )
    return conference


def test_scheduling_moves_the_conference_reminder_to_the_real_date(held, h1):
    h1.refresh_from_db()
    assert h1.conference_on == date(2026, 7, 10)
    assert {a.people for a in held.attendance.all()} == {"Trần B, Phó Giám đốc", "Lê C, Chủ tịch"}


def test_only_the_plans_editors_change_the_conference(held, reviewer, client, outsider, leader):
    with pytest.raises(PermissionDenied):
        services.conference_save(user=reviewer, conference=held)
    url = reverse("conferences:detail", args=[held.pk])
    client.force_login(leader)
    assert client.get(url).status_code == 200  # leaders follow the plan
    assert client.get(reverse("conferences:conclusion_create", args=[held.pk])).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_conclusions_become_the_next_half_years_commitments_of_their_party(world, held, editor, reporting_plan):
    conclusion_save = services.conclusion_save
    first = conclusion_save(
        user=editor,
        conclusion=Conclusion(
            conference=held,
            text="Tổ chức lễ tuyên dương học sinh vượt khó",
            responsible=world.association,
            deadline=date(2026, 11, 20),
        ),
    )
    second = conclusion_save(
        user=editor,
        conclusion=Conclusion(conference=held, text="Rà soát học sinh bỏ học", responsible=world.department),
    )
    third = conclusion_save(
        user=editor, conclusion=Conclusion(conference=held, text="Báo cáo Tỉnh ủy", responsible=world.department)
    )
    assert [first.number, second.number, third.number] == [1, 2, 3]
    with pytest.raises(ValidationError):
        conclusion_save(user=editor, conclusion=Conclusion(conference=held, text="x", responsible=world.unit_b))

    made = services.conclusions_adopt(user=editor, conference=held, conclusions=[first, second])
    assert [(c.number, c.party, c.recurrence, c.deadline) for c in made] == [
        ("KL2026.1.1", "association", "once", date(2026, 11, 20)),
        ("KL2026.1.2", "department", "ongoing", None),
    ]
    assert made[0].section.title == "Kết luận hội nghị sơ kết 6 tháng đầu năm 2026"
    first.refresh_from_db()
    assert first.adopted_as == made[0] and made[0].history.count() == 1
    # Adding them again adds nothing.
    assert services.conclusions_adopt(user=editor, conference=held, conclusions=[first]) == []
    # The association's units report the first in the next half-year; the Sở the second.
    h2 = reporting_plan.periods.get(half="H2")
    assert "KL2026.1.1" in {c.number for c in commitments_for(reporting_plan, world.unit_a, h2)}
    assert "KL2026.1.1" not in {c.number for c in commitments_for(reporting_plan, world.department, h2)}
    # The open conclusions of a party are shown to its units.
    assert [c.number for c in services.open_conclusions_for(reporting_plan, world.unit_a)] == [1]
    assert [c.number for c in services.open_conclusions_for(reporting_plan, world.department)] == [2, 3]


def test_the_unit_sees_its_conclusions_in_its_report_and_the_leader_on_the_dashboard(
    client, world, held, editor, reporting_plan, reporter_a, leader
):
    conclusion = services.conclusion_save(
        user=editor,
        conclusion=Conclusion(
            conference=held, text="Mở lớp xóa mù chữ ở các thôn vùng cao", responsible=world.association
        ),
    )
    services.conclusions_adopt(user=editor, conference=held, conclusions=[conclusion])
    h2 = reporting_plan.periods.get(half="H2")
    report = ProgressReport.objects.create(plan=reporting_plan, period=h2, organisation=world.unit_a)
    client.force_login(reporter_a)
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    conclusions = page.split('data-testid="open-conclusions"')[1].split("</section>")[0]
    assert "Mở lớp xóa mù chữ" in conclusions and "KL2026.1.1" in conclusions
    assert page.count("Mở lớp xóa mù chữ") == 2  # and as the commitment it became
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Mở lớp xóa mù chữ" in page.split('data-testid="dashboard-conclusions"')[1]


def test_what_was_left_undone_is_carried_over_or_closed_with_a_reason(held, editor, reporting_plan):
    left = services.unfinished(held)
    assert [row.commitment.number for row in left] == ["3"]
    one_off = left[0].commitment
    record = services.carry_over(user=editor, conference=held, commitment=one_off, decision="carried", reason="")
    one_off.refresh_from_db()
    h2 = reporting_plan.periods.get(half="H2")
    assert (record.previous_deadline, one_off.deadline) == (date(2026, 6, 30), h2.ends_on)
    assert one_off.history.first().history_change_reason == "Được hội nghị sơ kết chuyển sang kỳ sau"
    with pytest.raises(ValidationError):
        services.carry_over(user=editor, conference=held, commitment=one_off, decision="closed", reason="x")
    assert services.unfinished(held)[0].decision == record

    other = make_commitment(reporting_plan, "4", "Xây dựng thư viện số", party="department")
    with pytest.raises(ValidationError):
        services.carry_over(user=editor, conference=held, commitment=other, decision="closed", reason=" ")
    services.carry_over(user=editor, conference=held, commitment=other, decision="closed", reason="Đã có dự án khác")
    other.refresh_from_db()
    assert other.withdrawn_on and other.withdrawn_reason == "Đã có dự án khác"
    assert CarryOver.objects.filter(conference=held).count() == 2


def test_the_next_plan_carries_what_is_left_and_shows_the_last_figures(client, world, held, editor, reporting_plan):
    services.conclusion_save(
        user=editor, conclusion=Conclusion(conference=held, text="Tổng kết mô hình", responsible=world.department)
    )
    reporting_plan.commitments.filter(number="2").update(text="Trao học bổng")  # done: not carried
    Indicator.objects.create(
        commitment=reporting_plan.commitments.get(number="3"), name="Số trường", unit="units", target_value=20
    )
    made = successor.plan_succeed(
        user=editor, plan=reporting_plan, title="Kế hoạch phối hợp 2027-2030", start_year=2027, end_year=2030
    )
    assert made.predecessor == reporting_plan and made.status == "draft"
    assert [p.organisation for p in made.parties.all()] == [p.organisation for p in reporting_plan.parties.all()]
    carried = {c.text: c for c in made.commitments.all()}
    assert set(carried) == {"Sở chỉ đạo các trường", "Tổng kết mô hình"}
    assert carried["Sở chỉ đạo các trường"].origin.number == "3"
    client.force_login(editor)
    page = client.get(reverse("programmes:plan_detail", args=[made.pk])).content.decode()
    assert "Kế hoạch trước, 6 tháng đầu năm 2026: đạt —, mục tiêu 20" in page
    assert escape(reporting_plan.number) in page  # "Follows" the plan it continues


def test_the_final_review_reads_every_half_year_of_the_plan(client, held, editor, h1, reporting_plan):
    h2 = reporting_plan.periods.get(half="H2")
    final = services.conference_save(
        user=editor,
        conference=Conference(
            period=h2, kind="final", held_on=date(2026, 12, 20), place="Việt Trì", chairs="Nguyễn Văn A"
        ),
    )
    assert [c.period for c in services.whole_plan(final)] == [h1, h2]
    client.force_login(editor)
    page = client.get(reverse("conferences:detail", args=[final.pk])).content.decode()
    table = page.split('data-testid="whole-plan"')[1].split("</table>")[0]
    assert "2/" in table and "6 tháng cuối năm 2026" in table
    assert reverse("conferences:successor", args=[reporting_plan.pk]) in page


def test_the_next_plan_cannot_take_a_number_the_area_has(held, editor, reporting_plan):
    with pytest.raises(ValidationError) as refused:
        successor.plan_succeed(
            user=editor,
            plan=reporting_plan,
            title="Kế hoạch mới",
            start_year=2027,
            end_year=2030,
            number=reporting_plan.number,
        )
    assert "number" in refused.value.message_dict
    assert not reporting_plan.successors.exists()


def test_the_half_year_reviewed_keeps_its_figures_when_conclusions_join_the_plan(
    world, held, editor, reporting_plan, h1
):
    """A conclusion added to the plan is the next half-year's work: the half-year the conference
    reviewed is scored, listed and reported as before, and the bare SQL of the benchmarks agrees."""
    before = consolidate(reporting_plan, h1, texts=False)
    conclusion = services.conclusion_save(
        user=editor, conclusion=Conclusion(conference=held, text="Lập quỹ học bổng", responsible=world.association)
    )
    (added,) = services.conclusions_adopt(user=editor, conference=held, conclusions=[conclusion])
    Indicator.objects.create(commitment=added, name="Số suất học bổng", unit="people", target_value=50)
    after = consolidate(reporting_plan, h1, texts=False)
    assert [(s.party, s.done, s.total) for s in after.scores] == [(s.party, s.done, s.total) for s in before.scores]
    assert [t.indicator.pk for t in after.totals] == [t.indicator.pk for t in before.totals]
    assert added.number not in {row.commitment.number for row in services.unfinished(held)}
    assert added.number not in {c.number for c in commitments_for(reporting_plan, world.unit_a, h1)}
    h2 = reporting_plan.periods.get(half="H2")
    assert added.number in {c.number for c in commitments_for(reporting_plan, world.unit_a, h2)}
    if connection.vendor == "postgresql":
        from benchmarks import bare_sql
        from reports.rules import today

        with connection.cursor() as cursor:
            sql = bare_sql.period_page(
                cursor, user_id=editor.pk, plan_id=reporting_plan.pk, period_id=h1.pk, today=today()
            )
        assert sql["scores"] == {s.party: (s.done, s.total, s.not_applicable) for s in after.scores}
        assert len(sql["indicators"]) == len(after.totals)


def test_the_feed_announces_the_conference_and_links_it_only_for_those_who_follow_the_plan(held, editor, reporter_a):
    from feed.selectors import openable_links

    entry = held.plan.feed_entries.get(kind="conference")
    assert "10/07/2026" in entry.title and "Việt Trì" in entry.title
    assert entry.pk in openable_links(editor, [entry])
    assert entry.pk not in openable_links(reporter_a, [entry])  # a commune reads the feed, not the conference


def test_a_conclusion_falling_due_is_said_in_the_feed_once(world, held, editor):
    services.conclusion_save(
        user=editor,
        conclusion=Conclusion(
            conference=held, text="Tổng hợp danh sách", responsible=world.department, deadline=date(2026, 9, 5)
        ),
    )
    assert services.conclusions_due(date(2026, 8, 20)) == 0  # not within a week yet
    assert services.conclusions_due(date(2026, 9, 1)) == 1
    assert services.conclusions_due(date(2026, 9, 2)) == 0  # once
    assert held.plan.feed_entries.filter(kind="conclusion_due", party=world.department).count() == 1


def test_closing_without_a_reason_is_refused_with_a_message_and_changes_nothing(client, world, held, editor):
    conclusion = services.conclusion_save(
        user=editor, conclusion=Conclusion(conference=held, text="Khảo sát", responsible=world.department)
    )
    client.force_login(editor)
    url = reverse("conferences:conclusion_close", args=[held.pk, conclusion.pk])
    page = client.post(url, {"status": "dropped", "note": " "}, follow=True).content.decode()
    conclusion.refresh_from_db()
    assert conclusion.status == "open" and "Hãy nêu lý do không thực hiện kết luận này." in page
    one_off = services.unfinished(held)[0].commitment
    url = reverse("conferences:carry_over", args=[held.pk, one_off.pk])
    page = client.post(url, {"decision": "closed", "reason": ""}, follow=True).content.decode()
    one_off.refresh_from_db()
    assert one_off.withdrawn_on is None and "Hãy nêu lý do kết thúc nội dung này." in page
