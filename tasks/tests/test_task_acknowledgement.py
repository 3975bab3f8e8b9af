"""Which Celery tasks are acknowledged late, and so run again when their worker dies mid-task."""

from khuyenhoc.celery import app


def project_tasks() -> dict[str, bool]:
    """Every task of the portal's apps (Celery's own left out), with its acks_late."""
    app.loader.import_default_modules()
    return {name: task.acks_late for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_only_the_idempotent_tasks_are_acknowledged_late():
    # A new task fails here until someone decides whether running it twice is harmless.
    assert project_tasks() == {
        "tasks.tasks.send_reminders_batch": True,  # claims its rows with a conditional UPDATE
        "tasks.tasks.send_reminder": True,  # the same claim
        "tasks.tasks.sweep_reminders": True,  # records each reminder once (unique key)
        "tasks.tasks.send_password_reset": False,  # run twice, it would send two links
        "tasks.tasks.clear_expired_sessions": True,  # deleting what has expired twice deletes nothing more
        "reports.tasks.build_period_totals": True,  # a second run finds the totals built
        "feed.tasks.notify_readers": True,  # claims its entry with a conditional UPDATE, in the notifying transaction
        "feed.tasks.send_weekly_digests": True,  # records each person's week once, in the transaction that sends it
    }


def test_acks_late_is_not_switched_on_for_every_task():
    assert app.conf.task_acks_late is False
