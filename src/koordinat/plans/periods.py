"""What an execution period was read as, in words, and whether its item needs a control date set by hand.

An item under control needs a control date unless it is reported on every cycle. It needs one set by
its controller ("needs a control date") when none can be read from its period:
- the period is unreadable, or ambiguous (`Deadline.needs_review`);
- no period is written at all;
- the period is relative and its end cannot be computed: it counts from the act's entry into force or
  from an event named in the text, whose dates Koordinat does not know. A period counted from the
  plan's approval ends that long after the date of the plan's approving act, and needs none.
Continuous and recurring items ("mütəmadi", "hər il") are reported on every cycle and are never
flagged; nor are sections (items without executors), which are not put under control.
"""

import datetime
import functools
import re
from calendar import monthrange
from dataclasses import dataclass
from html import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, npgettext, pgettext
from django.utils.translation import gettext as _

UNDATED_KINDS = frozenset({"continuous", "recurring"})  # reported on every cycle: no single due date


def needs_control_date(*, kind: str, end: datetime.date | None, anchor: str | None) -> bool:
    """Whether no control date can be read from a period (see the module's docstring); `kind` is ""
    when no period is written."""
    if kind in UNDATED_KINDS or end is not None:
        return False
    return not (kind == "relative" and anchor == "approval")


def relative_end(offset: str | None, since: datetime.date) -> datetime.date | None:
    """The day a period "within 6 months" (`P6M`) counted from `since` ends; a month later than the
    31st ends on the last day of the shorter month."""
    match = re.fullmatch(r"P([0-9]+)([DWMY])", offset or "")
    if not match:
        return None
    count, unit = int(match.group(1)), match.group(2)
    if unit in "DW":
        return since + datetime.timedelta(days=count * (7 if unit == "W" else 1))
    months = since.month - 1 + count * (12 if unit == "Y" else 1)
    year, month = since.year + months // 12, months % 12 + 1
    if year > datetime.MAXYEAR:
        return None
    return datetime.date(year, month, min(since.day, monthrange(year, month)[1]))


def _duration(offset: str | None, *, within: bool = False) -> str:
    """A duration in words as "after" takes it ("6 months after …") or, with `within`, as "within" does:
    Russian puts the noun in the accusative after "через" ("через 1 неделю") and in the genitive after
    "в течение" ("в течение 1 недели", "в течение 3 месяцев")."""
    match = re.fullmatch(r"P([0-9]+)([DWMY])", offset or "")
    if not match:
        return ""
    count = int(match.group(1))
    if within:
        return {
            "D": npgettext("a duration after 'within'", "%(count)d day", "%(count)d days", count),
            "W": npgettext("a duration after 'within'", "%(count)d week", "%(count)d weeks", count),
            "M": npgettext("a duration after 'within'", "%(count)d month", "%(count)d months", count),
            "Y": npgettext("a duration after 'within'", "%(count)d year", "%(count)d years", count),
        }[match.group(2)] % {"count": count}
    words = {
        "D": npgettext("a duration before 'after'", "%(count)d day", "%(count)d days", count),
        "W": npgettext("a duration before 'after'", "%(count)d week", "%(count)d weeks", count),
        "M": npgettext("a duration before 'after'", "%(count)d month", "%(count)d months", count),
        "Y": npgettext("a duration before 'after'", "%(count)d year", "%(count)d years", count),
    }
    return words[match.group(2)] % {"count": count}


def rule_words(*, kind: str, recurrence: str | None, anchor: str | None) -> str:
    """How a period without one due date was read ("every year, by 1 March"), in words."""
    if kind == "continuous":
        return _("continuous, with no single due date")
    if kind == "relative":
        anchors = {
            "approval": _("counted from the approval of the plan"),
            "entry_into_force": _("counted from the entry into force of the act"),
        }
        return anchors.get(anchor or "", _("counted from the event named in the text"))
    if kind != "recurring":
        return ""
    unit, _sep, due = (recurrence or "").partition(":")
    every = {
        "yearly": _("every year"),
        "half_yearly": _("every half-year"),
        "quarterly": _("every quarter"),
        "monthly": _("every month"),
        "as_needed": _("as needed"),
    }.get(unit, unit)
    if due.startswith("+"):
        return _("%(every)s, within %(days)s days after each period") % {"every": every, "days": due[1:]}
    if due:
        month, day = (int(part) for part in due.split("-"))
        return _("%(every)s, by %(day)s") % {
            "every": every,
            "day": formats.date_format(datetime.date(2000, month, day), "j E"),
        }
    return every


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _dates(start: datetime.date | None, end: datetime.date) -> str:
    if start is None:
        return _("by %(date)s") % {"date": _day(end)}
    if start == end:
        return _day(end)
    return f"{_day(start)} – {_day(end)}"


