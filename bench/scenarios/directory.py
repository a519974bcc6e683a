"""Directory pages at 500 organisations / 20,000 people."""

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from bench.run import Scenario
from koordinat.accounts.models import Role, User
from koordinat.directory.models import Membership, Organization
from koordinat.execution.models import ControlItem, ExecutionStatus

PAGE_SIZE = 50


def _coordinator() -> User:
    user = User.objects.filter(email="bench-coordinator@koordinat.test").first()
    if user is None:
        user = User.objects.create_user("bench-coordinator@koordinat.test", None, role=Role.COORDINATOR)
    return user


def _client() -> Client:
    client = Client()
    client.force_login(_coordinator())
    return client


def _rows(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall())


def signed_in(client: Client) -> Callable[[], None]:
    """What every signed-in page reads before its own data, as raw SQL: who is asking (the session
    and its user, with the person or organisation the header names them by and the header's count of
    their unread notifications). Each page's limit starts with it, since each page's answer depends on
    the reader."""
    key = client.session.session_key
    user_id = int(client.session["_auth_user_id"])

    def read() -> None:
        _rows("SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > now()", [key])
        _rows(
            "SELECT u.*, p.last_name_az, p.first_name_az, p.patronymic_az, o.short_name_az, o.name_az, "
            "(SELECT COUNT(*) FROM (SELECT 1 FROM notifications_notification n WHERE n.recipient_id = u.id "
            "AND n.read_at IS NULL LIMIT 100) AS unread) FROM accounts_user u "
            "LEFT JOIN directory_person p ON p.id = u.person_id "
            "LEFT JOIN directory_organization o ON o.id = u.organization_id WHERE u.id = %s",
            [user_id],
        )

    return read


def history(target_type: str, target_id: int) -> None:
    """The latest audit events about a row, as a page's history shows them."""
    _rows(
        "SELECT id, created_at, actor_id, actor_label, action, data FROM core_auditevent "
        "WHERE target_type = %s AND target_id = %s ORDER BY id DESC LIMIT 50",
        [target_type, str(target_id)],
    )


def organization_list() -> Scenario:
    client = _client()
    reader = signed_in(client)
    url = "/az/directory/organizations/"

    def run() -> list[int]:
        response = client.get(url)
        assert response.status_code == 200
        return [
            int(pk)
            for pk in re.findall(r'href="/az/directory/organizations/(\d+)/"', response.content.decode())
        ]

    def limit() -> list[int]:
        reader()
        _rows(
            "SELECT id, name_az FROM directory_body ORDER BY name_az COLLATE koordinat_az, id"
        )  # the filter's bodies
        _rows("SELECT COUNT(*) FROM directory_organization")
        rows = _rows(
            "SELECT o.id, o.name_az, o.abbreviation_az, o.kind, o.abolished_on, p.name_az, p.short_name_az "
            "FROM directory_organization o LEFT JOIN directory_organization p ON p.id = o.parent_id "
            "ORDER BY COALESCE(NULLIF(o.short_name_az, ''), o.name_az) COLLATE koordinat_az, o.id LIMIT %s",
            [PAGE_SIZE],
        )
        return [row[0] for row in rows]

    return Scenario(
        name="directory.organization_list",
        description="GET the organisation list (first page of 50, with total count) as a coordinator",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the filter's bodies, COUNT(*) and the first 50 rows joined to their parents",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE_SIZE,
    )


