"""Addresses the pages build many of at once."""

from django.urls import reverse


def report_link() -> str:
    """The report page's address without its id, for lists that link each row to its report
    (``{{ report_link }}{{ report.pk }}/``): reversing the address once per row was a large part
    of a list's time (issue 12)."""
    return reverse("reports:report_detail", args=[0]).removesuffix("0/")
