"""Crafted dates outside the years Koordinat accepts (issue #11, 7), and what a refused form shows."""

import pytest
from django.utils import translation

from koordinat.core.models import AuditEvent

BAD_DATES = ["0001-01-01", "9999-12-31"]
BAD_MOMENTS = ["0001-01-01 00:00", "9999-12-31 23:59"]
MESSAGE = "Enter a date from 1900-01-01 to 2100-12-31."


@pytest.fixture
def english():
    """Pages and URLs in English, so the message can be compared as written."""
    with translation.override("en"):
        yield


def changes() -> int:
    """Every change a service makes leaves a successful audit event: none more means nothing saved
    (signing in, also recorded, changes nothing)."""
    return AuditEvent.objects.filter(outcome="success").exclude(action__startswith="auth.").count()


def assert_refused(response, field: str, form: str = "form") -> None:
    """400, never 500, with the message on the field and the error summary linking to it."""
    assert response.status_code == 400, response.content.decode()[:3000]
    assert response.context[form].errors[field] == [MESSAGE]
    page = response.content.decode()
    assert f'href="#id_{field}"' in page
    assert MESSAGE in page
