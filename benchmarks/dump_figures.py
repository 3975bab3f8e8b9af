"""Every period's consolidated figures, one JSON line per period: the counts, each indicator's
total, each side's score and each commitment's result with the units' statuses.

For checking that a change of code or a migration moves no figure: dump before, migrate or
switch the code, dump again, compare. Issue 14's parties were checked so on the demo and on the
national data set (684 periods, identical)::

    DEBUG=1 DATABASE_URL=... .venv/bin/python benchmarks/dump_figures.py /tmp/before.jsonl
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")

import django  # noqa: E402

django.setup()

from reports.models import ReportingPeriod  # noqa: E402
from reports.services.consolidation import consolidate  # noqa: E402


def figures(period) -> dict:
    c = consolidate(period.plan, period, texts=True)
    return {
        "period": period.pk,
        "counts": [c.expected, c.received, c.accepted, c.returned],
        "totals": [[t.indicator.pk, str(t.value), t.units] for t in c.totals],
        "scores": sorted([s.party, s.done, s.total, s.not_applicable] for s in c.scores),
        "rows": [
            [r.commitment.pk, r.done, r.not_applicable, {side: sorted(st) for side, st in r.statuses.items()}]
            for r in c.rows
        ],
        "texts": [len(c.results), len(c.shortcomings), len(c.proposals)],
    }


def main() -> None:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for period in ReportingPeriod.objects.select_related("plan__area").order_by("pk"):
            out.write(json.dumps(figures(period), ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
