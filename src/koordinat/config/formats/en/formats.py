"""English dates as written outside the United States: "5 December 2026", "5 December 2026, 14:30",
and "05.12.2026" (day first, as on the Azerbaijani and Russian pages: "12/05/2026" reads two ways)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
