"""The review queue: the submitted reports a reviewer has to look at, a page at a time, and
accepting several of them at once."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from khuyenhoc.pagination import CountingPaginator
from programmes import access

from .. import rules, selectors
from ..forms import ReviewQueueForm
from ..links import report_link
from ..models import ProgressReport
from ..services import bulk

QUEUE_PAGE_SIZE = 50
_ID = re.compile(r"[0-9]{1,18}")


def _require_reviewer(user) -> None:
    if not access.has_role(user, *selectors.REVIEW_ROLES):
        raise PermissionDenied


@login_required
def review_queue(request):
    _require_reviewer(request.user)
    form = ReviewQueueForm(request.GET or None, user=request.user)
    reports = selectors.review_queue(request.user, **form.filters())
    page = CountingPaginator(reports, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": request.GET.urlencode(), "report_link": report_link()}
    return render(request, "reports/review_queue.html", context)


def _queue_url(query: str) -> str:
    """Back to the queue as the reviewer left it (filters and page): only a query string is
    taken from the form, never a whole address."""
    query = QueryDict(query).urlencode()
    return reverse("reports:review_queue") + (f"?{query}" if query else "")


def _skipped_message(skipped: list[ProgressReport], unseen: int) -> str:
    count = len(skipped) + unseen
    text = ngettext(
        "%(count)s report was not accepted: it is no longer waiting for review, or it is not yours to review.",
        "%(count)s reports were not accepted: they are no longer waiting for review, or they are not yours to review.",
        count,
    ) % {"count": count}
    names = "; ".join(f"{report.organisation} · {report.period}" for report in skipped)
    return f"{text} {names}" if names else text


@login_required
@require_POST
def review_accept(request):
    """Accept the reports ticked on the queue. The first POST shows what will be accepted;
    the second, with ``confirm``, accepts each through the service and tells what was skipped."""
    ids = sorted({int(value) for value in request.POST.getlist("report") if _ID.fullmatch(value)})
    visible = selectors.reports_visible_to(request.user).select_related("organisation__area")
    reports = list(visible.filter(pk__in=ids).order_by("submitted_at", "pk")) if ids else []
    if ids and not reports:
        raise Http404  # none is the user's to see: as for one report, nothing is told about them
    _require_reviewer(request.user)
    back = _queue_url(request.POST.get("query", ""))
    if not ids or len(ids) > bulk.BULK_LIMIT:
        messages.error(request, _("Tick between 1 and %(limit)s reports to accept.") % {"limit": bulk.BULK_LIMIT})
        return redirect(back)
    unseen = len(ids) - len(reports)
    if "confirm" not in request.POST:
        reviewable = rules.reviewable_units(request.user, [report.organisation for report in reports])
        ready = [r for r in reports if r.status == ProgressReport.Status.SUBMITTED and r.organisation_id in reviewable]
        skipped = [r for r in reports if r not in ready]
        context = {
            "reports": ready,
            "skipped": _skipped_message(skipped, unseen) if skipped or unseen else "",
            "back": back,
        }
        return render(
            request,
            "reports/review_accept.html",
            {**context, "query": QueryDict(request.POST.get("query", "")).urlencode()},
        )
    outcome = bulk.reports_accept(user=request.user, reports=reports)
    if outcome.accepted:
        count = len(outcome.accepted)
        messages.success(
            request,
            ngettext("%(count)s report was accepted.", "%(count)s reports were accepted.", count) % {"count": count},
        )
    if outcome.skipped or unseen:
        messages.warning(request, _skipped_message(outcome.skipped, unseen))
    return redirect(back)
