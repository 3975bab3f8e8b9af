"""Reviewing many reports at once, one report at a time."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from feed import events as feed_events

from ..models import ProgressReport
from . import workflow

# The most reports one bulk acceptance takes: two pages of the review queue.
BULK_LIMIT = 100


@dataclass
class BulkAcceptance:
    accepted: list[ProgressReport] = field(default_factory=list)
    skipped: list[ProgressReport] = field(default_factory=list)


def reports_accept(*, user, reports: list[ProgressReport]) -> BulkAcceptance:
    """Accept each of ``reports`` through ``workflow.report_accept``, which checks the user may
    review it, locks it and records who accepted it and when.

    Deliberately not one transaction: each report is accepted in its own, so a report that was
    returned (or accepted by someone else) since the reviewer ticked it is skipped and the
    others still count, and no lock is held on the whole selection at once. The plans' feeds
    then say it once for each half-year, naming the units (``feed.events.reports_accepted``)."""
    if len(reports) > BULK_LIMIT:
        raise ValidationError(_("Accept at most %(limit)s reports at once.") % {"limit": BULK_LIMIT})
    outcome = BulkAcceptance()
    for report in reports:
        try:
            outcome.accepted.append(workflow.report_accept(user=user, report=report, announce=False))
        except (PermissionDenied, ValidationError):
            outcome.skipped.append(report)
    with transaction.atomic():
        feed_events.reports_accepted(outcome.accepted)
    return outcome
