"""The shared range of years for every date people give: form fields and services (issue #11, 7)."""

import datetime
import importlib
import inspect
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from koordinat.core.dates import dates_in_range
from koordinat.core.fields import IsoDateField, IsoDateTimeField
from tests.dates import MESSAGE, english  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("english")

SERVICE_MODULES = ["directory", "execution", "meetings", "plans"]


@pytest.mark.parametrize("field", [IsoDateField, IsoDateTimeField])
def test_the_fields_take_the_years_1900_to_2100_and_nothing_else(field):
    for value in ("1900-01-01", "2100-12-31 23:59" if field is IsoDateTimeField else "2100-12-31"):
        assert field().clean(value)
    for value in ("0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"):
        with pytest.raises(ValidationError) as refused:
            field().clean(value)
        assert refused.value.messages == [MESSAGE]


def test_the_range_is_a_setting(settings):
    settings.KOORDINAT_DATE_MIN_YEAR, settings.KOORDINAT_DATE_MAX_YEAR = 2000, 2030
    with pytest.raises(ValidationError, match="from 2000-01-01 to 2030-12-31"):
        IsoDateField().clean("1999-12-31")
    assert IsoDateField().clean("2030-12-31") == datetime.date(2030, 12, 31)


def test_the_message_is_translated():
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        IsoDateField().clean("9999-12-31")
    assert refused.value.messages[0] != MESSAGE


def date_taking_services():
    """(module, name, parameter, annotation) for every public service that takes a date or a moment."""
    found = []
    for app in SERVICE_MODULES:
        module = importlib.import_module(f"koordinat.{app}.services")
        for name, function in vars(module).items():
            if (
                name.startswith("_")
                or not inspect.isfunction(function)
                or not (function.__module__ + ".").startswith(module.__name__ + ".")
            ):
                continue
            for parameter in inspect.signature(function).parameters.values():
                annotation = str(parameter.annotation)
                if re.search(r"\bdate(time)?\b", annotation):
                    found.append((app, name, parameter.name, annotation))
    return found


SERVICES = date_taking_services()
WRAPPED = dates_in_range(lambda: None).__code__


def test_the_services_taking_dates_are_found():
    names = {f"{app}.{name}" for app, name, _parameter, _annotation in SERVICES}
    assert {"directory.membership_end", "execution.extension_request", "meetings.meeting_create"} <= names
    assert {"plans.plan_create", "plans.legal_act_create", "execution.item_set_control_date"} <= names
    assert {"execution.record_overdue_items", "plans.purge_abandoned_imports"} <= names
    assert len(names) == 22


@pytest.mark.parametrize(("app", "name", "parameter", "annotation"), SERVICES, ids=lambda value: str(value))
@pytest.mark.parametrize("year", [1, 9999])
def test_every_service_taking_a_date_refuses_one_out_of_range_on_its_field(
    app, name, parameter, annotation, year
):
    """Refused before the service reads any other argument or the database: none are given."""
    service = getattr(importlib.import_module(f"koordinat.{app}.services"), name)
    assert service.__code__ is WRAPPED, f"{app}.{name} is not wrapped in core.dates.dates_in_range"
    day = datetime.date(year, 1, 1) if year == 1 else datetime.date(year, 12, 31)
    if "datetime" in annotation:
        day = datetime.datetime.combine(day, datetime.time(12), datetime.UTC)
    with pytest.raises(ValidationError) as refused:
        service(**{parameter: day})
    assert refused.value.message_dict == {parameter: [MESSAGE]}


def test_dates_in_range_lets_dates_in_range_through():
    @dates_in_range
    def service(*, day: datetime.date, label: str) -> str:
        return f"{label} {day}"

    assert service(day=datetime.date(2026, 3, 1), label="x") == "x 2026-03-01"