def reading(
    *,
    kind: str,
    start: datetime.date | None,
    end: datetime.date | None,
    recurrence: str | None,
    offset: str | None,
    anchor: str | None,
) -> str:
    """The dates (or the rule) a readable period was read as, in the active language: "1 Oct 2026 –
    31 Dec 2026", "by 30 June 2026", "every year, by 1 March", "6 months after the approval of the plan"."""
    if kind == "relative" and end is None:
        if anchor == "approval":
            return _("%(duration)s after the approval of the plan") % {"duration": _duration(offset)}
        return rule_words(kind=kind, recurrence=recurrence, anchor=anchor)
    if kind in UNDATED_KINDS:
        bounds = f" ({_dates(start, end)})" if end else ""
        return rule_words(kind=kind, recurrence=recurrence, anchor=anchor) + bounds
    return _dates(start, end) if end else ""


# ---------------------------------------------------------------------------------------------
# An execution period in the page's language, from what it was read as (`Deadline`), not its wording:
# "2025–2027", "every year", "Q4 2026" in English; "2025–2027 гг.", "ежегодно", "IV квартал 2026 г."
# in Russian; "2025–2027-ci illər", "hər il", "2026-cı ilin IV rübü" in Azerbaijani. The messages are
# gettext's; what Azerbaijani grammar adds to a number (the ordinal suffix of a year, "2026-cı") and
# a month named inside a phrase in small letters are done here, as Django's formats do for dates.

# The suffix follows the vowel of the number's last word: bir, iki, üç, dörd, beş, altı, yeddi, səkkiz,
# doqquz; on, iyirmi, otuz, qırx, əlli, altmış, yetmiş, səksən, doxsan; yüz; min.
_AZ_UNIT_SUFFIX = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_AZ_TENS_SUFFIX = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}


def az_ordinal(number: int) -> str:
    """ "2026-cı", "2025-ci", "2024-cü", "2030-cu", "2000-ci": the Azerbaijani ordinal of a number."""
    if number % 10:
        suffix = _AZ_UNIT_SUFFIX[number % 10]
    elif number % 100:
        suffix = _AZ_TENS_SUFFIX[number // 10 % 10]
    elif number % 1000:
        suffix = "cü"  # yüz
    else:
        suffix = "ci"  # min
    return f"{number}-{suffix}"


def _is_az() -> bool:
    return (get_language() or "").split("-")[0] == "az"


def _year(number: int) -> str:
    """A year as the period messages take it: an ordinal in Azerbaijani ("2026-cı il"), else the number."""
    return az_ordinal(number) if _is_az() else str(number)


def _month_name(day: datetime.date) -> str:
    name = formats.date_format(day, "F")
    if _is_az():  # inside a phrase: "2026-cı ilin dekabr ayı"; İ and I are i and ı in small letters
        name = name.replace("İ", "i").replace("I", "ı").lower()
    return name


def _quarter_numeral(number: int) -> str:
    return {
        1: pgettext("number of a quarter", "1"),
        2: pgettext("number of a quarter", "2"),
        3: pgettext("number of a quarter", "3"),
        4: pgettext("number of a quarter", "4"),
    }[number]


def _half_numeral(number: int) -> str:
    return {1: pgettext("number of a half-year", "1"), 2: pgettext("number of a half-year", "2")}[number]


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, monthrange(year, month)[1])


def _whole_months(start: datetime.date, end: datetime.date) -> bool:
    return start.day == 1 and end == _month_end(end.year, end.month)


def _year_words(year: int) -> str:
    return pgettext("execution period: one year", "%(year)s") % {"year": _year(year)}


