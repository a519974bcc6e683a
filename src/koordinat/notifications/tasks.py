"""Jobs of notifications: each is idempotent, so the worker may run it again after a failure."""

from django_tasks import task

from . import mail

# The job that writes an audit event's notices is `events.notify_event_job`; the daily reminders and
# digests are daily jobs (`reminders.send_reminders`, `reminders.send_digests_for`).


@task()
def send_notifications() -> int:
    """Mail the notices to be sent at once."""
    return mail.send_pending()
