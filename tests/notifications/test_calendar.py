"""Each person's calendar feed: a standard iCalendar file of what they may see, behind a secret address."""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from koordinat.core import clock, ical
from koordinat.notifications import services
from koordinat.notifications.models import CalendarToken
from tests.execution.test_services import write

APRIL = datetime.datetime(2026, 4, 1, 9, tzinfo=ZoneInfo("Asia/Baku"))


def feed_of(client, token, language="az"):
    return client.get(f"/{language}/notifications/calendar/{token}.ics")


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def april():
    with clock.at(APRIL):
        yield


def test_the_settings_page_shows_a_new_address_once(client, executor):
    client.force_login(executor)
    response = client.post("/az/notifications/settings/calendar/renew/")
    assert response.status_code == 302
    page = client.get("/az/notifications/settings/").content.decode()
    token = re.search(r"/az/notifications/calendar/([^/\"]+)\.ics", page).group(1)
    assert services.calendar_digest(token) == CalendarToken.objects.get(user=executor).digest
    assert "/notifications/calendar/" not in client.get("/az/notifications/settings/").content.decode()


def test_the_feed_parses_and_holds_the_readers_dates(
    client, april, executor, other_executor, lead_report, meeting
):
    host = ical.host()
    token = services.calendar_token_renew(actor=executor)
    found = events(feed_of(client, token))
    item = lead_report.item
    control = found[f"control-{item.pk}@{host}"]
    assert control.decoded("DTSTART") == item.control_date  # a whole day: VALUE=DATE
    assert control["DTSTART"].params.get("VALUE") == "DATE"
    assert str(control["SUMMARY"]) == f"Nəzarət tarixi: {item}"
    assert str(control["URL"]).endswith(f"/az/control/items/{item.pk}/")
    assert "DTSTAMP" in control
    report = found[f"report-{lead_report.pk}@{host}"]
    assert report.decoded("DTSTART") == datetime.date(2026, 4, 10)
    assert str(report["SUMMARY"]).startswith("Hesabatın təqdim edilmə tarixi: CTRL-1 1.1")
    # The ministry is invited to the working group's meeting: the same UID as its invitation.
    assert f"meeting-{meeting.pk}@{host}" in found
    # The co-executor's own report is not the ministry's to send.
    assert not any(uid.startswith("report-") and uid != f"report-{lead_report.pk}@{host}" for uid in found)


def test_the_feed_is_in_the_owners_language_and_leaves_out_what_is_sent(client, april, executor, lead_report):
    executor.language = "ru"
    executor.save(update_fields=["language"])
    write(executor, lead_report)
    token = services.calendar_token_renew(actor=executor)
    found = events(feed_of(client, token, "az"))
    summaries = [str(event["SUMMARY"]) for event in found.values()]
    assert any(summary.startswith("Контрольный срок: CTRL-1 1.1") for summary in summaries)
    from koordinat.execution import services as execution

    lead_report.refresh_from_db()
    execution.report_submit(actor=executor, report=lead_report, version=lead_report.version)
    assert f"report-{lead_report.pk}@{ical.host()}" not in events(feed_of(client, token))


def test_another_organisations_feed_shows_none_of_it(client, april, stranger, lead_report):
    token = services.calendar_token_renew(actor=stranger)
    found = events(feed_of(client, token))
    assert not [uid for uid in found if uid.startswith(("control-", "report-"))]


def test_a_revoked_renewed_or_forged_address_gets_404(client, executor, lead_report):
    old = services.calendar_token_renew(actor=executor)
    new = services.calendar_token_renew(actor=executor)
    assert feed_of(client, old).status_code == 404
    assert feed_of(client, new).status_code == 200
    assert feed_of(client, new[:-1] + ("A" if new[-1] != "A" else "B")).status_code == 404
    client.force_login(executor)
    assert client.post("/az/notifications/settings/calendar/revoke/").status_code == 302
    client.logout()
    assert feed_of(client, new).status_code == 404


def test_an_inactive_persons_feed_is_gone(client, executor):
    token = services.calendar_token_renew(actor=executor)
    executor.is_active = False
    executor.save(update_fields=["is_active"])
    assert feed_of(client, token).status_code == 404


def test_long_and_special_texts_are_escaped_and_folded():
    text = ical.calendar(
        [ical.Event(uid="x@h", summary="Bakı, Şuşa; \\ " + "ə" * 80, start=datetime.date(2026, 5, 1))],
        product="Test",
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Bakı, Şuşa; \\ " + "ə" * 80
    assert event.decoded("DTEND") == datetime.date(2026, 5, 2)
