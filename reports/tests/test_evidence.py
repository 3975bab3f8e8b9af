"""Evidence files: attaching or removing one never loses what the reporter typed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import Indicator
from reports.models import Attachment, ReportEvent
from reports.services import workflow

from .test_views import draft, form_data  # noqa: F401 (the fixture)

PDF = b"%PDF-1.4\n%%EOF"


@pytest.fixture
def evidence(draft, reporter_a):  # noqa: F811
    return workflow.attachment_add(user=reporter_a, report=draft, upload=SimpleUploadedFile("sai-tep.pdf", PDF))


def submit(report, user):
    commitments = workflow.commitments_for(report.plan, report.organisation)
    report = workflow.report_save(
        user=user,
        report=report,
        version=report.version,
        narrative={},
        values={},
        progress=[workflow.ProgressData(c.pk, "done") for c in commitments],
    )
    return workflow.report_submit(user=user, report=report)


def test_attaching_saves_the_typed_narrative_statuses_and_figures_first(client, reporter_a, draft, in_h1):  # noqa: F811
    client.force_login(reporter_a)
    data = form_data(draft, attach="1", file=SimpleUploadedFile("bien-ban.pdf", PDF))
    response = client.post(reverse("reports:attachment_add", args=[draft.pk]), data)
    assert response["Location"] == reverse("reports:report_edit", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Tổ chức 3 hội nghị tuyên truyền" in page and "Kinh phí còn hạn chế" in page
    assert 'value="32.000"' in page and 'value="98,5"' in page
    assert '<option value="done" selected>' in page
    assert "bien-ban.pdf" in page and "Đã đính kèm tệp." in page
    draft.refresh_from_db()
    assert draft.results == "Tổ chức 3 hội nghị tuyên truyền"
    assert set(draft.progress.values_list("status", flat=True)) == {"done"}
    assert draft.attachments.get().name == "bien-ban.pdf"


def test_a_file_chosen_before_saving_the_draft_is_attached_too(client, reporter_a, draft, in_h1):  # noqa: F811
    client.force_login(reporter_a)
    data = form_data(draft, save="1", file=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n0000"))
    client.post(reverse("reports:report_edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert draft.results == "Tổ chức 3 hội nghị tuyên truyền"
    assert draft.attachments.get().name == "anh.png"


def test_attaching_with_a_bad_figure_keeps_every_value_and_points_to_the_field(client, reporter_a, draft, in_h1):  # noqa: F811
    share = Indicator.objects.get(name="Tỷ lệ hội viên")
    client.force_login(reporter_a)
    data = form_data(draft, attach="1", file=SimpleUploadedFile("bien-ban.pdf", PDF), **{f"value_{share.pk}": "120"})
    response = client.post(reverse("reports:attachment_add", args=[draft.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tổ chức 3 hội nghị tuyên truyền" in page and 'value="120"' in page
    assert f'href="#id_value_{share.pk}"' in page and "data-error-summary" in page
    draft.refresh_from_db()
    assert draft.results == ""  # nothing half-saved: neither the typing nor the file
    assert not draft.attachments.exists()


def test_attaching_to_a_stale_form_does_not_overwrite_and_shows_the_typing(client, reporter_a, draft, in_h1):  # noqa: F811
    client.force_login(reporter_a)
    old = form_data(draft)
    client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft, results="Bản của người khác"))
    response = client.post(
        reverse("reports:attachment_add", args=[draft.pk]), {**old, "attach": "1", "results": "Bản của tôi"}
    )
    page = response.content.decode()
    assert "Người khác đã lưu báo cáo này" in page and "Bản của tôi" in page
    draft.refresh_from_db()
    assert draft.results == "Bản của người khác"


def test_the_reporter_removes_a_wrong_file_and_the_history_names_it(
    client, reporter_a, reviewer, draft, evidence, in_h1
):  # noqa: F811
    client.force_login(reporter_a)
    url = reverse("reports:attachment_remove", args=[draft.pk, evidence.pk])
    response = client.post(url, form_data(draft, results="Gõ trước khi gỡ tệp"))
    assert response["Location"] == reverse("reports:report_edit", args=[draft.pk])
    assert not Attachment.objects.filter(pk=evidence.pk).exists()
    draft.refresh_from_db()
    assert draft.results == "Gõ trước khi gỡ tệp"  # the typing was saved on the way
    event = draft.events.get(action=ReportEvent.Action.ATTACHMENT_REMOVED)
    assert (event.actor, event.comment) == (reporter_a, "sai-tep.pdf")
    client.force_login(reviewer)
    history = client.get(reverse("reports:report_detail", args=[draft.pk])).content.decode()
    assert "đã gỡ tệp minh chứng: sai-tep.pdf" in history


def test_removing_deletes_the_stored_file_once_committed(
    reporter_a, evidence, django_capture_on_commit_callbacks, in_h1
):
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        workflow.attachment_remove(user=reporter_a, attachment=evidence)
    assert not storage.exists(name)


def test_another_units_reporter_gets_404_and_a_reviewer_403(client, reporter_b, reviewer, draft, evidence, in_h1):  # noqa: F811
    url = reverse("reports:attachment_remove", args=[draft.pk, evidence.pk])
    client.force_login(reporter_b)
    assert client.post(url).status_code == 404
    client.force_login(reviewer)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    assert Attachment.objects.filter(pk=evidence.pk).exists()


def test_only_the_units_reporter_may_remove_in_the_service(reporter_b, reviewer, evidence, in_h1):
    for user in (reporter_b, reviewer):
        with pytest.raises(PermissionDenied):
            workflow.attachment_remove(user=user, attachment=evidence)
    assert Attachment.objects.filter(pk=evidence.pk).exists()


def test_a_submitted_reports_evidence_cannot_be_removed(client, reporter_a, draft, evidence, in_h1):  # noqa: F811
    submit(draft, reporter_a)
    with pytest.raises(ValidationError):
        workflow.attachment_remove(user=reporter_a, attachment=evidence)
    client.force_login(reporter_a)
    response = client.post(reverse("reports:attachment_remove", args=[draft.pk, evidence.pk]), follow=True)
    assert "Báo cáo này không thể sửa nữa." in response.content.decode()
    assert Attachment.objects.filter(pk=evidence.pk).exists()
    assert not draft.events.filter(action=ReportEvent.Action.ATTACHMENT_REMOVED).exists()


def test_the_edit_page_offers_removal_inside_the_one_form(client, reporter_a, draft, evidence, in_h1):  # noqa: F811
    client.force_login(reporter_a)
    page = client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode()
    assert f'formaction="{reverse("reports:attachment_remove", args=[draft.pk, evidence.pk])}"' in page
    assert 'enctype="multipart/form-data"' in page and f'data-autosave="{draft.version}"' in page
