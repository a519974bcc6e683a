"""The plan, cycle and people of execution's tests, and helpers to write notices."""

import pytest

from koordinat.notifications.services import Notice
from tests.execution.conftest import cycle, head, lead_report, plan, stranger  # noqa: F401
from tests.meetings.conftest import body, chair, held, meeting, minutes, people, secretary  # noqa: F401


@pytest.fixture
def notice():
    def make(user, key="k1", kind="report_due", **params):
        return Notice(
            recipient_id=user.pk,
            kind=kind,
            key=key,
            target="/control/items/1/",
            params=params or {"item": {"az": "CTRL-1 1.1", "ru": "CTRL-1 1.1"}, "date": "2026-04-10"},
        )

    return make
