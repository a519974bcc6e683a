"""Execution control at national size: "My work" of the busiest ministry, the coordinators' review
queue, and opening a cycle for the largest plan."""

import datetime
import re

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from bench.run import Scenario
from bench.scenarios.directory import _rows, signed_in
from koordinat.accounts.models import Role, User
from koordinat.directory.selectors import organization_subtree_ids
from koordinat.execution import services
from koordinat.execution.models import Assignment, ControlItem
from koordinat.plans.models import Plan

PAGE = 50
OPEN = ("on_control", "extended", "executed")


def _user(email: str, role: str, organization_id: int) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, role=role, organization_id=organization_id)
    return user


def _ids(text: str, kind: str) -> list[int]:
    return [int(pk) for pk in re.findall(rf'href="/az/control/{kind}/(\d+)/', text)]


# The worklists' filter offers every plan by code and title.
PLAN_OPTIONS = "SELECT id, code, title_az FROM plans_plan ORDER BY code"


def _in(ids: set[int]) -> str:
    return ", ".join(str(int(pk)) for pk in sorted(ids))


def my_work() -> Scenario:
    busiest = (
        Assignment.objects.values("organization_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization_id")
        .first()
    )
    assert busiest is not None, "generate reports first (--reports)"
    user = _user("bench-executor@koordinat.test", Role.EXECUTOR, busiest["organization_id"])
    client = Client()
    client.force_login(user)
    reader = signed_in(client)
    organizations = _in(organization_subtree_ids(root_id=busiest["organization_id"]))
    today = timezone.localdate()

    def run() -> list[int]:
        response = client.get("/az/control/")
        assert response.status_code == 200
        return _ids(response.content.decode(), "reports")

    def limit() -> list[int]:
        reader()
        _rows(PLAN_OPTIONS)
        where = (
            f"r.organization_id IN ({organizations}) AND c.status = 'open' AND i.control_status IN {OPEN} "
            "AND r.status <> 'accepted'"
        )
        _rows(
            "SELECT COUNT(*) FROM execution_report r JOIN execution_reportingcycle c ON c.id = r.cycle_id "
            f"JOIN execution_controlitem i ON i.id = r.item_id WHERE {where}"
        )
        rows = _rows(
            "SELECT r.id, r.status, r.due_date, r.is_lead, i.control_date, i.control_status, m.deadline_kind, "
            "m.number, m.text_az, p.code, o.short_name_az "
            "FROM execution_report r JOIN execution_reportingcycle c ON c.id = r.cycle_id "
            "JOIN execution_controlitem i ON i.id = r.item_id JOIN plans_measure m ON m.id = i.measure_id "
            "JOIN plans_plan p ON p.id = m.plan_id JOIN directory_organization o ON o.id = r.organization_id "
            f"WHERE {where} ORDER BY CASE WHEN r.status = 'returned' THEN 0 "
            "WHEN r.status IN ('draft', 'awaiting_approval') AND r.due_date < %s THEN 1 "
            "WHEN r.status IN ('draft', 'awaiting_approval') THEN 2 ELSE 3 END, r.due_date, r.id LIMIT %s",
            [today, PAGE],
        )
        overdue = (
            f"a.organization_id IN ({organizations}) AND i.control_status IN {OPEN} AND i.control_date < %s "
            "AND a.execution_status <> 'completed'"
        )
        _rows(
            f"SELECT COUNT(*) FROM execution_assignment a JOIN execution_controlitem i ON i.id = a.item_id WHERE {overdue}",
            [today],
        )
        _rows(
            "SELECT a.id, i.id, i.control_date, m.number, m.text_az, p.code FROM execution_assignment a "
            "JOIN execution_controlitem i ON i.id = a.item_id JOIN plans_measure m ON m.id = i.measure_id "
            f"JOIN plans_plan p ON p.id = m.plan_id WHERE {overdue} ORDER BY i.control_date, i.id LIMIT 20",
            [today],
        )
        return [row[0] for row in rows]

    total = Assignment.objects.filter(organization_id=busiest["organization_id"]).count()
    return Scenario(
        name="execution.my_work",
        description=f'GET "My work" of the busiest ministry ({total} assignments): first {PAGE} reports owed',
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the plans of the filter, the count and first page of owed reports, the overdue count and first 20",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
        iterations=10,
    )


