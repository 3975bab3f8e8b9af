"""Celery tasks and the reminder sweep."""
