"""Notifications at national size: the page of a person with 10,000 notices."""

import re

from django.test import Client

from bench.run import Scenario
from bench.scenarios.directory import _coordinator, _rows, signed_in
from koordinat.notifications.kinds import Kind
from koordinat.notifications.models import Notification
from koordinat.notifications.services import Notice, notify

NOTICES = 10_000
PAGE = 50


def notification_list() -> Scenario:
    reader_user = _coordinator()
    notify(
        Notice(
            recipient_id=reader_user.pk,
            kind=(Kind.REPORT_DUE, Kind.REVIEW_WAITING, Kind.EXTENSION_WAITING)[n % 3],
            key=f"bench:{n}",
            target=f"/control/items/{n + 1}/",
            params={
                "item": {"az": f"BENCH {n}", "ru": f"BENCH {n}"},
                "organization": "Nazirlik",
                "date": "2026-06-30",
            },
        )
        for n in range(NOTICES)
    )
    Notification.objects.filter(recipient=reader_user, key__startswith="bench:").update(read_at=None)
    client = Client()
    client.force_login(reader_user)
    reader = signed_in(client)

    def run() -> list[int]:
        response = client.get("/az/notifications/")
        assert response.status_code == 200
        return [
            int(pk) for pk in re.findall(r'action="/az/notifications/(\d+)/read/"', response.content.decode())
        ]

    def limit() -> list[int]:
        reader()
        _rows("SELECT COUNT(*) FROM notifications_notification WHERE recipient_id = %s", [reader_user.pk])
        rows = _rows(
            "SELECT id, kind, target, params, is_escalation, created_at, read_at FROM notifications_notification "
            "WHERE recipient_id = %s ORDER BY created_at DESC, id DESC LIMIT %s",
            [reader_user.pk, PAGE],
        )
        return [row[0] for row in rows]

    return Scenario(
        name="notifications.list",
        description=f"GET the notifications page of a person with {NOTICES} notices: the newest {PAGE}",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the count, the first page of the person's notices",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
    )


def scenarios() -> list[Scenario]:
    return [notification_list()]
