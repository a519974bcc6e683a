"""E-mails about meetings, sent after the transaction that caused them has committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from . import documents
from .models import Meeting, Minutes


def participant_addresses(meeting: Meeting) -> list[str]:
    """The e-mail of every participant who is a person with an address, each once."""
    addresses: dict[str, None] = {}
    for participant in meeting.participants.select_related("person__user"):
        person = participant.person
        if person is None:
            continue
        user = getattr(person, "user", None)
        address = person.email or (user.email if user is not None else "")
        if address:
            addresses.setdefault(address.lower(), None)
    return list(addresses)


def _link(path: str) -> str:
    return getattr(settings, "KOORDINAT_BASE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def send_invitations(meeting_pk: int) -> int:
    meeting = Meeting.objects.select_related("body").get(pk=meeting_pk)
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
        subject = _("Invitation: %(title)s, %(when)s") % {"title": meeting.title, "when": when}
        body = _(
            "You are invited to meeting No. %(number)d of %(body)s on %(when)s.\n\nThe meeting's page: %(link)s"
        ) % {
            "number": meeting.number,
            "body": meeting.body.name,
            "when": when,
            "link": _link(reverse("meetings:meeting", args=[meeting.pk])),
        }
        calendar = documents.ics(meeting, language)
    sent = 0
    for address in participant_addresses(meeting):
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        message.attach("meeting.ics", calendar, "text/calendar; method=REQUEST; charset=utf-8")
        sent += message.send()
    return sent


def send_minutes_for_comments(minutes_pk: int) -> int:
    minutes = Minutes.objects.select_related("meeting__body").get(pk=minutes_pk)
    meeting = minutes.meeting
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Minutes No. %(number)s for your comments") % {"number": minutes.number}
        body = _(
            "The draft minutes of meeting No. %(meeting)d of %(body)s wait for your comments: %(link)s"
        ) % {
            "meeting": meeting.number,
            "body": meeting.body.name,
            "link": _link(reverse("meetings:meeting", args=[meeting.pk])),
        }
    addresses = participant_addresses(meeting)
    if not addresses:
        return 0
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, bcc=addresses).send()
