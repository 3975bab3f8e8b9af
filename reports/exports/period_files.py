"""The period's consolidated .docx and .xlsx, built once per version of what they show and served again.

A national period's files take seconds to build and are downloaded again and
again before a review conference, while most of what they show no longer
changes. The built bytes are kept in Django's cache (Redis in production)
under the kind of file, the period and ``period_version``: a fingerprint of
every row the files are made from, read in a few small queries. Any change to
those rows gives a new key, so a stale file is never served; a draft saved
changes nothing the files show and keeps the key.

The cache only saves time: when it cannot be reached (Redis down), the file is
built for every download, as before.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from khuyenhoc.figure_versions import guarded
from programmes.models import Commitment, Indicator, Plan, PlanParty, Section

from ..models import ProgressReport, Proposal, ReportEvent, ReportingPeriod, ReportingUnit
from ..rules import RECEIVED
from ..services.consolidation import consolidate
from .docx import consolidation_docx
from .xlsx import consolidation_xlsx

KINDS = ("docx", "xlsx")
TIMEOUT = 24 * 60 * 60  # a version no longer asked for leaves the cache on its own


def _code_version() -> str:
    """The code that lays the files out (and the Vietnamese catalogue): a deployment that changes
    them must not serve files built by the previous one."""
    root = Path(__file__).resolve().parent
    files = sorted(root.rglob("*.py")) + [root.parent / "services" / "consolidation.py"]
    files += sorted(Path(settings.BASE_DIR, "locale").rglob("*.mo"))
    digest = hashlib.md5(usedforsecurity=False)
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()


def period_file(period: ReportingPeriod, kind: str) -> bytes:
    """The consolidated ``kind`` ("docx" or "xlsx") file of ``period``, from the cache when
    nothing it shows has changed since it was built."""
    if kind not in KINDS:
        raise ValueError(kind)
    # The version is read before the data: a change made while building gives a newer file
    # under the older key, never an older file under the newer key.
    key = f"exports:period:{kind}:{period.pk}:{CODE_VERSION}:{period_version(period)}"
    content = guarded(lambda: cache.get(key))
    if content is None:
        content = build_period_file(period, kind)
        guarded(lambda: cache.set(key, content, TIMEOUT))
    return content


def build_period_file(period: ReportingPeriod, kind: str) -> bytes:
    consolidation = consolidate(period.plan, period)
    if kind == "docx":
        return consolidation_docx(consolidation)
    reports = period.reports.filter(status__in=RECEIVED).select_related("organisation__area")
    return consolidation_xlsx(consolidation, reports)


def period_version(period: ReportingPeriod) -> str:
    """A fingerprint of everything the period's files show: the period and its plan (title,
    number, place, area, parties and their signatories, sections, commitments, indicators), the
    units that must report, and every report counted or returned (status, unit, its area, when
    it last changed), their proposals and answers, their events.

    A received report is read-only: its texts, statuses and figures change only through the
    services, which save the report (``updated_at``) and record an event. Drafts are left out:
    saving one changes no file. Every plan part is read whole, so even a change made past the
    services shows. At national scale this is a few thousand short rows, in milliseconds.
    """
    plan_id = period.plan_id
    reports = ProgressReport.objects.filter(period=period, status__in=(*RECEIVED, ProgressReport.Status.RETURNED))
    parts = [
        ReportingPeriod.objects.filter(pk=period.pk).values_list(*_fields(ReportingPeriod)),
        Plan.objects.filter(pk=plan_id).values_list("title", "number", "place", "updated_at", "area__name"),
        PlanParty.objects.filter(plan_id=plan_id)
        .order_by("pk")
        .values_list(*_fields(PlanParty), "organisation__name", "organisation__side"),
        Section.objects.filter(plan_id=plan_id).order_by("pk").values_list(*_fields(Section)),
        Commitment.objects.filter(plan_id=plan_id).order_by("pk").values_list(*_fields(Commitment)),
        Indicator.objects.filter(commitment__plan_id=plan_id).order_by("pk").values_list(*_fields(Indicator)),
        ReportingUnit.objects.filter(plan_id=plan_id).order_by("organisation_id").values_list("organisation_id"),
        reports.order_by("pk").values_list(
            "pk",
            "status",
            "updated_at",
            "submitted_at",
            "organisation_id",
            "organisation__name",
            "organisation__side",
            "organisation__area__name",
            "organisation__area__path",
            "organisation__area__level",
        ),
        Proposal.objects.filter(report__in=reports).order_by("pk").values_list("pk", "report_id", "text", "answer"),
    ]
    digest = hashlib.md5(usedforsecurity=False)
    for rows in parts:
        for row in rows:
            digest.update(repr(row).encode())
        digest.update(b"|")
    events = ReportEvent.objects.filter(report__in=reports).aggregate(count=Count("pk"), last=Max("pk"))
    digest.update(repr(sorted(events.items())).encode())
    return digest.hexdigest()


def _fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]
