"""What the meeting services share: the local day of a moment."""

import datetime

from django.utils import timezone


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()
