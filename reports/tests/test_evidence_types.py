"""Evidence and scans are stored under generated names with the extension of what they are,
served as that type and as a download, and evidence is limited to what a report needs."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import Plan
from programmes.tests.test_plan_views import plan_data

from .test_views import draft, form_data  # noqa: F401 (the fixture)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
POLYGLOT = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"


def zipped(**members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


def attach(client, report, name, content):
    data = form_data(report, attach="1", file=SimpleUploadedFile(name, content, content_type="text/html"))
    return client.post(reverse("reports:attachment_add", args=[report.pk]), data)


def download(client, attachment):
    return client.get(reverse("reports:attachment_download", args=[attachment.report_id, attachment.pk]))


@pytest.mark.parametrize(
    "uploaded, content, stored, shown, content_type",
    [
        ("setup.exe", PNG, ".png", "setup.png", "image/png"),
        ("x.html", POLYGLOT, ".pdf", "x.pdf", "application/pdf"),
        (
            "bien-ban.docx",
            zipped(**{"[Content_Types].xml": "<Types/>", "word__document.xml": "<w:document/>"}),
            ".docx",
            "bien-ban.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_evidence_is_stored_and_served_as_what_it_is(
    client, reporter_a, draft, in_h1, uploaded, content, stored, shown, content_type
):  # noqa: F811
    client.force_login(reporter_a)
    attach(client, draft, uploaded, content)
    attachment = draft.attachments.get()
    assert attachment.file.name.endswith(stored)
    assert uploaded.rsplit(".", 1)[0] not in attachment.file.name  # a generated name on disk
    assert attachment.name == shown
    response = download(client, attachment)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{shown}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    "name, content",
    [
        ("bao-cao.zip", zipped(**{"index.html": "<script>alert(1)</script>"})),
        ("bao-cao.docx", zipped(**{"[Content_Types].xml": "<Types/>", "word__other.xml": "<x/>"})),
        ("trang.html", b"<html><script>alert(1)</script></html>"),
        ("anh.tif", b"II*\x00" + b"\x00" * 32),
        ("hong.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_other_files_are_refused_as_evidence(client, reporter_a, draft, in_h1, name, content):  # noqa: F811
    client.force_login(reporter_a)
    response = attach(client, draft, name, content)
    assert not draft.attachments.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Hãy đính kèm tệp PDF, ảnh hoặc tài liệu Word, Excel, PowerPoint." in page


def test_a_legacy_word_document_is_accepted_as_doc(client, reporter_a, draft, in_h1):  # noqa: F811
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le") + b"\x00" * 64
    client.force_login(reporter_a)
    attach(client, draft, "cong-van", legacy)
    attachment = draft.attachments.get()
    assert attachment.file.name.endswith(".doc") and attachment.name == "cong-van.doc"
    assert download(client, attachment)["Content-Type"] == "application/msword"


def test_a_file_stored_under_its_uploaded_name_before_is_served_inert(client, reporter_a, draft, in_h1):  # noqa: F811
    from django.core.files.base import ContentFile

    old = draft.attachments.create(file=ContentFile(b"<html>", name="trang.html"), name="trang.html")
    client.force_login(reporter_a)
    response = download(client, old)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="trang.bin"'


def test_a_plan_scan_is_stored_and_served_as_what_it_is(client, world, editor):
    client.force_login(editor)
    scan = SimpleUploadedFile("ke-hoach.html", PNG, content_type="text/html")
    client.post(reverse("programmes:plan_create"), {**plan_data(world), "scan": scan})
    plan = Plan.objects.get()
    assert plan.scan.name.endswith(".png") and "ke-hoach" not in plan.scan.name
    response = client.get(reverse("programmes:plan_scan", args=[plan.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="ke-hoach-{plan.pk}.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