def organization_page() -> Scenario:
    client = _client()
    busiest = (
        Membership.objects.values("organization_id")
        .annotate(n=Count("id"))
        .order_by("-n", "organization_id")
        .first()
    )
    organization = (
        Organization.objects.get(pk=busiest["organization_id"]) if busiest else Organization.objects.first()
    )
    assert organization is not None
    url = f"/az/directory/organizations/{organization.pk}/"
    reader = signed_in(client)

    def run() -> list[int]:
        response = client.get(url)
        assert response.status_code == 200
        return sorted(
            int(pk) for pk in re.findall(r'href="/az/directory/people/(\d+)/"', response.content.decode())
        )

    def limit() -> list[int]:
        pk = organization.pk
        reader()
        _rows(
            "SELECT o.*, p.name_az FROM directory_organization o LEFT JOIN directory_organization p ON p.id = o.parent_id WHERE o.id = %s",
            [pk],
        )
        _rows(
            "SELECT id, name_az FROM directory_organization WHERE parent_id = %s ORDER BY name_az COLLATE koordinat_az",
            [pk],
        )
        _rows(
            "SELECT b.id, b.name_az FROM directory_body b JOIN directory_body_member_organizations m "
            "ON m.body_id = b.id WHERE m.organization_id = %s ORDER BY b.name_az COLLATE koordinat_az",
            [pk],
        )
        history("directory.organization", pk)
        discipline_this_year(pk)
        rows = _rows(
            "SELECT m.person_id, m.position_az, m.start_date, p.last_name_az, p.first_name_az, p.patronymic_az "
            "FROM directory_membership m JOIN directory_person p ON p.id = m.person_id "
            "WHERE m.organization_id = %s AND (m.start_date IS NULL OR m.start_date <= CURRENT_DATE) "
            "AND (m.end_date IS NULL OR m.end_date >= CURRENT_DATE) ORDER BY p.last_name_az COLLATE koordinat_az, p.first_name_az COLLATE koordinat_az, m.id",
            [pk],
        )
        return sorted(row[0] for row in rows)

    return Scenario(
        name="directory.organization_page",
        description=f"GET the page of the organisation with the most people ({organization.memberships.count()} positions)",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the organisation, its sub-units, bodies, history, "
        "current positions and its deadline discipline this year",
        same_answer=lambda real, fastest: real == fastest,
        rows=organization.memberships.count(),
    )


def discipline_this_year(organization_id: int) -> None:
    """The organisation page's deadline discipline figures (analytics.discipline) as raw SQL."""
    today = timezone.localdate()
    start, end = datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    last_due = min(end, today - datetime.timedelta(days=1))
    local = "(%s AT TIME ZONE 'Asia/Baku')::date"
    reports = "FROM execution_report WHERE organization_id = %s AND due_date BETWEEN %s AND %s"
    _rows(
        f"SELECT COUNT(*), COUNT(*) FILTER (WHERE {local % 'first_submitted_at'} <= due_date) {reports}",
        [organization_id, start, last_due],
    )
    _rows(
        f"SELECT due_date, first_submitted_at {reports} AND (first_submitted_at IS NULL "
        f"OR {local % 'first_submitted_at'} > due_date)",
        [organization_id, start, last_due],
    )
    assignments = "FROM execution_assignment a JOIN execution_controlitem c ON c.id = a.item_id WHERE a.organization_id = %s"
    _rows(
        f"SELECT COUNT(*), COUNT(*) FILTER (WHERE a.execution_status = %s AND a.completed_on <= c.control_date) "
        f"{assignments} AND c.control_date BETWEEN %s AND %s AND c.control_status <> %s",
        [ExecutionStatus.COMPLETED, organization_id, start, last_due, ControlItem.Status.CANCELLED],
    )
    _rows(
        f"SELECT COUNT(*) {assignments} AND c.control_status = ANY(%s) AND c.control_date < %s "
        "AND a.execution_status <> %s",
        [organization_id, list(ControlItem.OPEN_STATUSES), today, ExecutionStatus.COMPLETED],
    )
    _rows(
        f"SELECT COUNT(*) FROM execution_extension WHERE organization_id = %s AND {local % 'requested_at'} "
        "BETWEEN %s AND %s",
        [organization_id, start, end],
    )


def scenarios() -> list[Scenario]:
    return [organization_list(), organization_page()]
