"""What a list's pupils were given, added up: pupils and đồng by decision and by source."""

from dataclasses import dataclass

from django.db.models import Count, Sum

from .models import ListEntry, PupilList


@dataclass
class Line:
    label: str
    pupils: int
    amount: int


def list_totals(pupil_list: PupilList) -> dict[str, list[Line]]:
    """{"decision": [...], "source": [...]}: each decision and each source with its pupils and
    đồng, in the order of their choices; pupils not decided yet are left out."""
    decided = pupil_list.entries.exclude(decision="")
    return {
        "decision": _lines(decided, "decision", ListEntry.Decision),
        "source": _lines(decided.exclude(source=""), "source", ListEntry.Source),
    }


def _lines(entries, field: str, choices) -> list[Line]:
    rows = {row[field]: row for row in entries.values(field).annotate(pupils=Count("pk"), amount=Sum("amount"))}
    return [
        Line(label, rows[value]["pupils"], rows[value]["amount"] or 0)
        for value, label in choices.choices
        if value in rows
    ]
