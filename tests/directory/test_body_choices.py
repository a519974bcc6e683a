"""The filters' collegial bodies come from the cache, and a body saved or deleted shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.directory.models import Body

pytestmark = pytest.mark.django_db(transaction=True)  # the cache is dropped when a change commits


def _options(client) -> tuple[str, int]:
    """The body filter's <select> of the organisation list, and the queries the page made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("directory:organizations"))
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<select name="body"')
    return page[start : page.index("</select>", start)], len(queries)


def test_a_second_page_reads_the_bodies_from_the_cache(client, coordinator):
    Body.objects.create(kind="working_group", name="Birinci işçi qrupu", name_az="Birinci işçi qrupu")
    client.force_login(coordinator)
    first, cold = _options(client)
    second, warm = _options(client)
    assert "Birinci işçi qrupu" in first
    assert second == first
    assert warm == cold - 1


def test_a_body_saved_or_deleted_is_offered_at_once(client, coordinator):
    body = Body.objects.create(kind="working_group", name="Köhnə ad", name_az="Köhnə ad")
    client.force_login(coordinator)
    assert "Köhnə ad" in _options(client)[0]

    body.name_az = body.name = "Yeni ad"
    body.save()
    page = _options(client)[0]
    assert "Yeni ad" in page
    assert "Köhnə ad" not in page

    Body.objects.create(kind="working_group", name="Əlavə qrup", name_az="Əlavə qrup")
    assert "Əlavə qrup" in _options(client)[0]

    body.delete()
    assert "Yeni ad" not in _options(client)[0]


def test_the_choices_are_cached_in_each_language(client, coordinator):
    Body.objects.create(kind="working_group", name="Qrup", name_az="Qrup", name_ru="Группа", name_en="Group")
    client.force_login(coordinator)
    assert "Qrup" in _options(client)[0]
    assert "Группа" in client.get("/ru/directory/organizations/").content.decode()
    assert ">Group</option>" in client.get("/en/directory/organizations/").content.decode()
