"""Dates out of range on the plan pages and in a Decidim import: refused on the field, nothing saved."""

import datetime
import io

import pytest
from django.urls import reverse

from koordinat.plans import services
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.models import LegalAct, Plan
from tests.dates import BAD_DATES, assert_refused, changes, english  # noqa: F401 - the fixture

from .test_edit_views import plan_form_data

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def plan(coordinator, center):
    return services.plan_create(
        actor=coordinator,
        code="NAP-2020",
        kind="national_action_plan",
        title={"az": "Milli Fəaliyyət Planı"},
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        coordinator=center,
    )


@pytest.mark.parametrize("day", BAD_DATES)
def test_a_legal_act_dated_out_of_range_is_refused(client, coordinator, day):
    client.force_login(coordinator)
    before = changes()
    response = client.post(
        reverse("plans:legal_act_create"),
        {"kind": "order", "number": "1", "date": day, "title_az": "Sərəncam"},
    )
    assert_refused(response, "date")
    assert (changes(), LegalAct.objects.count()) == (before, 0)


@pytest.mark.parametrize("field", ["period_start", "period_end"])
@pytest.mark.parametrize("day", BAD_DATES)
def test_a_plan_period_out_of_range_is_refused_on_create_and_edit(
    client, coordinator, center, plan, field, day
):
    client.force_login(coordinator)
    before = changes()
    assert_refused(client.post(reverse("plans:plan_create"), plan_form_data(center, **{field: day})), field)
    assert not Plan.objects.filter(code="GR-2022").exists()
    edit = plan_form_data(center, code=plan.code, version=str(plan.version), **{field: day})
    assert_refused(client.post(reverse("plans:plan_edit", args=[plan.code]), edit), field)
    assert changes() == before
    plan.refresh_from_db()
    assert (plan.period_start.year, plan.period_end.year) == (2020, 2022)


def test_a_decidim_result_dated_out_of_range_is_a_problem_of_its_row(db):
    data = (
        "id,parent/id,title/az,start_date,end_date\n"
        "1,,Birinci,2026-01-01,2026-12-31\n"
        "2,,İkinci,0001-01-01,9999-12-31\n"
    ).encode()
    preview = preview_file(io.BytesIO(data), "results.csv")
    first, second = preview.rows
    assert (first.deadline.start.year, first.deadline.end.year) == (2026, 2026)
    assert (second.deadline.start, second.deadline.end) == (None, None)
    assert [(p.row, p.column, p.message) for p in second.problems if p.severity == "error"] == [
        (3, "start_date", "The date 0001-01-01 is not between 1900-01-01 and 2100-12-31."),
        (3, "end_date", "The date 9999-12-31 is not between 1900-01-01 and 2100-12-31."),
    ]
    assert not preview.is_clean
