"""Plans at national size: the plan register, the page of the largest plan, and importing a 10,000- and a 20,000-measure
XLSX (two sizes, so the results show whether an import's time and peak memory grow with its rows)."""

import datetime
import io
import re

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from openpyxl import Workbook, load_workbook

from bench.run import Scenario
from bench.scenarios.directory import _client, _coordinator, _rows, history, signed_in
from koordinat.directory.models import Organization
from koordinat.plans import services
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.models import Plan

IMPORT_ROWS = (10_000, 20_000)
PAGE = 200


def plan_page() -> Scenario:
    client: Client = _client()
    plan = Plan.objects.annotate(n=Count("measures")).order_by("-n", "pk").first()
    assert plan is not None, "generate plans first"
    url = f"/az/plans/{plan.code}/"
    reader = signed_in(client)

    def run() -> list[str]:
        response = client.get(url)
        assert response.status_code == 200
        # the links of the table rows (the page also links to adding an item)
        return re.findall(
            r'class="govuk-link" href="/az/plans/[^/]+/measures/([^/]+)/"', response.content.decode()
        )

    def limit() -> list[str]:
        reader()
        _rows(
            "SELECT p.*, o.name_az, a.* FROM plans_plan p JOIN directory_organization o ON o.id = p.coordinator_id "
            "LEFT JOIN plans_plan_amended_by x ON x.plan_id = p.id LEFT JOIN plans_legalact a ON a.id = x.legalact_id "
            "WHERE p.id = %s",
            [plan.pk],
        )
        _rows("SELECT * FROM plans_planparty WHERE plan_id = %s", [plan.pk])
        rows = _rows(
            "SELECT m.id, m.number, m.text_az, m.deadline_text, m.deadline_kind, m.other_executors_az "
            "FROM plans_measure m WHERE m.plan_id = %s ORDER BY m.sort_key LIMIT %s",
            [plan.pk, PAGE],
        )
        _rows("SELECT COUNT(*) FROM plans_measure WHERE plan_id = %s", [plan.pk])
        ids = [row[0] for row in rows]
        _rows(
            "SELECT e.measure_id, o.name_az, o.short_name_az FROM plans_executor e "
            "JOIN directory_organization o ON o.id = e.organization_id "
            f"WHERE e.measure_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY e.measure_id, e.position",
            ids,
        )
        _rows(  # the control flags of the rows
            f"SELECT measure_id, control_date, control_status FROM execution_controlitem "
            f"WHERE measure_id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        for column, table, link in (  # the filter's choices: areas, executors, districts of this plan
            ("area_id", "directory_body", "plans_measure"),
            ("organization_id", "directory_organization", "plans_executor"),
        ):
            _rows(
                f"SELECT t.id, t.name_az FROM {table} t WHERE t.id IN "
                f"(SELECT {column} FROM {link} WHERE plan_id = %s) ORDER BY t.name_az COLLATE koordinat_az",
                [plan.pk],
            )
        _rows(
            "SELECT d.id, d.name_az FROM places_district d WHERE d.id IN (SELECT l.district_id FROM "
            "plans_measure_districts l JOIN plans_measure m ON m.id = l.measure_id WHERE m.plan_id = %s) "
            "ORDER BY d.name_az COLLATE koordinat_az",
            [plan.pk],
        )
        history("plans.plan", plan.pk)
        return [row[1] for row in rows]

    count = plan.measures.count()
    return Scenario(
        name="plans.plan_page",
        description=f"GET the largest plan ({count} measures): its first page of {PAGE} items with executors",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the plan with its acts and parties, its measures in outline "
        "order, their executors with names and control flags, the filter's choices, the history",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
        iterations=10,
    )


