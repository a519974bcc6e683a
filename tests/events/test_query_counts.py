"""The events' pages ask the same number of queries for 3 events and for 30, each with agenda items,
proposals, partners and registrations; nothing cached (the most a page asks)."""

import pytest
from django.urls import reverse

from koordinat.events import services
from koordinat.events.models import AgendaItem, Event, Proposal, Registration
from tests.conftest import texts
from tests.plans.test_query_counts import queries

from .conftest import soon


def grow(make_event, council, cso, measure, secretary, count):
    for number in range(count):
        event = make_event(
            published=True,
            partners=[cso],
            council=council,
            starts_at=soon(number - count // 2),
            registration_open=False,
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(event=event, position=position, text_az=f"Bənd {position}", measure=measure)
            for position in range(1, 4)
        )
        Proposal.objects.bulk_create(
            Proposal(event=event, position=position, text_az=f"Təklif {position}", measure=measure)
            for position in range(1, 3)
        )
        Registration.objects.bulk_create(
            Registration(event=event, name=f"Ad {n}", email=f"p{n}@example.test") for n in range(3)
        )


@pytest.mark.parametrize(
    "url_for",
    [
        lambda first: reverse("public_events:events"),
        lambda first: reverse("public_events:event", args=[first.pk]),
        lambda first: reverse("public_events:council", args=[first.council_id]),
        lambda first: reverse("portal:district", args=[first.district_id]),
        lambda first: reverse("portal:home"),
        lambda first: reverse("portal:measure", args=["OGP-T", "1"]),
    ],
    ids=["list", "event", "council", "district", "home", "measure"],
)
def test_public_pages_do_not_grow_with_events(client, make_event, council, cso, measure, secretary, url_for):
    grow(make_event, council, cso, measure, secretary, 3)
    first = Event.objects.order_by("pk").first()
    small = queries(client, url_for(first))
    grow(make_event, council, cso, measure, secretary, 27)
    assert queries(client, url_for(first)) == small


@pytest.mark.parametrize("page", ["events", "event"])
def test_office_pages_do_not_grow_with_events(client, make_event, council, cso, measure, secretary, page):
    grow(make_event, council, cso, measure, secretary, 3)
    first = Event.objects.order_by("pk").first()
    url = reverse(f"events:{page}", args=[first.pk] if page == "event" else [])
    client.force_login(secretary)
    small = queries(client, url)
    grow(make_event, council, cso, measure, secretary, 27)
    services.agenda_item_add(
        actor=secretary, event=first, version=first.version, text=texts("Daha bir"), measure=measure
    )
    assert queries(client, url) == small
