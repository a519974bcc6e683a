import csv
import io

import pytest
from django.urls import reverse

from koordinat.plans import exporting, services
from koordinat.plans.importing.matching import OrganizationIndex
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.importing.preview import build_preview
from koordinat.plans.importing.readers import read_tables
from koordinat.plans.models import Measure

from .files import AZ_HEADER, xlsx_bytes
from .test_import_services import FIRST_VERSION, plan  # noqa: F401 - the plan fixture


def import_bytes(actor, target, data: bytes, name: str):
    preview = build_preview(
        read_tables(io.BytesIO(data), name), filename=name, index=OrganizationIndex.build()
    )
    assert preview.is_clean, preview.to_json()["problems"]
    return services.plan_import_commit(actor=actor, plan=target, preview=preview)


def make_plan(coordinator, center, code):
    import datetime

    return services.plan_create(
        actor=coordinator,
        code=code,
        kind="action_plan",
        title={"az": f"Plan {code}"},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
    )


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_export_import_export_gives_the_same_plan(coordinator, center, plan, executors, fmt):  # noqa: F811
    import_bytes(coordinator, plan, xlsx_bytes(FIRST_VERSION), "original.xlsx")
    export = exporting.export_xlsx if fmt == "xlsx" else exporting.export_docx
    first = export(plan, "az")
    copy = make_plan(coordinator, center, "COPY")
    import_bytes(coordinator, copy, first, f"first.{fmt}")
    assert exporting.plan_rows(copy, "az") == exporting.plan_rows(plan, "az")
    second = export(copy, "az")
    assert [row.cells() for row in exporting.plan_rows(copy, "az")] == [
        row.cells() for row in exporting.plan_rows(plan, "az")
    ]
    tables_first = read_tables(io.BytesIO(first), f"a.{fmt}")
    tables_second = read_tables(io.BytesIO(second), f"b.{fmt}")
    # the same table, byte for byte, from its header down (the title line names each plan)
    assert [t.rows[t.rows.index(exporting.HEADERS["az"]) :] for t in tables_first] == [
        t.rows[t.rows.index(exporting.HEADERS["az"]) :] for t in tables_second
    ]


def test_csv_has_the_official_columns_in_the_chosen_language(coordinator, plan, executors):  # noqa: F811
    import_bytes(coordinator, plan, xlsx_bytes(FIRST_VERSION), "original.xlsx")
    rows = list(csv.reader(io.StringIO(exporting.export_csv(plan, "ru"))))
    assert rows[0] == exporting.HEADERS["ru"]
    assert [row[0] for row in rows[1:]] == ["1", "1.1", "1.2", "2"]
    assert rows[2][2] == "Министерство экологии и природных ресурсов; Министерство энергетики"


def test_decidim_csv_round_trip_keeps_the_tree_and_dates(coordinator, center, plan, executors):  # noqa: F811
    import_bytes(coordinator, plan, xlsx_bytes(FIRST_VERSION), "original.xlsx")
    data = exporting.export_decidim_csv(plan).encode()
    header = next(csv.reader(io.StringIO(data.decode()), delimiter=";"))
    assert header[:3] == ["id", "parent/id", "title/az"]
    preview = preview_file(io.BytesIO(data), "results.csv")
    assert preview.is_clean, preview.to_json()["problems"]
    assert [row.number for row in preview.rows] == ["1", "1.1", "1.2", "2"]
    quarter = preview.rows[1]
    assert (str(quarter.deadline.start), str(quarter.deadline.end)) == ("2026-04-01", "2026-06-30")


def test_decidim_csv_without_its_columns_is_refused(db):
    preview = preview_file(io.BytesIO(b"name,value\nx,1\n"), "other.csv")
    assert not preview.is_clean
    assert preview.problems[0].message.endswith("id, title/<locale>.")


def test_export_pages_for_anyone_who_can_see_the_plan(client, coordinator, plan, executors):  # noqa: F811
    import_bytes(
        coordinator,
        plan,
        xlsx_bytes([AZ_HEADER, ["1", "Tədbir", "Energetika Nazirliyi", "2026", ""]]),
        "p.xlsx",
    )
    assert (
        client.get(reverse("plans:export", args=[plan.code, "xlsx"])).status_code == 404
    )  # internal plan, anonymous
    client.force_login(coordinator)
    response = client.get(reverse("plans:export", args=[plan.code, "docx"]) + "?lang=en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{plan.code}-en.docx"'
    assert client.get(reverse("plans:export", args=[plan.code, "pdf"])).status_code == 404
    assert Measure.objects.filter(plan=plan).count() == 1


def test_a_control_character_in_a_measure_is_left_out_of_the_docx(coordinator, plan, executors):  # noqa: F811
    import_bytes(coordinator, plan, xlsx_bytes(FIRST_VERSION), "original.xlsx")
    measure = Measure.objects.filter(plan=plan).exclude(executors=None).first()
    Measure.objects.filter(pk=measure.pk).update(text_az=measure.text_az + "\x0bson")
    tables = read_tables(io.BytesIO(exporting.export_docx(plan, "az")), "plan.docx")
    cells = [cell for table in tables for row in table.rows for cell in row]
    assert measure.text_az + "son" in cells
