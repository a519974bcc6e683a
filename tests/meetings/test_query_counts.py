"""Meeting pages run the same number of queries with 2 meetings or instructions as with 200."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.meetings import services
from tests.conftest import texts

from .conftest import at


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(secretary, body, minutes, ministry, count, start):
    for index in range(count):
        services.meeting_create(
            actor=secretary, body=body, title=texts(f"İclas {start + index}"), starts_at=at("2026-05-01")
        )
        services.instruction_save(
            actor=secretary,
            minutes=minutes,
            number=f"{start + index}.1",
            text=texts("Tapşırıq"),
            control_date=datetime.date(2026, 6, 30),
            controller=ministry,
            executors=[ministry],
        )
    services.agenda_item_save(actor=secretary, meeting=minutes.meeting, title=texts(f"Sual {start}"))


@pytest.mark.parametrize("page", ["list", "meeting"])
def test_query_count_does_not_grow(client, coordinator, secretary, body, minutes, ministry, page):
    client.force_login(coordinator)
    url = (
        reverse("meetings:meetings")
        if page == "list"
        else reverse("meetings:meeting", args=[minutes.meeting_id])
    )
    grow(secretary, body, minutes, ministry, 2, 1)
    few = queries(client, url)
    grow(secretary, body, minutes, ministry, 60, 10)
    # At most as many: the change history shows the latest 50 events, whose names it looks up once
    # per kind of object; older events falling out of that window can only save a lookup.
    assert queries(client, url) <= few
