"""Dashboards at national size: the Headquarters overview as a coordinator and the dashboard of the
ministry with the most assignments, each beside the raw SQL of its aggregates."""

import re
from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.test import Client
from django.utils import timezone

from bench.run import Scenario
from bench.scenarios.directory import _rows, signed_in
from bench.scenarios.execution import PLAN_OPTIONS, _user
from koordinat.accounts.models import Role
from koordinat.analytics.periods import compared_quarters, quarter, year
from koordinat.execution.models import Assignment, ControlItem
from koordinat.execution.timeliness import last_due_day
from koordinat.plans.models import Plan

STATUSES = ControlItem.Status.values
RUNNING = ("on_control", "extended")
LATEST = 10


def _statuses(text: str) -> list[int]:
    """The counts of the page's first table (items by control status), in the statuses' order."""
    return [int(value) for value in re.findall(r'data-value="(\d+)"', text)[: len(STATUSES)]]


def _periods() -> list[tuple[Any, Any]]:
    """The periods a dashboard counts by default: this year, its quarters, and the three compared."""
    today = timezone.localdate()
    this_year = year(today.year)
    found: list[tuple[Any, Any]] = []
    for period in [
        this_year,
        *(quarter(today.year, n) for n in range(1, 5)),
        *compared_quarters(this_year, today),
    ]:
        bounds = (period.start, last_due_day(period.end, today))
        if period.start < today and bounds not in found:
            found.append(bounds)
    return found


def _aggregates(*, items_where: str, answering: str, reports_where: str, items_join: str = "") -> list[int]:
    """A dashboard's four reads in SQL: counts of items by status, overdue and due soon; completions due
    and on time per period; reports due, on time, late and their items per period; the latest reports."""
    today = timezone.localdate()
    soon = today + timezone.timedelta(days=30)
    statuses = ", ".join(f"COUNT(*) FILTER (WHERE i.control_status = '{status}')" for status in STATUSES)
    counts = _rows(
        f"SELECT COUNT(*), COUNT(*) FILTER (WHERE i.control_status IN {RUNNING} AND i.control_date < %s), "
        f"COUNT(*) FILTER (WHERE i.control_status IN {RUNNING} AND i.control_date BETWEEN %s AND %s), {statuses} "
        f"FROM execution_controlitem i {items_join} WHERE {items_where}",
        [today, today, soon],
    )
    completions, reports, params, report_params = [], [], [], []
    periods = _periods()
    for index, (start, end) in enumerate(periods):
        due = "i.control_date BETWEEN %s AND %s AND i.control_status <> 'cancelled'"
        completions += [
            f"COUNT(*) FILTER (WHERE {due})",
            f"COUNT(*) FILTER (WHERE {due} AND a.execution_status = 'completed' AND a.completed_on <= i.control_date)",
        ]
        params += [start, end, start, end]
        sent = "r.due_date BETWEEN %s AND %s"
        on_time = "(r.first_submitted_at AT TIME ZONE 'Asia/Baku')::date <= r.due_date"
        late = f"(r.first_submitted_at IS NULL OR NOT {on_time})"
        reports += [
            f"COUNT(*) FILTER (WHERE {sent})",
            f"COUNT(*) FILTER (WHERE {sent} AND {on_time})",
            f"COUNT(*) FILTER (WHERE {sent} AND {late})",
        ]
        report_params += [start, end] * 3
        if index == 0:  # the items of the selected period's reports
            reports += [
                f"COUNT(DISTINCT r.item_id) FILTER (WHERE {sent})",
                f"COUNT(DISTINCT r.item_id) FILTER (WHERE {sent} AND {on_time})",
                f"COUNT(DISTINCT r.item_id) FILTER (WHERE {sent} AND {late})",
            ]
            report_params += [start, end] * 3
    _rows(
        f"SELECT {', '.join(completions)} FROM execution_assignment a "
        f"JOIN execution_controlitem i ON i.id = a.item_id {items_join} WHERE {answering} AND {items_where}",
        params,
    )
    first, last = min(start for start, _end in periods), max(end for _start, end in periods)
    of_items = (
        ""
        if items_where == "TRUE"
        else f"AND r.item_id IN (SELECT i.id FROM execution_controlitem i WHERE {items_where})"
    )
    _rows(
        f"SELECT {', '.join(reports)} FROM execution_report r "
        f"WHERE r.due_date BETWEEN %s AND %s AND {reports_where} {of_items}",
        [*report_params, first, last],
    )
    _rows(
        "SELECT r.id, r.item_id, p.code, m.number, n.number, r.submitted_at, r.status, r.is_lead, "
        "o.short_name_az, o.name_az FROM execution_report r JOIN execution_controlitem i ON i.id = r.item_id "
        "LEFT JOIN plans_plan p ON p.id = i.plan_id LEFT JOIN plans_measure m ON m.id = i.measure_id "
        "LEFT JOIN meetings_instruction n ON n.id = i.instruction_id "
        "JOIN directory_organization o ON o.id = r.organization_id "
        f"WHERE r.first_submitted_at IS NOT NULL AND {reports_where} {of_items} "
        "ORDER BY r.submitted_at DESC, r.id DESC LIMIT %s",
        [LATEST],
    )
    return list(counts[0][3:])