def plan_list() -> Scenario:
    client: Client = _client()
    url = "/az/plans/"
    reader = signed_in(client)

    def run() -> list[str]:
        response = client.get(url)
        assert response.status_code == 200
        return re.findall(r'class="govuk-link" href="/az/plans/([^/]+)/"', response.content.decode())

    def limit() -> list[str]:
        reader()
        _rows(  # the filter's choices: bodies owning and organisations coordinating a plan
            "SELECT id, name_az FROM directory_body WHERE id IN (SELECT owning_body_id FROM plans_plan) "
            "ORDER BY name_az COLLATE koordinat_az, id"
        )
        _rows(
            "SELECT id, short_name_az, name_az FROM directory_organization "
            "WHERE id IN (SELECT coordinator_id FROM plans_plan) "
            "ORDER BY COALESCE(NULLIF(short_name_az, ''), name_az) COLLATE koordinat_az, id"
        )
        _rows("SELECT COUNT(*) FROM plans_plan")
        rows = _rows(
            "SELECT p.code, p.title_az, o.short_name_az, o.name_az, "
            "(SELECT COUNT(*) FROM plans_measure m WHERE m.plan_id = p.id) "
            "FROM plans_plan p JOIN directory_organization o ON o.id = p.coordinator_id "
            "ORDER BY p.period_start DESC, p.code LIMIT 50"
        )
        return [row[0] for row in rows]

    return Scenario(
        name="plans.plan_list",
        description="GET the plan register (first page of 50, each plan with its number of measures)",
        run=run,
        limit=limit,
        limit_description="raw SQL: who is signed in, the filter's bodies and organisations, the count, and the first 50 "
        "plans with coordinator and measure count",
        same_answer=lambda real, fastest: real == fastest,
        rows=min(50, Plan.objects.count()),
    )


def _plan_workbook(rows: int) -> bytes:
    """A plan table in the official layout, executors named as the registry names them."""
    names = [name for (name,) in _rows("SELECT name_az FROM directory_organization ORDER BY id LIMIT 50")]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.append(["№", "Tədbirin adı", "İcraçılar", "İcra müddəti", "Gözlənilən nəticə"])
    for index in range(rows):
        section, item = divmod(index, 20)
        number = str(section + 1) if item == 0 else f"{section + 1}.{item}"
        executors = (
            "" if item == 0 else "; ".join({names[(index + k) % len(names)] for k in range(1 + index % 3)})
        )
        deadline = (
            ""
            if item == 0
            else ["2026-cı ilin II rübü", "mütəmadi", "2026-2027-ci illər", "hər il"][index % 4]
        )
        sheet.append([number, f"Tədbir {number}", executors, deadline, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Rollback(Exception):
    pass


def _vacuum_import_tables() -> None:
    """Clear the dead rows a rolled-back import leaves: the next run would find every audit id it
    writes already taken by a dead row, which a real import, its ids never used before, never meets."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM core_auditevent, plans_measure, plans_executor, plans_plan")


def plan_import(rows: int) -> Scenario:
    data = _plan_workbook(rows)
    actor = _coordinator()
    coordinator = Organization.objects.order_by("pk").first()

    def run() -> int:
        """Read, check and commit the whole file into a new plan (created with the import, as the
        command line does); rolled back to keep the data fixed."""
        try:
            with transaction.atomic():
                preview = preview_file(io.BytesIO(data), "bench.xlsx")
                assert preview.is_clean, preview.to_json()["problems"][:3]
                result = services.plan_import_into(
                    actor=actor,
                    code="BENCH-IMPORT",
                    preview=preview,
                    new_plan={
                        "kind": "action_plan",
                        "title": {"az": "Bench"},
                        "period_start": datetime.date(2026, 1, 1),
                        "period_end": datetime.date(2027, 12, 31),
                        "coordinator": coordinator,
                    },
                )
                created = len(result.created)
                raise _Rollback
        except _Rollback:
            return created

    def limit() -> int:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        rows = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        return rows - 1

    return Scenario(
        name="plans.import_xlsx" if rows == IMPORT_ROWS[0] else f"plans.import_xlsx_{rows // 1000}k",
        description=f"import a {rows:,}-measure XLSX: read, match executors, parse deadlines, commit",
        run=run,
        limit=limit,
        limit_description="openpyxl alone reading every row of the same file (read-only mode)",
        same_answer=lambda real, fastest: real == fastest,
        rows=rows,
        iterations=3,
        reset=_vacuum_import_tables,
    )


def scenarios() -> list[Scenario]:
    return [plan_list(), plan_page(), *(plan_import(rows) for rows in IMPORT_ROWS)]
