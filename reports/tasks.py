"""Celery tasks of the reports app: thin wrappers that take ids."""

from celery import shared_task

from . import period_totals


# Safe to run twice: the second run finds the totals built and builds nothing.
@shared_task(acks_late=True)
def build_period_totals(period_id: int) -> bool:
    """Build a period's totals for the next reader of its page, unless they are built already."""
    return period_totals.ensure(period_id)
