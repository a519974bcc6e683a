"""A request with a foreign Host header is answered 400, not 500 (issue #11 item 7).

Django refuses the host in CommonMiddleware, before AuthenticationMiddleware sets request.user; the
400 page's layout must not need it."""

import pytest


@pytest.mark.parametrize("path", ["/az/plans/", "/", "/az/", "/ru/", "/ru/meetings/", "/en/no-such-page/"])
def test_a_foreign_host_is_answered_400(client, db, settings, path):
    settings.DEBUG = False
    response = client.get(path, HTTP_HOST="attacker.example")
    assert response.status_code == 400


def test_the_400_page_is_in_the_language_of_the_address(client, db, settings):
    settings.DEBUG = False
    response = client.get("/ru/plans/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert '<html lang="ru"' in response.content.decode()
