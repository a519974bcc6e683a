"""Dates out of range on the directory pages: refused on the field, nothing saved, never a 500."""

import pytest
from django.urls import reverse

from koordinat.directory import services
from koordinat.directory.models import Membership, Person
from tests.conftest import texts
from tests.dates import BAD_DATES, assert_refused, changes, english  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def person(coordinator, ministry):
    return services.person_create(
        actor=coordinator,
        last_name=texts("Quliyev"),
        first_name=texts("Tural"),
        organization=ministry,
        position=texts("Şöbə müdiri"),
    )


@pytest.mark.parametrize("day", BAD_DATES)
def test_an_abolition_date_out_of_range_is_refused(client, coordinator, ministry, day):
    client.force_login(coordinator)
    before = changes()
    response = client.post(
        reverse("directory:organization_abolish", args=[ministry.pk]),
        {"on": day, "version": ministry.version},
    )
    assert_refused(response, "on")
    ministry.refresh_from_db()
    assert (ministry.is_abolished, changes()) == (False, before)


@pytest.mark.parametrize("day", BAD_DATES)
def test_a_new_persons_start_date_out_of_range_is_refused(client, coordinator, ministry, day):
    client.force_login(coordinator)
    before = changes()
    response = client.post(
        reverse("directory:person_create"),
        {
            "last_name_az": "Həsənova",
            "first_name_az": "Lalə",
            "position_az": "Məsləhətçi",
            "organization": ministry.pk,
            "start_date": day,
        },
    )
    assert_refused(response, "start_date")
    assert (Person.objects.filter(last_name_az="Həsənova").exists(), changes()) == (False, before)


@pytest.mark.parametrize("field", ["start_date", "end_date"])
@pytest.mark.parametrize("day", BAD_DATES)
def test_a_position_dated_out_of_range_is_refused(client, coordinator, ministry, person, field, day):
    client.force_login(coordinator)
    before = changes()
    response = client.post(
        reverse("directory:membership_add", args=[person.pk]),
        {"position_az": "Baş məsləhətçi", "organization": ministry.pk, field: day},
    )
    assert_refused(response, field)
    assert (Membership.objects.filter(person=person).count(), changes()) == (1, before)


@pytest.mark.parametrize("day", BAD_DATES)
def test_a_position_ended_out_of_range_is_refused(client, coordinator, person, day):
    client.force_login(coordinator)
    membership = person.memberships.get()
    before = changes()
    response = client.post(reverse("directory:membership_end", args=[membership.pk]), {"end_date": day})
    assert_refused(response, "end_date")
    membership.refresh_from_db()
    assert (membership.end_date, changes()) == (None, before)
