"""The demo: its executor, head and coordinator find reminders of the replayed year, unread."""

import pytest
from django.core.management import call_command

from koordinat.accounts.models import User
from koordinat.notifications import mail
from koordinat.notifications.models import Notification

DEMO_USERS = {
    "executor": "asmar.zeynalova@eco.koordinat.test",
    "head": "rustam.nabiyev@eco.koordinat.test",
    "coordinator": "elchin.ibrahimov@center.koordinat.test",
}


@pytest.mark.django_db
def test_the_demos_people_find_unread_reminders(mailoutbox):
    call_command("demo-data")
    for role, email in DEMO_USERS.items():
        user = User.objects.get(email=email)
        unread = Notification.objects.of(user).unread()
        assert unread.filter(key__startswith="ladder:").exists(), role
        assert all(notice.text(user.language) for notice in unread)
    # What the worker does after the load (the job queued when the reminders were written).
    assert mail.send_pending() > 0
    to_executor = [message for message in mailoutbox if message.to == [DEMO_USERS["executor"]]]
    assert to_executor
    assert all(message.alternatives for message in to_executor)  # HTML beside plain text
    reminders = Notification.objects.filter(key__startswith="ladder:").count()
    call_command("demo-data")
    assert Notification.objects.filter(key__startswith="ladder:").count() == reminders  # loaded once
