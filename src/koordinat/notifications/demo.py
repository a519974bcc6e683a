"""The demo's reminders: the daily run replayed over the last weeks of the demo's year.

The execution and meetings loaders replay the year through the services; the reminders of the days
just before the demo's today are then sent as the workers would have sent them each morning, each
on its day (`clock.at`), about what is still not done. Their e-mails are queued for the worker, which
`make demo` starts (var/mail/)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from koordinat.core import clock

from .models import Notification
from .reminders import send_reminders

DAYS = 30  # calendar days before today: every step of the ladder, 10 working days before to 7 after
MORNING = datetime.time(5, 0)


def load(today: datetime.date | None = None) -> dict[str, int]:
    """Run each day's reminders once; a database that already has reminders is left as it is."""
    if Notification.objects.filter(key__startswith="ladder:").exists():
        return {"reminders": 0}
    today = today or clock.today()
    zone = ZoneInfo(settings.TIME_ZONE)
    for days_ago in range(DAYS, -1, -1):
        day = today - datetime.timedelta(days=days_ago)
        with clock.at(datetime.datetime.combine(day, MORNING, tzinfo=zone)):
            send_reminders(day=day)
    return {"reminders": Notification.objects.filter(key__startswith="ladder:").count()}
