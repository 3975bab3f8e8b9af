"""``{% report_status state %}``: a report's state as a badge, in one function rather than a
template included once per row (a list of fifty reports spent more on the includes than on its
query, issue 12). ``reports/includes/_report_status.html`` calls it for the other pages."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

register = template.Library()

BADGES = {
    "due": ("report-due", _("To file")),
    "overdue": ("report-overdue", _("Overdue")),
    "locked": ("report-locked", _("Closed")),
    "draft": ("report-draft", pgettext_lazy("report", "Draft")),
    "returned": ("report-returned", _("Returned")),
    "submitted": ("report-submitted", _("Submitted")),
    "accepted": ("report-accepted", _("Accepted")),
}


@register.simple_tag
def report_status(state) -> str:
    badge = BADGES.get(state)
    return format_html('<span class="badge {}">{}</span>', *badge) if badge else ""
