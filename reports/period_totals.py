"""The totals of a period's page, the same for every reader, page of units and language: built by
the first reader after they change and shared by the others.

``consolidate(plan, period, texts=False)`` (counts, indicator totals, the scorecard and the
proposals) is most of the cost of building a period page. The page's body is cached per reader,
page of units and language, and is built again when a unit starts a report (its row shows the
draft); the totals change in none of these cases, only when the figures of the plan's province
get a new version (``khuyenhoc.figure_versions``: a report sent, returned, accepted or reopened, a
proposal answered, the plan or its periods edited). So they are cached on their own, under that
version alone: a reviewer opening the second page of units, a leader reading in English or any
reader after a unit started its draft finds them built.

Building them when a report moves, for the next reader, was tried and left out: a bulk
acceptance of fifty reports would build them fifty times in the reviewer's request.
"""

import hashlib

from django.core.cache import cache

from khuyenhoc import figure_versions

from .models import ReportingPeriod
from .services.consolidation import Consolidation, consolidate

TIMEOUT = 60 * 60  # a version no longer read leaves the cache on its own


def for_page(period: ReportingPeriod) -> Consolidation:
    """The period's totals as its page shows them, from the cache while their version holds; when
    the cache cannot be reached, built every time."""
    key = _key(period)
    found = figure_versions.guarded(lambda: cache.get(key)) if key else None
    if found is None:
        found = consolidate(period.plan, period, texts=False)
        if key:
            figure_versions.guarded(lambda: cache.set(key, found, TIMEOUT))
    return found


def _key(period: ReportingPeriod) -> str | None:
    """None when the cache cannot be reached. The version is read before the data, so totals
    built while a change commits are stored under the old version and never served after it."""
    stamp = figure_versions.stamp([period.plan.area.path])
    if stamp is None:
        return None
    return f"period-totals:{period.pk}:{hashlib.sha256(stamp.encode()).hexdigest()[:32]}"
