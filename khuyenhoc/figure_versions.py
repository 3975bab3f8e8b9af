"""Versions of each province's figures, kept in the cache, so that a cached page is thrown
away when the data it shows changes, and only then.

Every figure a dashboard shows belongs to a plan, and every plan to an area. There is one
counter per province (the first two steps of an area's path: ``VN/P25/`` for
``VN/P25/W04795/``; a historical province has its own) and one for the nation:

- a change that alters a plan's figures bumps, once its transaction commits, the counter of
  the plan's province and the nation's (for a national plan, the nation's alone);
- a page scoped to some areas puts into its cache key the counters of those areas'
  provinces, or the nation's alone when its scope is the whole country (every change bumps
  that one).

So a submission in province P refreshes P's dashboards and the national ones, never province
Q's; a draft saved anywhere, which no figure counts, bumps nothing. A reader takes the
versions before it computes, so a page computed while a change commits is stored under the
old versions and never served after the bump. A change made behind the services' back (the
shell, a data load) shows once the cached page expires.

A counter starts at the current time in nanoseconds rather than at 1, so that a counter lost
(evicted, Redis restarted) and created again never repeats a version that old entries were
stored under. With the cache unreachable, ``stamp`` returns None (compute without the cache)
and ``bump`` does nothing: nothing is lost but time.
"""

import logging
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

NATION = "nation"
logger = logging.getLogger(__name__)


def guarded(action, default=None):
    """``action()`` on the cache, or ``default`` if the cache cannot be reached. Backends raise
    their own connection errors (redis, sockets), hence the broad except; nothing is lost but time."""
    try:
        return action()
    except Exception as error:  # noqa: BLE001
        logger.warning("Cache unavailable, working without it: %s", type(error).__name__)
        return default


def province_of(path: str) -> str:
    """The counter an area's data is versioned under: its province's, or the nation's."""
    parts = [part for part in path.split("/") if part]
    return NATION if len(parts) < 2 else "/".join(parts[:2]) + "/"


def _key(counter: str) -> str:
    return f"figures-version:{counter}"


def stamp(paths: Iterable[str] | None) -> str | None:
    """The versions of the figures under ``paths`` (None: the whole country), as one string to
    put into a cache key; None when the cache is unreachable."""
    counters = {NATION} if paths is None else {province_of(path) for path in paths}
    if NATION in counters:
        counters = {NATION}
    keys = sorted(_key(counter) for counter in counters)

    def read():
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                cache.add(key, time.time_ns(), timeout=None)
                found[key] = cache.get(key)
        return ",".join(f"{key}={found[key]}" for key in keys)

    return guarded(read)


def bump(paths: Iterable[str]) -> None:
    """Invalidate what was cached from the figures of the plans in areas ``paths``."""
    counters = {NATION} | {province_of(path) for path in paths}

    def run():
        for counter in sorted(counters):
            try:
                cache.incr(_key(counter))
            except ValueError:  # never read yet, or lost: any fresh start will do
                cache.set(_key(counter), time.time_ns(), timeout=None)

    guarded(run)


def bump_on_commit(paths: Iterable[str]) -> None:
    """``bump(paths)`` once the current transaction commits (at once outside one)."""
    paths = list(paths)
    transaction.on_commit(lambda: bump(paths))
