"""Serving stored uploads: always as a download, with the type their content was checked to be."""

from django.http import FileResponse

from .validators import CONTENT_TYPES, display_name


def file_download(stored, name: str) -> FileResponse:
    """The stored file as an attachment named ``name``, typed by its (generated) extension.

    A file stored before names were generated may carry any extension: it goes out as
    ``application/octet-stream`` under a ``.bin`` name, so no browser renders it."""
    extension = stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
    if extension not in CONTENT_TYPES:
        extension = "bin"
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=display_name(name, extension), content_type=content_type
    )
