"""The totals of a period's page, the same for every reader, page of units and language: built once
per version of the figures (by a worker when a report moves, else by the first reader) and shared.

``consolidate(plan, period, texts=False)`` (counts, indicator totals, the scorecard and the
proposals) is most of the cost of building a period page. The page's body is cached per reader,
page of units and language, and is built again when a unit starts a report (its row shows the
draft); the totals change in none of these cases, only when the figures of the plan's province
get a new version (``khuyenhoc.figure_versions``: a report sent, returned, accepted or reopened, a
proposal answered, the plan or its periods edited). So they are cached on their own, under that
version alone: a reviewer opening the second page of units, a leader reading in English or any
reader after a unit started its draft finds them built.

When a report moves, a worker builds them for the next reader (``prebuild_on_commit``), so that
only the first reader after an edit of the plan, or after the cache was emptied, adds them up
itself. Not in the request that moved the report: a bulk acceptance of fifty reports would build
them fifty times; the worker builds them once and finds them built for the other forty-nine.
Without a broker (tasks run in the request) nothing is built ahead.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from kombu.exceptions import OperationalError

from khuyenhoc import figure_versions

from .models import ReportingPeriod
from .services.consolidation import Consolidation, consolidate

TIMEOUT = 60 * 60  # a version no longer read leaves the cache on its own
# The shape of what is cached (a pickled ``Consolidation``): changed with its fields, so that a
# deployment never reads totals pickled by the code before it (2: scores by party, not by side;
# 3: with what the pupil lists gave).
SHAPE = 3
logger = logging.getLogger(__name__)


def for_page(period: ReportingPeriod) -> Consolidation:
    """The period's totals as its page shows them, from the cache while their version holds; when
    the cache cannot be reached, built every time."""
    key = _key(period)
    found = figure_versions.guarded(lambda: cache.get(key)) if key else None
    return found if found is not None else _build(period, key)


def prebuild_on_commit(period_id: int) -> None:
    """Once the change commits (after the version's bump, registered before), have a worker build
    the period's totals. Not without a broker, nor with ``PERIOD_TOTALS_PREBUILD`` off (the test
    suite, whose changes are mostly rolled back)."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.PERIOD_TOTALS_PREBUILD:
        return
    transaction.on_commit(lambda: _queue_build(period_id))


def _queue_build(period_id: int) -> None:
    """With the broker down, nothing is built ahead (the first reader builds the totals), and the
    change that was committed still answers as usual."""
    from .tasks import build_period_totals  # the task calls back into this module

    try:
        build_period_totals.delay(period_id)
    except OperationalError as error:
        logger.warning("Broker unavailable, period totals left to the first reader: %s", type(error).__name__)


def ensure(period_id: int) -> bool:
    """Build the period's totals unless they are cached under the current version; whether it
    built them. A period gone (its change rolled back) or an unreachable cache builds nothing."""
    period = ReportingPeriod.objects.select_related("plan__area").filter(pk=period_id).first()
    key = _key(period) if period else None
    if key is None or figure_versions.guarded(lambda: cache.get(key)) is not None:
        return False
    _build(period, key)
    return True


def _build(period: ReportingPeriod, key: str | None) -> Consolidation:
    totals = consolidate(period.plan, period, texts=False)
    if key:
        figure_versions.guarded(lambda: cache.set(key, totals, TIMEOUT))
    return totals


def _key(period: ReportingPeriod) -> str | None:
    """None when the cache cannot be reached. The version is read before the data, so totals
    built while a change commits are stored under the old version and never served after it."""
    stamp = figure_versions.stamp([period.plan.area.path])
    if stamp is None:
        return None
    return f"period-totals:{SHAPE}:{period.pk}:{hashlib.sha256(stamp.encode()).hexdigest()[:32]}"
