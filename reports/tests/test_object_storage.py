"""Uploads work on object storage as on the disk, and are only ever served by the portal.

``Bucket`` stands for an S3 bucket: files live outside MEDIA_ROOT, and a link to the bucket
(``url()``) is never to be handed out, because the bucket is private and every download must
pass the portal's permission check."""

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import Plan
from programmes.tests.test_plan_views import PDF as SCAN
from programmes.tests.test_plan_views import plan_data
from reports.models import Attachment

from .test_views import draft, form_data  # noqa: F401 (the fixture)

EVIDENCE = b"%PDF-1.4\nbien ban hoi nghi\n%%EOF"


class Bucket(InMemoryStorage):
    opened: list[str] = []

    def url(self, name):
        raise AssertionError("A page linked to the bucket instead of the portal's download view.")

    def _open(self, name, mode="rb"):
        Bucket.opened.append(name)
        return super()._open(name, mode)


@pytest.fixture
def bucket(settings):
    Bucket.opened = []
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.Bucket"}}
    yield
    Bucket.opened = []


def test_evidence_is_stored_in_the_bucket_and_downloaded_through_the_portal(
    client, reporter_a, reviewer, outsider, draft, in_h1, bucket, settings
):  # noqa: F811
    client.force_login(reporter_a)
    data = form_data(draft, attach="1", file=SimpleUploadedFile("bien-ban.pdf", EVIDENCE))
    client.post(reverse("reports:attachment_add", args=[draft.pk]), data)
    attachment = Attachment.objects.get()
    assert isinstance(attachment.file.storage._wrapped, Bucket)
    assert default_storage.exists(attachment.file.name)
    assert not (settings.MEDIA_ROOT / attachment.file.name).exists()
    url = reverse("reports:attachment_download", args=[draft.pk, attachment.pk])
    assert url in client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode()

    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bien-ban.pdf"')
    assert b"".join(response.streaming_content) == EVIDENCE
    assert Bucket.opened == [attachment.file.name]  # streamed from the storage, not from a disk path
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_a_signed_scan_is_stored_in_the_bucket_and_downloaded_through_the_portal(
    client, world, editor, outsider, bucket, settings
):
    client.force_login(editor)
    client.post(
        reverse("programmes:plan_create"), {**plan_data(world), "scan": SimpleUploadedFile("ke-hoach.pdf", SCAN)}
    )
    plan = Plan.objects.get()
    assert default_storage.exists(plan.scan.name)
    assert not (settings.MEDIA_ROOT / plan.scan.name).exists()
    response = client.get(reverse("programmes:plan_scan", args=[plan.pk]))
    assert b"".join(response.streaming_content) == SCAN
    client.force_login(outsider)
    assert client.get(reverse("programmes:plan_scan", args=[plan.pk])).status_code == 404
