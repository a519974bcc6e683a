"""Execution periods read with their plan's approving act and period (issue 12, item 2): in the import
preview and what it commits, when a measure is entered by hand, and again when the plan changes."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from koordinat.plans import services
from koordinat.plans.importing import pipeline
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.models import Measure, PlanImport

from .files import AZ_HEADER, xlsx_bytes
from .test_plan_services import content, new_plan, update_values

ROWS = [
    AZ_HEADER,
    ["1", "Bölmə", "", "", ""],
    ["1.1", "Qaydaların hazırlanması", "Energetika Nazirliyi", "3 ay ərzində", ""],
    ["1.2", "Hesabatın təqdimatı", "Energetika Nazirliyi", "7/6/2022", ""],
    ["1.3", "Monitorinq", "Energetika Nazirliyi", "IV rüb", ""],
    ["1.4", "Qiymətləndirmə", "Energetika Nazirliyi", "növbəti il", ""],
]


@pytest.fixture
def parses(monkeypatch):
    """The names of the plan files parsed."""
    calls = []
    real = pipeline.open_tables
    monkeypatch.setattr(
        pipeline, "open_tables", lambda *args, **kwargs: calls.append(args[1]) or real(*args, **kwargs)
    )
    return calls


@pytest.fixture
def act(coordinator):
    return services.legal_act_create(
        actor=coordinator,
        kind="order",
        number="12",
        date=datetime.date(2022, 2, 10),
        title={"az": "Planın təsdiqi", "ru": "", "en": ""},
    )


@pytest.fixture
def plan_2022(coordinator, center, act):
    return new_plan(
        coordinator,
        center,
        code="AP-2022",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        approved_by=act,
    )


def preview_for(plan, language="en"):
    with translation.override(language):
        return preview_file(io.BytesIO(xlsx_bytes(ROWS)), "plan.xlsx", plan=plan)


def test_without_a_plan_the_cells_that_need_one_are_unreadable_and_the_ambiguous_date_named(executors):
    preview = preview_for(None)
    rows = {row.number: row for row in preview.rows}
    assert (rows["1.1"].deadline.kind, rows["1.1"].deadline.end) == ("relative", None)
    assert [rows[n].deadline.kind for n in ("1.2", "1.3", "1.4")] == ["unparseable"] * 3
    (ambiguous,) = [p for p in preview.all_problems if p.code == "ambiguous_deadline"]
    assert (ambiguous.row, ambiguous.severity, ambiguous.column) == (4, "warning", "execution period")
    assert ambiguous.message == (
        "The execution period “7/6/2022” could be read two ways: 7 June 2022 (day first) or 6 July 2022 "
        "(month first). It is kept as written and the item needs a control date; write the date "
        "unambiguously (31.12.2022) to have it read."
    )
    with translation.override("en"):
        assert rows["1.2"].reading == "ambiguous, 7 June 2022 or 6 July 2022: needs a control date"
    assert rows["1.2"].needs_control_date
    assert preview.is_clean  # warned, not refused


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("az", ["7 iyun 2022", "6 iyul 2022"]),
        ("ru", ["7 июня 2022", "6 июля 2022"]),
    ],
)
def test_the_ambiguous_warning_names_both_readings_in_the_users_language(executors, language, words):
    preview = preview_for(None, language)
    (ambiguous,) = [p for p in preview.all_problems if p.code == "ambiguous_deadline"]
    assert all(word in ambiguous.message for word in words)
    assert "7/6/2022" in ambiguous.message
    assert "could be read two ways" not in ambiguous.message


def test_in_a_plan_a_duration_ends_after_its_act_and_yearless_cells_take_the_plans_year(executors, plan_2022):
    preview = preview_for(plan_2022)
    rows = {row.number: row for row in preview.rows}
    relative = rows["1.1"]
    assert (relative.deadline.kind, relative.deadline.offset, relative.deadline.end) == (
        "relative",
        "P3M",
        datetime.date(2022, 5, 10),
    )
    with translation.override("en"):
        assert relative.reading == "by 10 May 2022"
    assert not relative.needs_control_date
    assert (rows["1.3"].deadline.start, rows["1.3"].deadline.end) == (
        datetime.date(2022, 10, 1),
        datetime.date(2022, 12, 31),
    )
    assert (rows["1.4"].deadline.kind, rows["1.4"].deadline.start) == ("year", datetime.date(2023, 1, 1))
    assert rows["1.2"].deadline.kind == "unparseable"  # the context does not settle 7/6/2022


def test_the_kept_preview_is_read_again_when_the_plans_act_changes(
    client, coordinator, executors, plan_2022, parses
):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("plan.xlsx", xlsx_bytes(ROWS)), "plan": "AP-2022", "kind": "action_plan"},
    )
    url = response["Location"]
    preview = client.get(url).context["preview"]
    assert preview.rows[1].deadline.end == datetime.date(2022, 5, 10)
    assert parses == ["plan.xlsx"]
    later = services.legal_act_create(
        actor=coordinator, kind="order", number="13", date=datetime.date(2022, 3, 1), title={"az": "Yeni"}
    )
    services.plan_update(
        actor=coordinator,
        plan=plan_2022,
        version=plan_2022.version,
        **update_values(plan_2022, approved_by=later),
    )
    preview = client.get(url).context["preview"]
    assert preview.rows[1].deadline.end == datetime.date(2022, 6, 1)
    assert parses == ["plan.xlsx", "plan.xlsx"]
    client.get(url)
    assert parses == ["plan.xlsx", "plan.xlsx"]  # kept again with the new context
    assert client.post(url, {"commit": "1"}).status_code == 302
    assert PlanImport.objects.get().status == PlanImport.Status.COMMITTED
    stored = Measure.objects.get(plan=plan_2022, number="1.1")
    assert (stored.deadline_kind, stored.deadline_offset, stored.deadline_end) == (
        "relative",
        "P3M",
        datetime.date(2022, 6, 1),
    )
    assert Measure.objects.get(plan=plan_2022, number="1.3").deadline_end == datetime.date(2022, 12, 31)


def test_a_measure_entered_by_hand_is_read_with_its_plans_context(coordinator, plan_2022):
    services.measure_create(actor=coordinator, plan=plan_2022, number="1", content=content())
    measure = services.measure_create(
        actor=coordinator, plan=plan_2022, number="1.1", content=content(deadline_text="в течение месяца")
    )
    assert (measure.deadline_kind, measure.deadline_end) == ("relative", datetime.date(2022, 3, 10))
    updated = services.measure_update(
        actor=coordinator,
        measure=measure,
        version=measure.version,
        content=content(deadline_text="dekabr ayı"),
    )
    assert (updated.deadline_kind, updated.deadline_start, updated.deadline_end) == (
        "month",
        datetime.date(2022, 12, 1),
        datetime.date(2022, 12, 31),
    )


def test_changing_the_plans_act_or_period_reads_its_items_periods_again(coordinator, plan_2022):
    services.measure_create(actor=coordinator, plan=plan_2022, number="1", content=content())
    for number, text in (("1.1", "3 ay ərzində"), ("1.2", "IV rüb"), ("1.3", "2022-ci il")):
        services.measure_create(
            actor=coordinator, plan=plan_2022, number=number, content=content(deadline_text=text)
        )
    services.plan_update(
        actor=coordinator,
        plan=plan_2022,
        version=plan_2022.version,
        **update_values(plan_2022, approved_by=None, period_end=datetime.date(2024, 12, 31)),
    )
    ends = dict(Measure.objects.filter(plan=plan_2022).values_list("number", "deadline_end"))
    kinds = dict(Measure.objects.filter(plan=plan_2022).values_list("number", "deadline_kind"))
    assert (kinds["1.1"], ends["1.1"]) == ("relative", None)  # no act: nothing to count from
    assert (kinds["1.2"], ends["1.2"]) == ("unparseable", None)  # a plan of three years: which IV rüb?
    assert ends["1.3"] == datetime.date(2022, 12, 31)
    from koordinat.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="plan.update").latest("pk").data["periods_reread"] == 2