def review_queue() -> Scenario:
    controller_id = Plan.objects.order_by("pk").values_list("coordinator_id", flat=True).first()
    assert controller_id is not None, "generate plans first"
    user = _user("bench-controller@koordinat.test", Role.COORDINATOR, controller_id)
    client = Client()
    client.force_login(user)
    reader = signed_in(client)
    controlled = _in(organization_subtree_ids(root_id=controller_id))

    def run() -> list[int]:
        response = client.get("/az/control/review/")
        assert response.status_code == 200
        return _ids(response.content.decode(), "reports")

    def limit() -> list[int]:
        reader()
        _rows(PLAN_OPTIONS)
        where = f"r.status = 'submitted' AND i.control_status IN {OPEN} AND i.controller_id IN ({controlled})"
        _rows(
            f"SELECT COUNT(*) FROM execution_report r JOIN execution_controlitem i ON i.id = r.item_id WHERE {where}"
        )
        rows = _rows(
            "SELECT r.id, r.submitted_at, r.claimed_status, r.progress, i.control_date, i.control_status, "
            "m.deadline_kind, m.number, m.text_az, p.code, o.short_name_az "
            "FROM execution_report r JOIN execution_controlitem i ON i.id = r.item_id "
            "JOIN plans_measure m ON m.id = i.measure_id JOIN plans_plan p ON p.id = m.plan_id "
            f"JOIN directory_organization o ON o.id = r.organization_id WHERE {where} "
            "ORDER BY r.submitted_at, r.id LIMIT %s",
            [PAGE],
        )
        _rows(
            "SELECT e.id, e.new_date, m.number, p.code, o.short_name_az FROM execution_extension e "
            "JOIN execution_controlitem i ON i.id = e.item_id JOIN plans_measure m ON m.id = i.measure_id "
            "JOIN plans_plan p ON p.id = m.plan_id JOIN directory_organization o ON o.id = e.organization_id "
            f"WHERE e.status = 'requested' AND i.controller_id IN ({controlled}) ORDER BY e.requested_at, e.id LIMIT 50"
        )
        return [row[0] for row in rows]

    return Scenario(
        name="execution.review_queue",
        description=f"GET the coordinators' review queue: first {PAGE} submitted reports, oldest first",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the plans of the filter, the count and first page of submitted reports, and the waiting extensions",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
        iterations=10,
    )


def register() -> Scenario:
    controller_id = Plan.objects.order_by("pk").values_list("coordinator_id", flat=True).first()
    assert controller_id is not None, "generate plans first"
    user = _user("bench-controller@koordinat.test", Role.COORDINATOR, controller_id)
    client = Client()
    client.force_login(user)
    reader = signed_in(client)

    def run() -> list[int]:
        response = client.get("/az/control/register/")
        assert response.status_code == 200
        return _ids(response.content.decode(), "items")

    def limit() -> list[int]:
        reader()
        _rows("SELECT id, code, title_az FROM plans_plan ORDER BY code")
        _rows("SELECT id, name_az FROM directory_body ORDER BY name_az COLLATE koordinat_az, id")
        _rows(
            "SELECT id, short_name_az, name_az FROM directory_organization WHERE abolished_on IS NULL "
            "ORDER BY COALESCE(NULLIF(short_name_az, ''), name_az) COLLATE koordinat_az, id"
        )
        _rows("SELECT id, name_az FROM places_district ORDER BY name_az COLLATE koordinat_az, id")
        _rows(f"SELECT COUNT(*) FROM execution_controlitem WHERE control_status IN {OPEN}")
        items = _rows(
            "SELECT i.id, i.control_date, i.control_status, p.code, m.number, m.text_az, m.deadline_kind, "
            "n.number, n.text_az, o.short_name_az, o.name_az FROM execution_controlitem i "
            "LEFT JOIN plans_plan p ON p.id = i.plan_id LEFT JOIN plans_measure m ON m.id = i.measure_id "
            "LEFT JOIN meetings_instruction n ON n.id = i.instruction_id "
            "JOIN directory_organization o ON o.id = i.controller_id "
            f"WHERE i.control_status IN {OPEN} ORDER BY i.control_date ASC NULLS LAST, i.id LIMIT %s",
            [PAGE],
        )
        shown = [row[0] for row in items]
        _rows(
            "SELECT a.item_id, a.role, a.execution_status, o.short_name_az, o.name_az FROM execution_assignment a "
            "JOIN directory_organization o ON o.id = a.organization_id WHERE a.item_id = ANY(%s) "
            "ORDER BY a.item_id, a.position, a.id",
            [shown],
        )
        _rows(
            "SELECT r.item_id, r.id, r.status, c.period_end FROM execution_report r "
            "JOIN execution_reportingcycle c ON c.id = r.cycle_id WHERE r.item_id = ANY(%s) AND r.is_lead "
            "ORDER BY r.item_id, c.period_end DESC, r.id DESC",
            [shown],
        )
        _rows(
            "SELECT id, name, query FROM execution_savedfilter WHERE user_id = %s ORDER BY name, id",
            [user.pk],
        )
        return shown

    return Scenario(
        name="execution.register",
        description=f"GET the register of items under control as a coordinator: first {PAGE} of every open item",
        run=run,
        limit=limit,
        limit_description=(
            "raw SQL: who is signed in, the filters' plans, bodies, organisations and districts, the count of "
            "open items, the first page by control date, its executors and lead reports, the saved filters"
        ),
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
        iterations=10,
    )


