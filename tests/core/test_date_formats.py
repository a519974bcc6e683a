"""Dates in each language's own format (config/formats): the named formats every page uses."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.utils import formats, translation

DAY = datetime.date(2026, 12, 5)
MOMENT = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Baku"))


@pytest.mark.parametrize(
    ("language", "date", "moment", "short", "time"),
    [
        ("az", "5 dekabr 2026", "5 mart 2026, 09:30", "05.12.2026", "09:30"),
        ("ru", "5 декабря 2026 г.", "5 марта 2026 г., 09:30", "05.12.2026", "09:30"),
        ("en", "5 December 2026", "5 March 2026, 09:30", "05.12.2026", "09:30"),
    ],
)
def test_named_formats(language, date, moment, short, time):
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == date
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert formats.time_format(MOMENT, "TIME_FORMAT") == time
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == f"05.03.2026 {time}"


@pytest.mark.parametrize(
    ("language", "months"),
    [
        ("az", "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr"),
        ("ru", "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"),
        ("en", "January February March April May June July August September October November December"),
    ],
)
def test_the_month_in_a_date(language, months):
    """Azerbaijani writes the month small inside a date (Django's catalogue has "Dekabr"); Russian
    in the genitive."""
    with translation.override(language):
        shown = [formats.date_format(datetime.date(2026, month, 1)) for month in range(1, 13)]
    assert shown == [f"1 {name} 2026{' г.' if language == 'ru' else ''}" for name in months.split()]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("az", "5 dekabr 2026|05.12.2026"),
        ("ru", "5 декабря 2026 г.|05.12.2026"),
        ("en", "5 December 2026|05.12.2026"),
    ],
)
def test_templates_use_them(language, expected):
    template = engines["django"].from_string('{{ day|date }}|{{ day|date:"SHORT_DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render({"day": DAY}) == expected
