"""The admin reviews reports only through the workflow's services, as a reviewer's pages do:
the status is read-only, and the actions record who did what and refresh the dashboards."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from khuyenhoc import figure_versions
from programmes.models import Indicator, Membership
from programmes.tests.test_plan_import_views import form_values
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal, ReportEvent

CHANGELIST = reverse("admin:reports_progressreport_changelist")
Status = ProgressReport.Status


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def make_report(world, period, status=Status.SUBMITTED, unit=None):
    submitted_at = timezone.now() if status == Status.SUBMITTED else None
    return ProgressReport.objects.create(
        plan=period.plan, period=period, organisation=unit or world.unit_a, status=status, submitted_at=submitted_at
    )


def run_action(client, action, *reports, **extra):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [r.pk for r in reports], **extra})


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_posting_a_status_or_a_text_to_the_change_form_leaves_the_report_as_filed(staff_client, world, h1, in_h1):
    report = make_report(world, h1)
    report.results = "Đã tổ chức 2 buổi tuyên truyền"
    report.save()
    url = reverse("admin:reports_progressreport_change", args=[report.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="results"' not in page
    data = form_values(page)
    data.update({"status": Status.ACCEPTED, "results": "Đã tổ chức 3 buổi tuyên truyền", "_save": "1"})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert (report.status, report.results) == (Status.SUBMITTED, "Đã tổ chức 2 buổi tuyên truyền")
    assert not report.events.exists()


def test_what_a_report_holds_is_shown_in_the_admin_but_not_written_there(staff_client, world, h1, in_h1):
    report = make_report(world, h1)
    indicator = h1.plan.commitments.get(number="2").indicators.get(name="Học bổng")
    value = IndicatorValue.objects.create(report=report, indicator=indicator, value=400_000)
    proposal = Proposal.objects.create(report=report, text="Đề nghị tăng kinh phí")
    url = reverse("admin:reports_progressreport_change", args=[report.pk])
    page = staff_client.get(url).content.decode()
    assert "Đề nghị tăng kinh phí" in page and "Học bổng" in page  # shown
    data = {**form_values(page), "_save": "1"}
    assert not any(name.startswith(("values-", "proposals-")) and name.endswith(("-value", "-answer")) for name in data)
    assert staff_client.post(url, data).status_code == 302  # saving the page as shown changes nothing
    # Nor do fields added to the post by hand: a changed figure, an answer, a deletion.
    data.update({"values-0-id": value.pk, "values-0-value": "999", "values-0-DELETE": "on"})
    data.update({"proposals-0-id": proposal.pk, "proposals-0-answer": "Đồng ý"})
    staff_client.post(url, data)
    value.refresh_from_db()
    proposal.refresh_from_db()
    assert (value.value, proposal.answer) == (400_000, "")


def test_accept_action_accepts_records_who_and_refreshes_the_dashboards(
    staff_client, superuser, world, h1, in_h1, django_capture_on_commit_callbacks
):
    report = make_report(world, h1)
    before = figure_versions.stamp([world.province.path])
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "accept_selected", report)
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert list(report.events.values_list("action", "actor")) == [(ReportEvent.Action.ACCEPTED, superuser.pk)]
    assert figure_versions.stamp([world.province.path]) != before
    assert said(response) == ["Đã thay đổi 1 mục."]


def test_accepting_a_draft_is_refused_and_says_why(staff_client, world, h1, in_h1):
    draft = make_report(world, h1, Status.DRAFT, unit=world.unit_b)
    submitted = make_report(world, h1)
    response = run_action(staff_client, "accept_selected", draft, submitted)
    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert (draft.status, submitted.status) == (Status.DRAFT, Status.ACCEPTED)
    assert not draft.events.exists()
    assert f"Không thay đổi “{draft}”: Chỉ báo cáo đã gửi mới có thể duyệt." in said(response)


def test_staff_who_are_not_reviewers_cannot_accept(client, world, h1, in_h1):
    """A leader sees the province's reports in the admin, but only reviewers review them."""
    leader = make_user("staff_leader", (world.department, Membership.Role.LEADER), is_staff=True)
    leader.user_permissions.set(
        Permission.objects.filter(codename__in=["view_progressreport", "change_progressreport"])
    )
    client.force_login(leader)
    report = make_report(world, h1)
    response = run_action(client, "accept_selected", report)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert said(response) == [f"Không thay đổi “{report}”: Chỉ cán bộ thẩm định của tỉnh mới thẩm định báo cáo này."]


def test_return_action_asks_for_the_comment_then_returns(staff_client, superuser, world, h1, in_h1):
    report = make_report(world, h1)
    page = run_action(staff_client, "return_selected", report)
    assert page.status_code == 200 and 'name="comment"' in page.content.decode()
    empty = run_action(staff_client, "return_selected", report, apply="1", comment=" ")
    assert empty.status_code == 200  # asked again
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED

    response = run_action(
        staff_client, "return_selected", report, apply="1", comment="Bổ sung số liệu học bổng", until=""
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.return_comment) == (Status.RETURNED, "Bổ sung số liệu học bổng")
    event = report.events.get(action=ReportEvent.Action.RETURNED)
    assert (event.actor, event.comment) == (superuser, "Bổ sung số liệu học bổng")


def test_reopen_action_gives_a_unit_that_missed_the_lock_more_time(staff_client, superuser, world, h1):
    with time_machine.travel(date(2026, 7, 10), tick=False):
        draft = make_report(world, h1, Status.DRAFT)
        response = run_action(staff_client, "reopen_selected", draft, apply="1", until="20/07/2026")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.reopened_until == date(2026, 7, 20)
    assert draft.events.get(action=ReportEvent.Action.REOPENED).actor == superuser


def test_a_report_is_neither_added_nor_deleted_in_the_admin_and_its_page_offers_no_save(staff_client, world, h1, in_h1):
    report = make_report(world, h1)
    page = staff_client.get(reverse("admin:reports_progressreport_change", args=[report.pk])).content.decode()
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert reverse("admin:reports_progressreport_delete", args=[report.pk]) not in page
    assert (
        staff_client.post(reverse("admin:reports_progressreport_delete", args=[report.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert staff_client.get(reverse("admin:reports_progressreport_add")).status_code == 403
    assert ProgressReport.objects.filter(pk=report.pk).exists()


def test_the_report_page_in_the_admin_reads_its_rows_in_a_fixed_number_of_queries(
    staff_client, superuser, world, h1, in_h1, django_assert_max_num_queries
):
    report = make_report(world, h1)
    url = reverse("admin:reports_progressreport_change", args=[report.pk])
    staff_client.get(url)
    with django_assert_max_num_queries(30) as few:
        staff_client.get(url)
    for commitment in h1.plan.commitments.all():
        CommitmentProgress.objects.create(report=report, commitment=commitment, status="done")
        ReportEvent.objects.create(report=report, action=ReportEvent.Action.SUBMITTED, actor=superuser)
    for indicator in Indicator.objects.filter(commitment__plan=h1.plan):
        IndicatorValue.objects.create(report=report, indicator=indicator, value=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)