def _scenario(name: str, description: str, client: Client, url: str, limit: Callable[[], Any]) -> Scenario:
    def run() -> list[int]:
        response = client.get(url)
        assert response.status_code == 200
        return _statuses(response.content.decode())

    return Scenario(
        name=name,
        description=description,
        run=run,
        limit=limit,
        limit_description=(
            "raw SQL: who is signed in, the plans of the filter, the items by status with overdue and due soon, "
            "completions and reports due and on time in every period shown, the latest reports "
            "(and on the Headquarters' overview each plan's items, overdue and due soon)"
        ),
        same_answer=lambda real, fastest: real == fastest,
        rows=None,
        iterations=10,
    )


def headquarters() -> Scenario:
    controller_id = Plan.objects.order_by("pk").values_list("coordinator_id", flat=True).first()
    assert controller_id is not None, "generate plans first"
    client = Client()
    client.force_login(_user("bench-controller@koordinat.test", Role.COORDINATOR, controller_id))
    reader = signed_in(client)
    total = ControlItem.objects.count()

    def fastest() -> list[int]:
        reader()
        _rows(PLAN_OPTIONS)
        counts = _aggregates(items_where="TRUE", answering="a.role = 'lead'", reports_where="TRUE")
        today = timezone.localdate()
        _rows(  # each plan's items, overdue and due soon
            "SELECT i.plan_id, p.code, p.title_az, p.title_ru, p.title_en, COUNT(*), "
            f"COUNT(*) FILTER (WHERE i.control_status IN {RUNNING} AND i.control_date < %s), "
            f"COUNT(*) FILTER (WHERE i.control_status IN {RUNNING} AND i.control_date BETWEEN %s AND %s) "
            "FROM execution_controlitem i JOIN plans_plan p ON p.id = i.plan_id "
            "GROUP BY i.plan_id, p.code, p.title_az, p.title_ru, p.title_en ORDER BY p.code",
            [today, today, today + timezone.timedelta(days=30)],
        )
        return counts

    return _scenario(
        "analytics.headquarters",
        f"GET the Headquarters overview as a coordinator: every figure over all {total} items, this year",
        client,
        "/az/analytics/",
        fastest,
    )


def ministry() -> Scenario:
    busiest = (
        Assignment.objects.values("organization_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization_id")
        .first()
    )
    assert busiest is not None, "generate plans first"
    organization = busiest["organization_id"]
    controller_id = Plan.objects.order_by("pk").values_list("coordinator_id", flat=True).first()
    client = Client()
    client.force_login(_user("bench-controller@koordinat.test", Role.COORDINATOR, controller_id))
    reader = signed_in(client)
    mine = f"i.id IN (SELECT item_id FROM execution_assignment WHERE organization_id = {int(organization)})"

    def fastest() -> list[int]:
        reader()
        _rows(PLAN_OPTIONS)
        _rows("SELECT id, short_name_az, name_az FROM directory_organization WHERE id = %s", [organization])
        return _aggregates(
            items_where=mine,
            answering=f"a.organization_id = {int(organization)}",
            reports_where=f"r.organization_id = {int(organization)}",
        )

    return _scenario(
        "analytics.ministry",
        f"GET the dashboard of the ministry with the most assignments ({busiest['n']}), this year",
        client,
        f"/az/analytics/organizations/{organization}/",
        fastest,
    )


def scenarios() -> list[Scenario]:
    return [headquarters(), ministry()]