def _unit_words(start: datetime.date, end: datetime.date) -> str | None:
    """One calendar year, half-year, quarter or month in words, or None."""
    if not _whole_months(start, end) or start.year != end.year:
        return None
    months = end.month - start.month + 1
    if months == 12:
        return _year_words(start.year)
    if months == 6 and start.month in (1, 7):
        return pgettext("execution period: a half-year", "H%(half)s %(year)s") % {
            "half": _half_numeral(start.month // 6 + 1),
            "year": _year(start.year),
        }
    if months == 3 and start.month in (1, 4, 7, 10):
        return pgettext("execution period: a quarter", "Q%(quarter)s %(year)s") % {
            "quarter": _quarter_numeral(start.month // 3 + 1),
            "year": _year(start.year),
        }
    if months == 1:
        return pgettext("execution period: a month", "%(month)s %(year)s") % {
            "month": _month_name(start),
            "year": _year(start.year),
        }
    return None


def _span_words(start: datetime.date, end: datetime.date) -> str:
    """A period from `start` to `end` in words: a calendar unit, a run of years or of quarters, or dates."""
    if start == end:
        return formats.date_format(start, "DATE_FORMAT")
    if one := _unit_words(start, end):
        return one
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return pgettext("execution period: years", "%(first)s–%(last)s") % {
            "first": start.year,
            "last": _year(end.year),
        }
    if (
        _whole_months(start, end)
        and start.year == end.year
        and start.month in (1, 4, 7, 10)
        and end.month in (3, 6, 9, 12)
    ):
        return pgettext("execution period: quarters", "Q%(first)s–Q%(last)s %(year)s") % {
            "first": _quarter_numeral(start.month // 3 + 1),
            "last": _quarter_numeral(end.month // 3),
            "year": _year(start.year),
        }
    first = _unit_words(start, _month_end(start.year, start.month)) if start.day == 1 else None
    last = _unit_words(end.replace(day=1), end) if end == _month_end(end.year, end.month) else None
    return "{} – {}".format(
        first or formats.date_format(start, "DATE_FORMAT"), last or formats.date_format(end, "DATE_FORMAT")
    )


def span_words(start: datetime.date, end: datetime.date) -> str:
    """A period from `start` to `end` in the active language: "Q1 2026", "2026-cı il", or its dates."""
    return _span_words(start, end)


def _by_words(end: datetime.date) -> str:
    if end.month == 12 and end.day == 31:
        return pgettext("execution period", "by the end of %(year)s") % {"year": _year(end.year)}
    return _("by %(date)s") % {"date": formats.date_format(end, "DATE_FORMAT")}


def _bounds_words(start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return _span_words(start, end)
    if start:
        return pgettext("execution period", "from %(date)s") % {
            "date": formats.date_format(start, "DATE_FORMAT")
        }
    return _by_words(end) if end else ""


def _with_bounds(rule: str, start: datetime.date | None, end: datetime.date | None) -> str:
    bounds = _bounds_words(start, end)
    return (
        pgettext("execution period", "%(rule)s, %(period)s") % {"rule": rule, "period": bounds}
        if bounds
        else rule
    )


def period_words(
    *,
    kind: str,
    start: datetime.date | None,
    end: datetime.date | None,
    recurrence: str | None,
    offset: str | None,
    anchor: str | None,
) -> str:
    """What a period was read as, in the page's language; "" for a period that was not understood."""
    return _period_words(get_language() or "", kind, start, end, recurrence, offset, anchor)


@functools.lru_cache(maxsize=4096)
def _period_words(
    language: str,
    kind: str,
    start: datetime.date | None,
    end: datetime.date | None,
    recurrence: str | None,
    offset: str | None,
    anchor: str | None,
) -> str:
    """`period_words` for one language: a plan's table names the same few periods on row after row
    (a tenth of a long plan's page went into wording them again), so each is worded once a language."""
    if kind == "continuous":
        return _with_bounds(pgettext("execution period", "ongoing"), start, end)
    if kind == "recurring":
        return _with_bounds(rule_words(kind=kind, recurrence=recurrence, anchor=anchor), start, end)
    if kind == "relative":
        duration = _duration(offset, within=True)
        if not duration:
            return rule_words(kind=kind, recurrence=recurrence, anchor=anchor)
        rule = {
            "approval": pgettext("execution period", "within %(duration)s of the approval of the plan"),
            "entry_into_force": pgettext(
                "execution period", "within %(duration)s of the entry into force of the act"
            ),
        }.get(
            anchor or "", pgettext("execution period", "within %(duration)s of the event named in the plan")
        )
        return _with_bounds(rule % {"duration": duration}, None, end)
    if kind in {"date", "month", "quarter", "half_year", "year", "year_range"} and end is not None:
        return _span_words(start, end) if start else _by_words(end)
    return ""


_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_LATIN_WORD = re.compile("[a-zəğıöşçüİ][a-zəğıöşçüİ0-9-]*", re.IGNORECASE)
# The English words a period is written with: a text of only these (and numbers) is English.
_ENGLISH_WORDS = frozenset(
    [
        "by",
        "until",
        "till",
        "to",
        "from",
        "since",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "end",
        "every",
        "each",
        "year",
        "years",
        "yearly",
        "annually",
        "annual",
        "quarter",
        "quarters",
        "quarterly",
        "half",
        "half-year",
        "semi-annually",
        "monthly",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "within",
        "after",
        "approval",
        "entry",
        "into",
        "force",
        "ongoing",
        "continuous",
        "continuously",
        "regularly",
        "permanent",
        "as",
        "needed",
        "necessary",
        "required",
        "when",
        "if",
        "first",
        "second",
        "third",
        "fourth",
        "q1",
        "q2",
        "q3",
        "q4",
        "h1",
        "h2",
        "once",
        "twice",
        "times",
        "per",
        "and",
        "or",
        "not",
        "later",
        "than",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


@functools.lru_cache(maxsize=4096)
def wording_language(text: str) -> str:
    """The language a period is written in, as far as its letters tell: "ru" for Cyrillic, "en" for
    English words only, "az" for other Latin words, "" for numbers and signs alone."""
    if _CYRILLIC.search(text):
        return "ru"
    words = [word.lower() for word in _LATIN_WORD.findall(text)]
    if not words:
        return ""
    return "en" if all(word in _ENGLISH_WORDS for word in words) else "az"


@dataclass(frozen=True)
class Shown:
    """A period as a page shows it: `words` in the page's language (empty when the wording itself is
    shown), `wording` as written in the plan with its `language`, and whether it was not understood."""

    words: str
    wording: str
    language: str
    unread: bool

    @property
    def html(self) -> SafeString:
        """The words with the wording one click away (a <details>, so no script is needed); the
        wording alone when it is already in the page's language; an unread wording as written, with a
        note. The wording carries `lang` and `data-wording`, so readers and checks can tell it apart."""
        lang = f' lang="{self.language}"' if self.language else ""
        wording = f'<span{lang} data-wording="">{escape(self.wording)}</span>'
        if self.unread:
            note = escape(_("not read as a period: shown as written in the plan"))
            return mark_safe(f'{wording}<br><span class="govuk-hint govuk-!-margin-bottom-0">{note}</span>')
        if not self.words:
            return mark_safe(wording)
        summary = escape(_("Wording in the plan"))
        return mark_safe(
            f'{escape(self.words)}<details class="govuk-details govuk-!-margin-bottom-0">'
            f'<summary class="govuk-details__summary"><span class="govuk-details__summary-text">{summary}'
            f'</span></summary><div class="govuk-details__text">{wording}</div></details>'
        )

    def __str__(self) -> str:
        return self.words or self.wording


def shown(
    *,
    text: str,
    kind: str,
    start: datetime.date | None,
    end: datetime.date | None,
    recurrence: str | None = None,
    offset: str | None = None,
    anchor: str | None = None,
) -> Shown | None:
    """How a page shows a period written `text` and read as the rest; None when nothing is written."""
    if not text:
        return None
    language = wording_language(text)
    words = period_words(kind=kind, start=start, end=end, recurrence=recurrence, offset=offset, anchor=anchor)
    if not words:
        return Shown(words="", wording=text, language=language, unread=True)
    if language == (get_language() or "").split("-")[0]:
        words = ""  # written in the page's language: the plan's own words
    return Shown(words=words, wording=text, language=language, unread=False)