class _Rollback(Exception):
    pass


def cycle_open() -> Scenario:
    plan = Plan.objects.annotate(n=Count("measures")).order_by("-n", "pk").first()
    assert plan is not None, "generate plans first"
    actor = _user("bench-controller@koordinat.test", Role.COORDINATOR, plan.coordinator_id)
    due = timezone.localdate() + datetime.timedelta(days=30)

    def run() -> int:
        """Open a one-off request for the whole plan; rolled back to keep the data fixed."""
        try:
            with transaction.atomic():
                cycle = services.cycle_open(
                    actor=actor,
                    plan=plan,
                    period_start=datetime.date(2026, 1, 1),
                    period_end=timezone.localdate(),
                    due_date=due,
                    kind="one_off",
                )
                count = cycle.reports.count()
                raise _Rollback
        except _Rollback:
            return count

    def limit() -> int:
        """The same report rows written by one INSERT ... SELECT."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO execution_reportingcycle (created_at, updated_at, plan_id, kind, period_start, "
                    "period_end, due_date, co_executor_due_date, status, note) VALUES "
                    "(now(), now(), %s, 'one_off', %s, %s, %s, %s, 'open', '') RETURNING id",
                    [plan.pk, datetime.date(2026, 1, 1), timezone.localdate(), due, due],
                )
                (cycle_id,) = cursor.fetchone()
                cursor.execute(
                    "INSERT INTO execution_report (created_at, updated_at, version, cycle_id, assignment_id, item_id, "
                    "organization_id, is_lead, due_date, status, narrative, narrative_language, claimed_status, "
                    "progress, review_comment) SELECT now(), now(), 1, %s, a.id, a.item_id, a.organization_id, "
                    "a.role = 'lead', %s, 'draft', '', 'az', 'in_progress', 0, '' FROM execution_assignment a "
                    f"JOIN execution_controlitem i ON i.id = a.item_id WHERE i.plan_id = %s AND i.control_status IN {OPEN}",
                    [cycle_id, due, plan.pk],
                )
                count = cursor.rowcount
                raise _Rollback
        except _Rollback:
            return count

    items = ControlItem.objects.filter(plan=plan).count()
    return Scenario(
        name="execution.cycle_open",
        description=f"open a one-off cycle for the largest plan ({items} items under control): every report it asks for",
        run=run,
        limit=limit,
        limit_description="one INSERT ... SELECT writing the same report rows",
        same_answer=lambda real, fastest: real == fastest,
        rows=None,
        iterations=3,
    )


def scenarios() -> list[Scenario]:
    return [my_work(), review_queue(), register(), cycle_open()]
