"""The body of a period's page: who has reported, and the consolidation. Built once per version of
what it shows and served again from the cache.

The body is the page's work: a table of every unit the plan expects (hundreds for a national or a
province plan) and the plan's totals, about forty milliseconds at national scale, read again and
again by the reviewers and leaders who follow the period. The totals, about half of it, are the same
for every reader and cached on their own (``reports/period_totals.py``). The body changes only
when one of these does:

- a report's status (submitted, returned, accepted, reopened), a proposal answered, the plan, its
  periods or its units: the services bump the figures' version of the plan's province
  (``khuyenhoc.figure_versions``), whose stamp is in the key;
- a unit starting a report (its row shows the draft): the number of the period's reports is in
  the key (a report is never deleted);
- the day (what is late, when a unit may be reopened, the date a reopen form proposes);
- what the reader may do (the reopen forms are for the units they review) and their language:
  the reader's memberships and the language are in the key;
- which page of the units is shown (``selectors.UNITS_PER_PAGE`` at a time; a national plan has
  thousands): any page number asked for is read as one of the pages there are, so that no
  request fills the cache with pages that do not exist.

A draft saved changes none of them, so in the filing week the body is built again only when a
report of the plan's province moves. The body holds nothing of the reader's session: the reopen
fields of its rows belong to one form outside it, which carries the CSRF token. As everywhere,
the cache only saves time: when it cannot be reached, the body is built for every request.
"""

import hashlib
from functools import cached_property

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from khuyenhoc import figure_versions, pagination
from khuyenhoc.dates import date_inputs
from programmes import access

from . import period_totals, rules, selectors
from .links import report_link
from .models import ProgressReport, ReportingPeriod, ReportingUnit
from .rules import today

TIMEOUT = 60 * 60  # a version no longer read leaves the cache on its own
REOPEN_FORM = "reopen"  # the id of the page's one reopen form, which each row's field and button name


def body(user, period: ReportingPeriod, page_number=1) -> SafeString:
    """The period page's tables for ``user``, with the ``page_number``th page of its units, from the
    cache while nothing they show has changed."""
    pages = -(-ReportingUnit.objects.filter(plan_id=period.plan_id).count() // selectors.UNITS_PER_PAGE)
    page_number = pagination.page_number(page_number, pages)  # any other asked for is one of these
    key = cache_key(user, period, page_number)
    content = figure_versions.guarded(lambda: cache.get(key)) if key else None
    if content is None:
        content = render_to_string("reports/_period_body.html", {"page": _Body(user, period, page_number)})
        if key:
            figure_versions.guarded(lambda: cache.set(key, content, TIMEOUT))
    return SafeString(content)


def cache_key(user, period: ReportingPeriod, page_number=1) -> str | None:
    """The key of the body as ``user`` sees it now; None when the cache cannot be reached. The
    version is read before the data, so a body built while a change commits is stored under the
    old version and never served after it."""
    stamp = figure_versions.stamp([period.plan.area.path])
    if stamp is None:
        return None
    reports = ProgressReport.objects.filter(period=period).count()
    reader = sorted((m.role, m.organisation_id) for m in access.memberships_of(user))
    parts = f"{stamp}:{reports}:{today()}:{get_language()}:{access.is_unrestricted(user)}:{reader}:{page_number}"
    return f"period-page:{period.pk}:{hashlib.sha256(parts.encode()).hexdigest()[:32]}"


class _Body:
    """What the body shows, computed only when the template reads it (not on a cache hit)."""

    def __init__(self, user, period: ReportingPeriod, page_number):
        self.user, self.period, self.page_number = user, period, page_number

    @cached_property
    def consolidation(self):
        return period_totals.for_page(self.period)

    @cached_property
    def table(self) -> tuple:
        return completeness_table(self.user, self.period, self.page_number)

    @property
    def units(self):
        """The page of units shown (for the links to the others)."""
        return self.table[0]

    @property
    def rows(self) -> list[dict]:
        return self.table[1]


def completeness_table(user, period: ReportingPeriod, page_number=1) -> tuple:
    """A page of the units (``selectors.completeness``) and its rows, ready to print. A URL
    reversed, an include and a date field rendered per row were most of the page's time, so the
    links are one reversed prefix and an id (as the dashboard's unit grid and the lists), the
    status badge is a tag, and the reopen date field is rendered once and filled in per row."""
    units, rows = selectors.completeness(period.plan, period, page_number)
    reviewable = rules.reviewable_units(user, [row.organisation for row in rows])
    link = report_link()
    reopen_link = reverse("reports:report_reopen", args=[period.plan_id, period.pk, 0]).removesuffix("0/")
    # Named "until-<unit>" and tied to the page's one form: the button of a row sends its own date.
    until_field = date_inputs(
        "until-__id__", id_prefix="until-", form=REOPEN_FORM, **{"class": "form-control form-control-sm"}
    )
    table = []
    for row in rows:
        report, unit = row.report, row.organisation
        reopen = row.can_reopen and unit.pk in reviewable
        table.append(
            {
                "organisation": unit,
                "href": f"{link}{report.pk}/" if report else None,
                "status": report.status if report else None,
                "timing": row.timing,
                "deadline": row.deadline,
                "reopen_action": f"{reopen_link}{unit.pk}/" if reopen else None,
                "until_field": until_field(unit.pk, row.reopen_until) if reopen else None,
            }
        )
    return units, table
