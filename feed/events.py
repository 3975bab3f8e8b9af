"""What other apps' services record in a plan's feed when something happens, each a one-line hook
in the service that makes it happen. Titles are written in the portal's language (Vietnamese),
as the e-mails are: the entry is read by everyone, whatever their browser's language."""

import hashlib
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.models import Organisation
from reports.models import half_year_label

from .models import Entry
from .services import record

Kind = Entry.Kind


def report_accepted(report) -> Entry | None:
    """A unit's report was accepted (``reports.services.workflow.report_accept``). Keyed by the
    report's version at acceptance: a retry of the same acceptance records nothing, while a report
    returned or reopened, sent again and accepted again is a new entry."""
    period = report.period
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Report accepted: %(unit)s, %(half)s") % {
            "unit": report.organisation,
            "half": half_year_label(period.year, period.half),
        }
    return record(
        plan=report.plan,
        kind=Kind.REPORT_ACCEPTED,
        title=title,
        link=reverse("reports:report_detail", args=[report.pk]),
        party=report.organisation,
        key=f"report_accepted:{report.pk}:{report.version}",
    )


def reports_accepted(reports) -> list[Entry]:
    """Reports accepted together (``reports.services.bulk.reports_accept``): one entry for each
    half-year among them, not one per report, so that a reviewer accepting forty reports notifies
    each reader once. A half-year with one report is told as ``report_accepted`` tells it; with
    several, the entry names the units and links to the half-year's page (for those who follow
    the plan). Keyed by the reports and their versions: a retry records nothing."""
    by_period = defaultdict(list)
    for report in reports:
        by_period[report.period_id].append(report)
    recorded = [report_accepted(group[0]) if len(group) == 1 else _many_accepted(group) for group in by_period.values()]
    return [entry for entry in recorded if entry is not None]


def _many_accepted(reports) -> Entry | None:
    period = reports[0].period
    names = Organisation.objects.filter(pk__in=[r.organisation_id for r in reports]).order_by("name")
    reports = sorted(reports, key=lambda r: r.pk)
    with translation.override(settings.LANGUAGE_CODE):
        title = ngettext(
            "%(count)s report accepted, %(half)s", "%(count)s reports accepted, %(half)s", len(reports)
        ) % {"count": len(reports), "half": half_year_label(period.year, period.half)}
        body = _("Units: %(names)s.") % {"names": ", ".join(names.values_list("name", flat=True))}
    versions = ",".join(f"{r.pk}:{r.version}" for r in reports)
    return record(
        plan=period.plan,
        kind=Kind.REPORT_ACCEPTED,
        title=title,
        body=body,
        link=reverse("reports:period_detail", args=[period.plan_id, period.pk]),
        key=f"reports_accepted:{period.pk}:{hashlib.sha256(versions.encode()).hexdigest()[:32]}",
    )


def list_sent(pupil_list) -> Entry | None:
    """A pupil list was sent to the receiving party (``awards.services.list_send``). The feed's
    readers are many more than the list's two parties: the entry says who sent what kind of list
    to whom and how many pupils, never a pupil's name, nor the list's own title (free text that
    could hold one). Keyed by the sending: a list returned and sent again is a new entry."""
    count = pupil_list.entries.count()
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(sender)s sent a list to %(receiver)s: %(kind)s, school year %(year)s") % {
            "sender": pupil_list.drawn_by,
            "receiver": pupil_list.received_by,
            "kind": pupil_list.get_kind_display(),
            "year": pupil_list.school_year_label,
        }
        body = ngettext("%(count)s pupil.", "%(count)s pupils.", count) % {"count": count}
    return record(
        plan=pupil_list.plan,
        kind=Kind.LIST_SENT,
        title=title,
        body=body,
        link=reverse("awards:list_detail", args=[pupil_list.pk]),
        party=pupil_list.drawn_by,
        key=f"list_sent:{pupil_list.pk}:{pupil_list.sent_at:%Y%m%dT%H%M%S%f}",
    )
