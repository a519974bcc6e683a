"""Each language's own way of writing dates (settings FORMAT_MODULE_PATH): the named formats
DATE_FORMAT, DATETIME_FORMAT, SHORT_DATE_FORMAT, ... that every page and document uses. What a
module here leaves out (input formats, number separators) comes from Django's locale.

    az  5 dekabr 2026        5 dekabr 2026, 14:30     05.12.2026
    ru  5 декабря 2026 г.    5 декабря 2026 г., 14:30 05.12.2026
    en  5 December 2026      5 December 2026, 14:30   05.12.2026

The month in a date ("E") is Django's "alt. month" name. Django's Azerbaijani catalogue gives it a
capital ("5 Dekabr 2026"), which Azerbaijani writes only at the start of a sentence; the names below
put those messages in our catalogues, which take precedence over Django's: "dekabr" in az, the
genitive "декабря" in ru (as Django has it), "December" in en.
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = {
    1: pgettext_lazy("alt. month", "January"),
    2: pgettext_lazy("alt. month", "February"),
    3: pgettext_lazy("alt. month", "March"),
    4: pgettext_lazy("alt. month", "April"),
    5: pgettext_lazy("alt. month", "May"),
    6: pgettext_lazy("alt. month", "June"),
    7: pgettext_lazy("alt. month", "July"),
    8: pgettext_lazy("alt. month", "August"),
    9: pgettext_lazy("alt. month", "September"),
    10: pgettext_lazy("alt. month", "October"),
    11: pgettext_lazy("alt. month", "November"),
    12: pgettext_lazy("alt. month", "December"),
}
