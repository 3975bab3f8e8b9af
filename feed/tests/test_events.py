"""What the portal records in a plan's feed by itself: each event once, a report accepted and a
pupil list sent, and who hears of it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from awards import services as lists
from conftest import add_pupil, make_pupil_list
from feed import events
from feed.models import Entry
from feed.services import record
from reports.services import workflow
from tasks.models import Notification

Kind = Entry.Kind


def filed(plan, period, unit, user):
    """``unit``'s report for ``period``, every commitment done, submitted."""
    report = workflow.report_start(user=user, plan=plan, period=period, organisation=unit)
    progress = [workflow.ProgressData(c.pk, "done", "Đã làm") for c in workflow.commitments_for(plan, unit, period)]
    report = workflow.report_save(
        user=user, report=report, version=report.version, narrative={}, progress=progress, values={}
    )
    return workflow.report_submit(user=user, report=report)


def test_an_event_with_a_key_is_recorded_once(reporting_plan):
    first = record(plan=reporting_plan, kind="conference", title="Hội nghị sơ kết 6 tháng", key="conference:7")
    again = record(plan=reporting_plan, kind="conference", title="Hội nghị sơ kết 6 tháng", key="conference:7")
    assert first is not None and again is None
    assert Entry.objects.filter(plan=reporting_plan).count() == 1
    assert first.created_by is None and first.kind == Kind.CONFERENCE
    # Without a key, each call is an event of its own.
    record(plan=reporting_plan, kind=Kind.CONCLUSION_DUE, title="Kết luận số 3 đến hạn")
    record(plan=reporting_plan, kind=Kind.CONCLUSION_DUE, title="Kết luận số 3 đến hạn")
    assert Entry.objects.filter(kind=Kind.CONCLUSION_DUE).count() == 2


def test_an_unknown_kind_is_refused(reporting_plan):
    with pytest.raises(ValueError):
        record(plan=reporting_plan, kind="meeting", title="Họp")


def test_a_report_accepted_is_in_the_feed_with_a_link_to_it(world, h1, in_h1, reporter_a, reviewer):
    report = filed(h1.plan, h1, world.unit_a, reporter_a)
    workflow.report_accept(user=reviewer, report=report)
    entry = Entry.objects.get(plan=h1.plan)
    assert entry.kind == Kind.REPORT_ACCEPTED and entry.party == world.unit_a
    assert world.unit_a.name in entry.title and "2026" in entry.title
    assert entry.link == reverse("reports:report_detail", args=[report.pk])
    # The same acceptance told twice (a retry) is one entry.
    report.refresh_from_db()
    assert events.report_accepted(report) is None
    assert Entry.objects.count() == 1


def test_a_report_accepted_again_after_it_was_reopened_is_a_new_entry(world, h1, in_h1, reporter_a, reviewer):
    """No page sends an accepted report back today; should one come (a reopening), the second
    acceptance is an entry of its own: the key is the report's version, which every change moves."""
    report = filed(h1.plan, h1, world.unit_a, reporter_a)
    workflow.report_accept(user=reviewer, report=report)
    report.refresh_from_db()
    report.status = "submitted"
    report.save(update_fields=["status"])
    workflow.report_return(user=reviewer, report=report, comment="Bổ sung số liệu")
    report = filed(h1.plan, h1, world.unit_a, reporter_a)
    workflow.report_accept(user=reviewer, report=report)
    assert Entry.objects.filter(kind=Kind.REPORT_ACCEPTED, party=world.unit_a).count() == 2


def test_a_refused_acceptance_records_nothing(world, h1, in_h1, reporter_a, editor):
    report = filed(h1.plan, h1, world.unit_a, reporter_a)
    with pytest.raises(PermissionDenied):
        workflow.report_accept(user=editor, report=report)  # not a reviewer
    assert not Entry.objects.exists()


def test_a_list_sent_is_in_the_feed_without_any_pupil_name(world, plan, editor):
    pupil_list = make_pupil_list(plan, world.department, world.association, title="Học sinh giỏi - em Trần Minh Khang")
    add_pupil(pupil_list, "Trần Minh Khang")
    add_pupil(pupil_list, "Lê Thu Hà")
    lists.list_send(user=editor, pupil_list=pupil_list)
    entry = Entry.objects.get(plan=plan)
    assert entry.kind == Kind.LIST_SENT and entry.party == world.department
    assert entry.link == reverse("awards:list_detail", args=[pupil_list.pk])
    assert world.association.name in entry.title and "2025-2026" in entry.title and "2" in entry.body
    for text in (entry.title, entry.body):
        assert "Khang" not in text and "Hà" not in text  # not even through the list's own title


