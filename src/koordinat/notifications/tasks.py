"""Jobs of notifications: each is idempotent, so the worker may run it again after a failure."""

import datetime

from django_tasks import task

from . import mail

# The job that writes an audit event's notices is `events.notify_event_job`.


@task()
def send_notifications() -> int:
    """Mail the notices to be sent at once."""
    return mail.send_pending()


@task()
def send_digests(day: str) -> int:
    """Mail the daily digests of `day` (ISO date); the schedule runs it each morning for the day before."""
    return mail.send_digests(day=datetime.date.fromisoformat(day))
