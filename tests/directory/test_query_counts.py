"""List and detail pages run the same number of queries with 10 rows and with 1,000."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.directory.models import Body, Membership, Organization, Person


def bulk_registry(parent: Organization, body: Body, count: int) -> None:
    """Rows straight into the tables: the page cost is what is measured, not the services."""
    start = Organization.objects.count()
    organizations = Organization.objects.bulk_create(
        Organization(
            kind="state_agency", name=f"Agentlik {start + n}", name_az=f"Agentlik {start + n}", parent=parent
        )
        for n in range(count)
    )
    people = Person.objects.bulk_create(
        Person(
            last_name=f"Soyad{start + n}",
            last_name_az=f"Soyad{start + n}",
            first_name="Ad",
            first_name_az="Ad",
        )
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            person=person, organization=parent if n % 2 else organizations[n], position="x", position_az="x"
        )
        for n, person in enumerate(people)
    )
    body.member_organizations.add(*organizations)
    body.members.add(*people)
    Body.objects.bulk_create(
        Body(kind="working_group", name=f"Qrup {start + n}", name_az=f"Qrup {start + n}", parent=body)
        for n in range(count)
    )


def page_queries(client, url: str) -> int:
    """The queries of a request that finds nothing cached (the filters' choices): the most a page makes."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def registry(coordinator, ministry) -> Callable[[int], None]:
    body = Body.objects.create(kind="headquarters", name="Qərargah", name_az="Qərargah")

    def grow(count: int) -> None:
        bulk_registry(ministry, body, count)

    grow.body = body  # type: ignore[attr-defined]
    return grow


@pytest.mark.parametrize(
    "url_for",
    [
        lambda ministry, body, person: reverse("directory:organizations"),
        lambda ministry, body, person: reverse("directory:organizations") + f"?body={body.pk}&status=active",
        lambda ministry, body, person: reverse("directory:organization", args=[ministry.pk]),
        lambda ministry, body, person: reverse("directory:people"),
        lambda ministry, body, person: reverse("directory:person", args=[person.pk]),
        lambda ministry, body, person: reverse("directory:bodies"),
        lambda ministry, body, person: reverse("directory:body", args=[body.pk]),
    ],
    ids=["organizations", "organizations-filtered", "organization", "people", "person", "bodies", "body"],
)
def test_page_query_count_does_not_grow_with_rows(client, coordinator, ministry, registry, url_for):
    client.force_login(coordinator)
    registry(10)
    person = Person.objects.order_by("pk").first()
    url = url_for(ministry, registry.body, person)
    small = page_queries(client, url)
    registry(990)
    assert page_queries(client, url) == small
