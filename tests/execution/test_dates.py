"""Dates out of range on the execution pages: refused on the field, nothing saved, never a 500
(a control date of 9999-12-31 used to overflow when working days were counted from it)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from koordinat.execution import services
from koordinat.execution.models import ControlItem, Extension, Report, ReportingCycle
from tests.dates import BAD_DATES, assert_refused, changes, english  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def report(coordinator, plan, ministry):
    cycle = services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    return cycle.reports.get(organization=ministry)


@pytest.mark.parametrize("day", BAD_DATES)
def test_a_completion_date_out_of_range_is_refused(client, executor, report, day):
    client.force_login(executor)
    before = changes()
    response = client.post(
        report.get_absolute_url(),
        {
            "version": report.version,
            "narrative": "Başa çatıb.",
            "narrative_language": "az",
            "claimed_status": "completed",
            "progress": "100",
            "completed_on": day,
        },
    )
    assert_refused(response, "completed_on")
    current = Report.objects.get(pk=report.pk)
    assert (current.version, current.completed_on, changes()) == (report.version, None, before)


@pytest.mark.parametrize("day", BAD_DATES)
def test_an_extension_to_a_date_out_of_range_is_refused(client, executor, report, day):
    client.force_login(executor)
    item = report.item
    before = changes()
    response = client.post(
        reverse("execution:extension_request", args=[item.pk]), {"new_date": day, "reason": "Gecikmə"}
    )
    assert_refused(response, "new_date")
    assert (Extension.objects.exists(), changes()) == (False, before)
    assert ControlItem.objects.get(pk=item.pk).control_date == item.control_date


@pytest.mark.parametrize("field", ["period_start", "period_end", "due_date"])
@pytest.mark.parametrize("day", BAD_DATES)
def test_a_cycle_dated_out_of_range_is_refused(client, coordinator, plan, field, day):
    client.force_login(coordinator)
    before = changes()
    data = {
        "kind": "one_off",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "due_date": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
        "co_executor_days_before": "3",
        field: day,
    }
    assert_refused(client.post(reverse("execution:plan_cycles", args=[plan.code]), data), field)
    assert (ReportingCycle.objects.exists(), changes()) == (False, before)


def test_a_note_the_office_types_reads_in_every_language(coordinator, plan):
    """Typed once on a Russian page, the note is kept in that language's column and every other
    page falls back to it rather than showing nothing."""
    with translation.override("ru"):
        cycle = services.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=datetime.date.today() + datetime.timedelta(days=30),
            note="Укажите исполнение за квартал",
        )
    cycle.refresh_from_db()
    assert cycle.note_ru == "Укажите исполнение за квартал"
    for language in ("az", "ru", "en"):
        with translation.override(language):
            assert cycle.note == "Укажите исполнение за квартал"
