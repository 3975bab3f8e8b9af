"""Writing rows in large batches, with their history records or the times set on them."""

from collections import Counter
from contextlib import contextmanager

from simple_history.utils import bulk_create_with_history

from reports.models import ProgressReport, ReportEvent

BATCH = 5000


@contextmanager
def _given_times():
    """Let ``bulk_create`` keep the times set on reports and events instead of now."""
    fields = [
        (ProgressReport._meta.get_field("created_at"), "auto_now_add"),
        (ProgressReport._meta.get_field("updated_at"), "auto_now"),
        (ReportEvent._meta.get_field("at"), "auto_now_add"),
    ]
    saved = [(f, attribute, getattr(f, attribute)) for f, attribute in fields]
    try:
        for f, attribute in fields:
            setattr(f, attribute, False)
        yield
    finally:
        for f, attribute, value in saved:
            setattr(f, attribute, value)


def _insert(model, objects: list, counts: Counter) -> list:
    if objects:
        model.objects.bulk_create(objects, batch_size=BATCH)
        counts[model.__name__] += len(objects)
    return objects


def _with_history(objects: list, model, counts: Counter) -> list:
    created = bulk_create_with_history(objects, model, batch_size=BATCH)
    counts[model.__name__] += len(objects)
    if any(o.pk is None for o in created):  # a database that does not return keys
        raise RuntimeError(f"{model.__name__}: the database did not return the new keys.")
    return created
