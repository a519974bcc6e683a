"""Plan pages run the same number of queries with 10 measures and with 1,000."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.places.models import District
from koordinat.plans import services
from koordinat.plans.models import Executor, Indicator, IndicatorTarget, Measure, Plan, outline_sort_key


def grow(plan: Plan, organizations, count: int) -> None:
    start = plan.measures.count()
    district = District.objects.create(name="Ağdam", name_az="Ağdam", code=f"D{start}", geometry={})
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            number=f"{start + n + 1}",
            sort_key=outline_sort_key(f"{start + n + 1}"),
            text=f"Tədbir {n}",
            text_az=f"Tədbir {n}",
            deadline_text="2026",
        )
        for n in range(count)
    )
    Executor.objects.bulk_create(
        Executor(
            measure=m,
            plan_id=m.plan_id,
            organization=organizations[i % len(organizations)],
            role="lead",
            position=0,
        )
        for i, m in enumerate(measures)
    )
    Measure.districts.through.objects.bulk_create(
        Measure.districts.through(measure_id=m.pk, district_id=district.pk) for m in measures
    )
    indicator = Indicator.objects.create(measure=measures[0], name="Ailə", name_az="Ailə")
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=10)


def queries(client, url: str) -> int:
    cache.clear()  # nothing cached (the filters' choices): the most a page asks
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def plan(coordinator, center, approving_act):
    created = services.plan_create(
        actor=coordinator,
        code="QC-1",
        kind="action_plan",
        title={"az": "Plan"},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        status="in_force",
        approved_by=approving_act,
    )
    return services.plan_publish(actor=coordinator, plan=created, version=created.version)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda plan: reverse("plans:plans"),
        lambda plan: reverse("plans:plan", args=[plan.code]),
        lambda plan: reverse("plans:plan", args=[plan.code]) + "?q=Tədbir",
        lambda plan: reverse("plans:measure", args=[plan.code, "1"]),
    ],
    ids=["plans", "plan", "plan-filtered", "measure"],
)
def test_plan_pages_do_not_grow_with_measures(client, coordinator, plan, executors, url_for):
    """The office's plan pages; anonymous visitors read the portal's (tests/portal/test_query_counts.py)."""
    client.force_login(coordinator)
    organizations = list(executors.values())
    grow(plan, organizations, 10)
    small = queries(client, url_for(plan))
    grow(plan, organizations, 990)
    assert queries(client, url_for(plan)) == small


def test_an_import_runs_as_many_queries_for_200_items_as_for_20(coordinator, center, executors):
    """New items, their executors and their audit events go in as a few bulk statements."""
    import io

    from koordinat.plans.importing.matching import OrganizationIndex
    from koordinat.plans.importing.preview import build_preview
    from koordinat.plans.importing.readers import read_tables

    from .files import AZ_HEADER, xlsx_bytes

    def imported(count: int) -> int:
        rows = [AZ_HEADER]
        for n in range(count):
            section, item = divmod(n, 10)
            number = f"{section + 1}" if item == 0 else f"{section + 1}.{item}"
            rows.append(
                [number, f"Tədbir {number}", "" if item == 0 else "ETSN; Energetika Nazirliyi", "2026", ""]
            )
        data = xlsx_bytes(rows)
        preview = build_preview(
            read_tables(io.BytesIO(data), "p.xlsx"), filename="p.xlsx", index=OrganizationIndex.build()
        )
        target = services.plan_create(
            actor=coordinator,
            code=f"QC-{count}",
            kind="action_plan",
            title={"az": "Plan"},
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
            coordinator=center,
        )
        with CaptureQueriesContext(connection) as captured:
            services.plan_import_commit(actor=coordinator, plan=target, preview=preview)
        assert target.measures.count() == count
        return len(captured)

    assert imported(200) == imported(20)
