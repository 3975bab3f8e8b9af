"""The change history of a plan and of everything in it, read from django-simple-history."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Commitment, Indicator, Plan, PlanParty, Section

SKIPPED_FIELDS = {"id", "created_at", "updated_at", "search_text", "created_by", "plan"}
ACTIONS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)

    @property
    def action_display(self) -> str:
        return str(ACTIONS[self.action])


def plan_history(plan: Plan, limit: int = 500) -> list[Entry]:
    """Every recorded change of the plan, its parties, sections, commitments and
    indicators, newest first, in a fixed number of queries."""
    commitment_ids = Commitment.history.filter(plan_id=plan.pk).values("id")
    sources = [
        (Plan, Plan.history.filter(id=plan.pk), lambda row: _("Plan")),
        (PlanParty, PlanParty.history.filter(plan_id=plan.pk), lambda row: _("Party")),
        (
            Section,
            Section.history.filter(plan_id=plan.pk),
            lambda row: _("Section %(n)s") % {"n": row.number or row.title},
        ),
        (Commitment, Commitment.history.filter(plan_id=plan.pk), lambda row: _("Commitment %(n)s") % {"n": row.number}),
        (
            Indicator,
            Indicator.history.filter(commitment_id__in=commitment_ids),
            lambda row: _("Indicator “%(n)s”") % {"n": row.name},
        ),
    ]
    entries = []
    for model, rows, subject in sources:
        entries += _entries(
            model, list(rows.select_related("history_user").order_by("id", "history_date", "history_id")), subject
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _tracked_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _entries(model, rows, subject) -> list[Entry]:
    fields = _tracked_fields(model)
    labels = _foreign_labels(fields, rows)
    previous = {}
    entries = []
    for row in rows:
        before = previous.get(row.id)
        entry = Entry(
            when=row.history_date,
            who=(row.history_user.get_full_name() or row.history_user.get_username())
            if row.history_user
            else _("System"),
            action=row.history_type,
            subject=subject(row),
        )
        if row.history_type == "~" and before is not None:
            for f in fields:
                old, new = _value(f, before, labels), _value(f, row, labels)
                if old != new:
                    entry.changes.append(Change(str(f.verbose_name), old, new))
            if not entry.changes:
                previous[row.id] = row
                continue  # saved without a visible change
        entries.append(entry)
        previous[row.id] = row
    return entries


def _foreign_labels(fields, rows) -> dict:
    """Names of the objects that foreign keys point to, fetched once per model."""
    labels = {}
    for f in fields:
        if isinstance(f, models.ForeignKey):
            ids = {getattr(row, f.attname) for row in rows} - {None}
            related = f.related_model.objects.in_bulk(ids)
            labels[f.name] = {pk: str(obj) for pk, obj in related.items()}
    return labels


def _value(f, row, labels) -> str:
    if isinstance(f, models.ForeignKey):
        pk = getattr(row, f.attname)
        return "" if pk is None else labels[f.name].get(pk, f"#{pk}")
    value = getattr(row, f.attname)
    if value in (None, "", []):
        return ""
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(f, models.FileField):
        return value.name if hasattr(value, "name") else str(value)
    return str(value)
