"""Sessions end after a settable idle time and a settable maximum, measured on the service clock."""

import datetime

from django.urls import reverse

from koordinat.accounts.sessions import SEEN_AT
from koordinat.core import clock
from koordinat.core.models import AuditEvent

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
PAGE = "/az/directory/organizations/"


def after(**delta) -> datetime.datetime:
    return START + datetime.timedelta(**delta)


def signed_in(client, user):
    with clock.at(START):
        client.force_login(user)
    return client


def get(client, moment, path=PAGE, **headers):
    with clock.at(moment):
        return client.get(path, **headers)


def test_an_idle_session_ends_and_the_next_page_asks_to_sign_in_again(client, coordinator):
    signed_in(client, coordinator)
    assert get(client, after(minutes=29)).status_code == 200
    response = get(client, after(minutes=29 + 31))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={PAGE}"
    login_page = client.get(response["Location"])
    assert "30 dəqiqə fəaliyyət olmadığı üçün sessiyanız başa çatdı" in login_page.content.decode()
    assert get(client, after(minutes=61)).status_code == 302  # signed out for good
    event = AuditEvent.objects.filter(action="auth.logout").get()
    assert (event.actor_id, event.data["reason"]) == (coordinator.pk, "idle")


def test_activity_keeps_the_session_alive(client, coordinator):
    signed_in(client, coordinator)
    for minutes in range(20, 240, 20):
        assert get(client, after(minutes=minutes)).status_code == 200, minutes


def test_the_last_activity_is_written_at_most_once_a_minute(client, coordinator):
    signed_in(client, coordinator)
    get(client, after(seconds=30))
    assert client.session[SEEN_AT] == START.timestamp()
    get(client, after(seconds=61))
    assert client.session[SEEN_AT] == after(seconds=61).timestamp()


def test_a_session_ends_at_the_maximum_however_active(client, coordinator):
    signed_in(client, coordinator)
    for minutes in range(20, 12 * 60, 20):
        assert get(client, after(minutes=minutes)).status_code == 200, minutes
    response = get(client, after(hours=12, minutes=10))
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="auth.logout").data["reason"] == "maximum"


def test_the_timeouts_are_settable(client, coordinator, settings):
    settings.KOORDINAT_IDLE_TIMEOUT_MINUTES = 5
    signed_in(client, coordinator)
    assert get(client, after(minutes=4)).status_code == 200
    assert get(client, after(minutes=10)).status_code == 302


def test_htmx_is_told_to_load_the_sign_in_page(client, coordinator):
    signed_in(client, coordinator)
    response = get(client, after(hours=1), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("accounts:login")


def test_the_message_is_in_the_language_of_the_page(client, coordinator):
    signed_in(client, coordinator)
    response = get(client, after(hours=1), path="/ru/directory/organizations/")
    login_page = client.get(response["Location"])
    assert "30 минут" in login_page.content.decode()
