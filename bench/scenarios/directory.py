"""Directory pages at 500 organisations / 20,000 people."""

import re
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test import Client

from bench.run import Scenario
from koordinat.accounts.models import Role, User
from koordinat.directory.models import Membership, Organization

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


def organization_list() -> Scenario:
    client = _client()
    url = "/az/directory/organizations/"

    def run() -> list[int]:
        response = client.get(url)
        assert response.status_code == 200
        return [
            int(pk)
            for pk in re.findall(r'href="/az/directory/organizations/(\d+)/"', response.content.decode())
        ]

    def limit() -> list[int]:
        _rows("SELECT COUNT(*) FROM directory_organization")
        rows = _rows(
            "SELECT o.id, o.name_az, o.abbreviation_az, o.kind, o.abolished_on, p.name_az, p.short_name_az "
            "FROM directory_organization o LEFT JOIN directory_organization p ON p.id = o.parent_id "
            "ORDER BY o.name_az, o.id LIMIT %s",
            [PAGE_SIZE],
        )
        return [row[0] for row in rows]

    return Scenario(
        name="directory.organization_list",
        description="GET the organisation list (first page of 50, with total count) as a coordinator",
        run=run,
        limit=limit,
        limit_description="two raw SQL queries: COUNT(*) and the first 50 rows joined to their parents",
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

    def run() -> list[int]:
        response = client.get(url)
        assert response.status_code == 200
        return sorted(
            int(pk) for pk in re.findall(r'href="/az/directory/people/(\d+)/"', response.content.decode())
        )

    def limit() -> list[int]:
        pk = organization.pk
        _rows(
            "SELECT o.*, p.name_az FROM directory_organization o LEFT JOIN directory_organization p ON p.id = o.parent_id WHERE o.id = %s",
            [pk],
        )
        _rows("SELECT id, name_az FROM directory_organization WHERE parent_id = %s ORDER BY name_az", [pk])
        _rows(
            "SELECT b.id, b.name_az FROM directory_body b JOIN directory_body_member_organizations m "
            "ON m.body_id = b.id WHERE m.organization_id = %s ORDER BY b.name_az",
            [pk],
        )
        _rows(
            "SELECT id, action, created_at FROM core_auditevent WHERE target_type = %s AND target_id = %s ORDER BY id DESC LIMIT 50",
            ["directory.organization", str(pk)],
        )
        rows = _rows(
            "SELECT m.person_id, m.position_az, m.start_date, p.last_name_az, p.first_name_az, p.patronymic_az "
            "FROM directory_membership m JOIN directory_person p ON p.id = m.person_id "
            "WHERE m.organization_id = %s AND (m.start_date IS NULL OR m.start_date <= CURRENT_DATE) "
            "AND (m.end_date IS NULL OR m.end_date >= CURRENT_DATE) ORDER BY p.last_name_az, p.first_name_az, m.id",
            [pk],
        )
        return sorted(row[0] for row in rows)

    return Scenario(
        name="directory.organization_page",
        description=f"GET the page of the organisation with the most people ({organization.memberships.count()} positions)",
        run=run,
        limit=limit,
        limit_description="raw SQL for the organisation, its sub-units, bodies, history and current positions",
        same_answer=lambda real, fastest: real == fastest,
        rows=organization.memberships.count(),
    )


def scenarios() -> list[Scenario]:
    return [organization_list(), organization_page()]
