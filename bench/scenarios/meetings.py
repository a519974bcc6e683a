"""Meetings at national size: the meeting register, and a plan item's page with the meetings and
instructions that concern it."""

import re

from django.db.models import Count
from django.test import Client

from bench.run import Scenario
from bench.scenarios.directory import _client, _rows, history, signed_in
from koordinat.meetings.models import Meeting
from koordinat.plans.models import Measure

PAGE = 50


def meeting_list() -> Scenario:
    client: Client = _client()
    reader = signed_in(client)
    assert Meeting.objects.exists(), "generate meetings first (--meetings)"

    def run() -> list[int]:
        response = client.get("/az/meetings/")
        assert response.status_code == 200
        return [int(pk) for pk in re.findall(r'href="/az/meetings/(\d+)/"', response.content.decode())]

    def limit() -> list[int]:
        reader()
        _rows("SELECT COUNT(*) FROM meetings_meeting")
        rows = _rows(
            "SELECT m.id, m.starts_at, m.title_az, m.number, m.status, b.name_az, mi.status, "
            "(SELECT COUNT(*) FROM meetings_instruction i WHERE i.minutes_id = mi.id) "
            "FROM meetings_meeting m JOIN directory_body b ON b.id = m.body_id "
            "LEFT JOIN meetings_minutes mi ON mi.meeting_id = m.id ORDER BY m.starts_at DESC, m.id LIMIT %s",
            [PAGE],
        )
        _rows("SELECT id, name_az FROM directory_body ORDER BY name_az COLLATE koordinat_az, id")
        _rows("SELECT 1 FROM directory_body LIMIT 1")  # whether the reader may plan a meeting
        return [row[0] for row in rows]

    return Scenario(
        name="meetings.meeting_list",
        description=f"GET the meeting register ({Meeting.objects.count()} meetings): first {PAGE}, newest first",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the count, the first page with bodies, minutes and "
        "instruction counts, the body filter",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
    )


def measure_traceability() -> Scenario:
    client: Client = _client()
    measure = (
        Measure.objects.annotate(n=Count("instructions"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .select_related("plan")
        .first()
    )
    assert measure is not None, "generate meetings first (--meetings --instructions)"
    url = f"/az/plans/{measure.plan.code}/measures/{measure.number}/"
    reader = signed_in(client)

    def run() -> list[int]:
        response = client.get(url)
        assert response.status_code == 200
        return sorted(
            {
                int(pk)
                for pk in re.findall(r'href="/az/meetings/instructions/(\d+)/"', response.content.decode())
            }
        )

    def limit() -> list[int]:
        reader()
        _rows(
            "SELECT m.*, p.*, a.name_az, parent.number FROM plans_measure m JOIN plans_plan p ON p.id = m.plan_id "
            "LEFT JOIN directory_body a ON a.id = m.area_id LEFT JOIN plans_measure parent ON parent.id = m.parent_id "
            "WHERE m.id = %s",
            [measure.pk],
        )
        _rows(
            "SELECT e.id, o.name_az FROM plans_executor e JOIN directory_organization o ON o.id = e.organization_id "
            "WHERE e.measure_id = %s ORDER BY e.position",
            [measure.pk],
        )
        _rows(
            "SELECT d.id, d.name_az FROM places_district d JOIN plans_measure_districts l ON l.district_id = d.id "
            "WHERE l.measure_id = %s ORDER BY d.name_az COLLATE koordinat_az",
            [measure.pk],
        )
        _rows(
            "SELECT i.*, t.year, t.value, o.short_name_az FROM plans_indicator i "
            "LEFT JOIN plans_indicatortarget t ON t.indicator_id = i.id "
            "LEFT JOIN directory_organization o ON o.id = i.source_organization_id WHERE i.measure_id = %s",
            [measure.pk],
        )
        _rows("SELECT number, changed_by_id FROM plans_measurenumber WHERE measure_id = %s", [measure.pk])
        _rows(
            "SELECT id, control_date, control_status FROM execution_controlitem WHERE measure_id = %s",
            [measure.pk],
        )
        _rows(
            "SELECT id, number, text_az FROM plans_measure WHERE parent_id = %s ORDER BY sort_key",
            [measure.pk],
        )
        _rows(
            "SELECT a.id, a.position, a.title_az, m.id, m.number, m.starts_at, b.name_az FROM meetings_agendaitem a "
            "JOIN meetings_agendaitem_measures l ON l.agendaitem_id = a.id JOIN meetings_meeting m ON m.id = a.meeting_id "
            "JOIN directory_body b ON b.id = m.body_id WHERE l.measure_id = %s ORDER BY m.starts_at DESC, a.position",
            [measure.pk],
        )
        rows = _rows(
            "SELECT i.id, i.number, i.text_az, i.control_date, mi.number, c.control_status FROM meetings_instruction i "
            "JOIN meetings_instruction_measures l ON l.instruction_id = i.id "
            "LEFT JOIN meetings_minutes mi ON mi.id = i.minutes_id "
            "LEFT JOIN execution_controlitem c ON c.instruction_id = i.id "
            "WHERE l.measure_id = %s ORDER BY i.control_date DESC, i.id",
            [measure.pk],
        )
        if rows:
            _rows(
                "SELECT e.instruction_id, o.short_name_az FROM meetings_instructionexecutor e "
                "JOIN directory_organization o ON o.id = e.organization_id "
                f"WHERE e.instruction_id IN ({', '.join(['%s'] * len(rows))}) ORDER BY e.position",
                [row[0] for row in rows],
            )
        history("plans.measure", measure.pk)
        return sorted(row[0] for row in rows)

    return Scenario(
        name="meetings.measure_traceability",
        description=f"GET the plan item discussed most ({measure.n} instructions): its meetings and instructions",  # type: ignore[attr-defined]
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the item with its plan, area, executors, districts, "
        "indicators, former numbers, control item and sub-items, the agenda questions and the instructions "
        "about it with their executors, the history",
        same_answer=lambda real, fastest: real == fastest,
        rows=None,
        iterations=10,
    )


def scenarios() -> list[Scenario]:
    return [meeting_list(), measure_traceability()]
