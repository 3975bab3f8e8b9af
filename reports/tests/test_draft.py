"""Sending a draft kept offline (reports:report_draft): saved with the version it was typed
on, or refused with what the portal holds, nothing overwritten."""

import pytest
from django.urls import reverse

from reports.models import ProgressReport
from reports.services import workflow

from .test_views import form_data


@pytest.fixture
def draft(world, reporter_a, h1, in_h1):
    return workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)


def post(client, report, **fields):
    return client.post(reverse("reports:report_draft", args=[report.pk]), form_data(report, **fields))


def test_a_draft_sent_from_the_phone_is_saved(client, reporter_a, draft):
    client.force_login(reporter_a)
    response = post(client, draft, results="Gõ khi không có sóng")
    assert response.status_code == 200
    assert response.json() == {"version": draft.version + 1}
    draft.refresh_from_db()
    assert draft.results == "Gõ khi không có sóng"
    assert draft.values.get(indicator__name="Học bổng").value == 32000


def test_a_stale_draft_overwrites_nothing_and_gets_the_portals_values(client, reporter_a, draft):
    client.force_login(reporter_a)
    stale = draft.version
    workflow.report_save(
        user=reporter_a, report=draft, version=stale, narrative={"results": "Lưu từ máy khác"}, progress=[], values={}
    )
    response = client.post(
        reverse("reports:report_draft", args=[draft.pk]), form_data(draft, version=stale, results="Trên điện thoại")
    )
    assert response.status_code == 409
    body = response.json()
    assert body["editable"] is True and body["version"] == stale + 1
    shown = {field["name"]: field for field in body["fields"]}
    assert shown["results"]["value"] == "Lưu từ máy khác"
    assert shown["results"]["label"]
    assert all(name != "version" for name in shown)
    assert ProgressReport.objects.get(pk=draft.pk).results == "Lưu từ máy khác"


def submitted(client, reporter_a, draft):
    assert post(client, draft, results="Bản đã gửi").status_code == 200
    return workflow.report_submit(user=reporter_a, report=draft)


def test_a_submitted_report_is_refused_and_left_as_it_is(client, reporter_a, draft):
    client.force_login(reporter_a)
    report = submitted(client, reporter_a, draft)
    response = post(client, report, results="Sau khi gửi")
    assert response.status_code == 409
    assert response.json()["editable"] is False
    assert ProgressReport.objects.get(pk=draft.pk).results == "Bản đã gửi"


def test_a_returned_report_being_fixed_can_be_sent(client, reporter_a, reviewer, draft):
    client.force_login(reporter_a)
    report = workflow.report_return(user=reviewer, report=submitted(client, reporter_a, draft), comment="Bổ sung")
    assert post(client, report, results="Đã bổ sung").status_code == 200


def test_figures_the_form_would_refuse_are_refused_with_the_errors(client, reporter_a, draft):
    client.force_login(reporter_a)
    share = draft.plan.commitments.get(number="2").indicators.get(name="Tỷ lệ hội viên")
    response = post(client, draft, **{f"value_{share.pk}": "120", "version": "x"})
    assert response.status_code == 400
    assert len(response.json()["errors"]) == 2
    assert ProgressReport.objects.get(pk=draft.pk).version == draft.version


def test_another_units_reporter_gets_404_and_a_reader_403(client, reporter_b, reviewer, draft):
    client.force_login(reporter_b)
    assert post(client, draft).status_code == 404
    client.force_login(reviewer)
    assert post(client, draft).status_code == 403
    assert ProgressReport.objects.get(pk=draft.pk).version == draft.version


def test_only_post(client, reporter_a, draft):
    client.force_login(reporter_a)
    assert client.get(reverse("reports:report_draft", args=[draft.pk])).status_code == 405
