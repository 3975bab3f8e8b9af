"""The conference's minutes and conclusions notice, downloaded as Word documents."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from programmes.selectors import can_follow_plan, plans_visible_to
from reports.views.review import DOCX, download

from .documents import conclusions_notice_docx, minutes_docx
from .models import Conference


def _conference_for_follow(request, pk) -> Conference:
    """The conference of a plan the user sees (else 404) and follows the reporting of (else 403)."""
    conference = get_object_or_404(
        Conference.objects.select_related("plan__area", "period").filter(plan__in=plans_visible_to(request.user)),
        pk=pk,
    )
    if not can_follow_plan(request.user, conference.plan):
        raise PermissionDenied
    return conference


def _file_name(prefix: str, conference: Conference) -> str:
    """ASCII only, whatever the plan is called: "bien-ban-hoi-nghi-12-2026-h1.docx"."""
    period = conference.period
    return f"{prefix}-{conference.plan_id}-{period.year}-{period.half.lower()}.docx"


@login_required
@require_GET
def minutes_download(request, pk):
    conference = _conference_for_follow(request, pk)
    return download(minutes_docx(conference), _file_name("bien-ban-hoi-nghi", conference), DOCX)


@login_required
@require_GET
def notice_download(request, pk):
    conference = _conference_for_follow(request, pk)
    return download(conclusions_notice_docx(conference), _file_name("thong-bao-ket-luan", conference), DOCX)