def test_a_list_returned_and_sent_again_is_a_new_entry(world, plan, editor, reviewer):
    pupil_list = make_pupil_list(plan, world.department, world.association)
    add_pupil(pupil_list)
    lists.list_send(user=editor, pupil_list=pupil_list)
    lists.list_return(user=reviewer, pupil_list=pupil_list, comment="Thiếu minh chứng")
    lists.list_send(user=editor, pupil_list=pupil_list)
    assert Entry.objects.filter(kind=Kind.LIST_SENT).count() == 2


def test_an_automatic_entry_notifies_the_staff_of_the_parties_only(
    world, h1, in_h1, reporter_a, reporter_b, reviewer, editor, leader, eager_celery, django_capture_on_commit_callbacks
):
    report = filed(h1.plan, h1, world.unit_a, reporter_a)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_accept(user=reviewer, report=report)
    entry = Entry.objects.get()
    notified = Notification.objects.filter(link__endswith=f"#entry-{entry.pk}")
    # The units, reporters A and B, are not told (nobody authored it: the reviewer is told too).
    assert set(notified.values_list("user__username", flat=True)) == {"editor", "reviewer", "leader"}
    assert notified.first().title == entry.title


def test_reports_accepted_together_are_one_entry_and_one_notification_each(
    client, world, h1, in_h1, reporter_a, reporter_b, reviewer, eager_celery, django_capture_on_commit_callbacks
):
    """A reviewer ticking forty reports tells each reader once, not forty times. The entry names the
    units and links to the half-year's page, which the units do not open: they read no link."""
    from reports.services.bulk import reports_accept

    reports = [filed(h1.plan, h1, world.unit_a, reporter_a), filed(h1.plan, h1, world.unit_b, reporter_b)]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = reports_accept(user=reviewer, reports=reports)
    assert len(outcome.accepted) == 2
    entry = Entry.objects.get()
    assert entry.kind == Kind.REPORT_ACCEPTED and entry.title == "Đã duyệt 2 báo cáo 6 tháng đầu năm 2026"
    assert entry.body == f"Các đơn vị: {world.unit_a.name}, {world.unit_b.name}."
    period_page = reverse("reports:period_detail", args=[h1.plan.pk, h1.pk])
    assert entry.link == period_page
    notified = Notification.objects.filter(link__endswith=f"#entry-{entry.pk}")
    assert sorted(notified.values_list("user__username", flat=True)) == ["reviewer"]  # once, not twice

    feed = reverse("feed:entries", args=[h1.plan.pk])
    client.force_login(reviewer)
    assert f'href="{period_page}"' in client.get(feed).content.decode()
    assert client.get(period_page).status_code == 200
    client.force_login(reporter_a)
    page = client.get(feed).content.decode()
    assert "Đã duyệt 2 báo cáo" in page and f'href="{period_page}"' not in page

    # The same acceptance told again (a retry) records nothing; one report alone is told as before.
    assert events.reports_accepted(outcome.accepted) == []
    assert events.reports_accepted(outcome.accepted[:1])[0].link.endswith(f"/reports/{reports[0].pk}/")


def test_a_report_returned_by_someone_else_before_the_bulk_acceptance_is_not_named(
    world, h1, in_h1, reporter_a, reporter_b, reviewer
):
    """Two people at once: a report the reviewer ticked was returned meanwhile. It is skipped, and
    the feed tells only the acceptance that happened, as one report's entry."""
    from reports.services.bulk import reports_accept

    reports = [filed(h1.plan, h1, world.unit_a, reporter_a), filed(h1.plan, h1, world.unit_b, reporter_b)]
    workflow.report_return(user=reviewer, report=reports[1], comment="Thiếu số liệu")
    outcome = reports_accept(user=reviewer, reports=reports)
    assert [r.pk for r in outcome.accepted] == [reports[0].pk] and outcome.skipped == [reports[1]]
    entry = Entry.objects.get()
    assert entry.party == world.unit_a and world.unit_b.name not in entry.title + entry.body
