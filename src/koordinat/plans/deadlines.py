"""Deadline cells of plan tables ("İcra müddəti", "Срок исполнения") read into dates.

Plans are legal documents, so a wrong control date is worse than none: the parser
recognises a closed set of phrasings in Azerbaijani, Russian and English and calls
everything else UNPARSEABLE, for a person to read during the import preview.

How it works: the cell is folded (lower case, no diacritics, so "ci/cı/cu/cü" and
"ə/e" are the same), dates and numbered suffixes are normalised, known phrases and words
become symbols (Y2026, M12, Q, H, BY, EVERY, ...), and the symbol sequence must match one
of the shapes below exactly; a leftover word means the cell is not understood.

The reading follows the contract of tests/plans/corpus/README.md ("Execution periods: expect").
Some cells mean a date only in the context of their plan: `adopted_on` (the date of the act that
approved the plan) and `period` (the plan's first and last day). Without them such cells are
UNPARSEABLE, never guessed:
- a duration ("3 ay ərzində", "в течение месяца", "within three months") is RELATIVE, counted from the
  approval unless another moment is named; its end is `adopted_on` plus the duration when known.
  Working days cannot be written as an ISO duration, so "10 iş günü" is UNPARSEABLE;
- "next year", "növbəti il", "в следующем году" and "current year", "cari il", "текущий год" are the
  year after (or the year of) `adopted_on`, else of the plan's first year;
- a day, month or quarter without a year ("до 1 июля", "dekabr ayı", "IV rüb") takes the plan's year
  when the plan lies within one calendar year.
Other decisions:
- "by", "до", "-dək", "qədər", "not later than", "end of" mean "by the end of that period": no start.
- A starting date or year with nothing after it ("с 1 января 2021 года", "2022-ci ildən başlayaraq")
  is CONTINUOUS from that day; continuous wording ("mütəmadi", "постоянно", "ongoing") is CONTINUOUS,
  bounded by a year or year range beside it.
- A range inside a month or across months, quarters or half-years ("10–20 iyun 2022", "iyun–iyul
  2022", "I–II kvartal 2023") has the kind of its parts, from the first day of the first part to the
  last day of the last; a year written once applies to both parts.
- "as needed", "по мере необходимости", "zəruri hallarda" are RECURRING "as_needed"; a recurrence with
  a due day is "yearly:03-01" (by 1 March every year) or "quarterly:+10" (by the 10th day after each
  quarter, also "by the 10th of the following month"). "By 29 February every year" is UNPARSEABLE.
- Numeric dates: dots and dashes are day-first, four digits first is year-month-day; with slashes a
  first number above 12 is day-first and a second above 12 month-first ("7/30/2022"). Both 12 or
  below and different ("7/6/2022") is UNPARSEABLE with `doubt` "ambiguous_date:<one>/<other>", so
  the preview can name both readings. Two-digit years are 20YY.
"""

import calendar as month_calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from koordinat.core.calendar import WorkingCalendar
from koordinat.core.text import fold

from .periods import relative_end

MIN_YEAR = 1990
MAX_YEAR = 2100
AMBIGUOUS_DATE = "ambiguous_date"


class DeadlineKind(StrEnum):
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    YEAR_RANGE = "year_range"
    RECURRING = "recurring"
    CONTINUOUS = "continuous"
    RELATIVE = "relative"
    UNPARSEABLE = "unparseable"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline cell: the words as written and what they were understood to mean."""

    text: str
    kind: DeadlineKind
    start: date | None = None
    end: date | None = None
    recurrence: str | None = None
    offset: str | None = None
    anchor: str | None = None
    # Why a person must read an UNPARSEABLE cell, when the reader knows: "ambiguous_date:2022-07-06/2022-06-07"
    doubt: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "kind": self.kind.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": self.recurrence,
            "offset": self.offset,
            "anchor": self.anchor,
            "doubt": self.doubt,
        }

    @property
    def needs_review(self) -> bool:
        return self.kind is DeadlineKind.UNPARSEABLE

    @property
    def ambiguous_dates(self) -> tuple[date, date] | None:
        """The two days a numeric date like 7/6/2022 can be read as (day-first, then month-first)."""
        if not self.doubt or not self.doubt.startswith(AMBIGUOUS_DATE + ":"):
            return None
        first, _sep, second = self.doubt.partition(":")[2].partition("/")
        return date.fromisoformat(first), date.fromisoformat(second)


class _NotUnderstood(Exception):
    """The cell has a known shape but impossible values (quarter V, 31 February, year 1899)."""


# ---------------------------------------------------------------------------------------------
# Vocabulary. Every phrase is written naturally and folded when the module loads, so the
# tables below can be read by someone who speaks the language.

# What word processors put in: every dash is a hyphen, quotes and odd spaces are spaces, soft
# hyphens and zero-width characters are nothing.
_PUNCTUATION_TO_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("«»„“”‘’‚‛‹›\"'″`´", " "),
        **dict.fromkeys("\u00a0\u202f\u2009\u2007\u2002\u2003\u2005\u2006\u200a\u3000", " "),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
        "І": "I",  # Cyrillic І typed for a Roman numeral
        "і": "i",
    }
)

_AZ_MONTHS = [
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avqust",
    "sentyabr",
    "oktyabr",
    "noyabr",
    "dekabr",
]
_RU_MONTHS = [
    ("январь", "января", "январе", "янв"),
    ("февраль", "февраля", "феврале", "фев", "февр"),
    ("март", "марта", "марте", "мар"),
    ("апрель", "апреля", "апреле", "апр"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне", "июн"),
    ("июль", "июля", "июле", "июл"),
    ("август", "августа", "августе", "авг"),
    ("сентябрь", "сентября", "сентябре", "сен", "сент"),
    ("октябрь", "октября", "октябре", "окт"),
    ("ноябрь", "ноября", "ноябре", "ноя", "нояб"),
    ("декабрь", "декабря", "декабре", "дек"),
]
_EN_MONTHS = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
# dekabrın 31-i, dekabrda, dekabra qədər; dekabradək
_AZ_MONTH_SUFFIXES = "", "ın", "un", "da", "də", "a", "ə", "ya", "yə"
_AZ_MONTH_BY_SUFFIXES = "adək", "ədək", "yadək", "yədək", "dək"
_AZ_MONTH_FROM_SUFFIXES = "dan", "dən", "ından", "undan", "ndan", "ndən"

_ORDINALS = {
    "1": ["i", "birinci", "first", "первый", "первого", "первом", "первое", "первая"],
    "2": ["ii", "ikinci", "second", "второй", "второго", "втором", "второе", "вторая"],
    "3": ["iii", "üçüncü", "third", "третий", "третьего", "третьем", "третье"],
    "4": ["iv", "dördüncü", "fourth", "четвёртый", "четвёртого", "четвёртом", "четвёртое"],
    # Roman numerals beyond IV are read so that "V rüb" fails as quarter 5 instead of being skipped.
    "5": ["v"],
    "6": ["vi"],
    "7": ["vii"],
    "8": ["viii"],
    "9": ["ix"],
    "10": ["x"],
}

# Counted only right before a unit ("altı ay", "six months"): elsewhere "on" is English and "bir" is "one time".
_NUMBER_WORDS = {
    "1": ["bir", "one", "один", "одного", "одна", "одной"],
    "2": ["iki", "two", "два", "двух", "две"],
    "3": ["üç", "three", "три", "трёх"],
    "4": ["dörd", "four", "четыре", "четырёх"],
    "5": ["beş", "five", "пять", "пяти"],
    "6": ["altı", "six", "шесть", "шести"],
    "7": ["yeddi", "seven", "семь", "семи"],
    "8": ["səkkiz", "eight", "восемь", "восьми"],
    "9": ["doqquz", "nine", "девять", "девяти"],
    "10": ["on", "ten", "десять", "десяти"],
    "12": ["twelve", "двенадцать", "двенадцати"],
    "14": ["fourteen", "четырнадцать", "четырнадцати"],
    "15": ["fifteen", "пятнадцать", "пятнадцати"],
    "20": ["iyirmi", "twenty", "двадцать", "двадцати"],
    "30": ["otuz", "thirty", "тридцать", "тридцати"],
    "45": ["forty-five"],
    "60": ["altmış", "sixty", "шестьдесят", "шестидесяти"],
    "90": ["doxsan", "ninety", "девяносто", "девяноста"],
}

_WORDS: dict[str, str] = {}


def _words(symbol: str, *spellings: str) -> None:
    for spelling in spellings:
        _WORDS[fold(spelling)] = symbol


_words(
    "YR", "il", "ili", "ilin", "ildə", "ilə", "ilində", "illər", "illərdə", "illərin", "illəri", "illərində"
)
_words("YR", "год", "года", "году", "годом", "годы", "годов", "годах", "г", "гг", "лет", "year", "years")
_words("YR BY", "ilədək", "ilinədək")
_words("YR FROM", "ildən", "ilindən")
_words("Q", "rüb", "rübü", "rübün", "rübündə", "rübdə", "rübünün", "квартал", "квартала", "квартале", "кв")
_words("Q", "quarter", "quarters", "qtr", "kvartal", "kvartalı", "kvartalın", "kvartalında", "kvartalda")
_words("Q", "rübünə", "rübləri", "rüblər", "rüblərində", "rüblərdə", "кварталы", "кварталах", "кварталов")
_words("Q BY", "rübünədək", "rübədək")
_words("H", "yarımil", "yarımili", "yarımilin", "yarımilində", "yarımildə", "yarısı", "yarısında")
_words("H", "полугодие", "полугодия", "полугодии", "полугодиях", "half", "half-year", "yarımilləri")
_words("H BY", "yarımilinədək")
_words("MO", "ay", "aylıq", "месяц", "месяца", "месяцев", "month", "months")
_words("DAY", "gün", "günü", "günlük", "день", "дня", "дней", "календарных", "day", "days", "calendar")
_words("WK", "həftə", "həftəlik", "неделя", "недели", "недель", "неделю", "week", "weeks")
_words("EVERY", "hər", "every", "each", "каждый", "каждого", "каждом", "каждое", "каждые", "каждая")
_words("BY", "до", "к", "by", "until", "till", "end", "конца", "конец", "qədər", "kimi", "sonu", "sonuna")
_words("BY", "sonunda", "sonunadək", "tarixinədək", "tarixədək", "ayınadək")
_words("FROM", "from", "since", "starting", "beginning", "commencing", "с", "со", "начиная", "başlayaraq")
_words("FROM", "ayından", "tarixdən")
_words("TO", "to", "по", "through")
_words("AFTER", "after", "following", "после", "sonra")
_words("OF", "of")
# Words that carry no meaning of their own in a deadline cell.
_words("WITHIN", "within", "ərzində", "müddətində", "müddətdə", "müddət")
_words(
    "",
    "в",
    "во",
    "на",
    "in",
    "during",
    "throughout",
    "the",
    "a",
    "an",
    "срок",
    "və",
    "ayları",
    "aylarında",
    "aylar",
)
# what is done each time ("reported quarterly", "measured annually", "at least every 3 months") is not when
_words("", "measured", "measure", "reported", "updated", "reviewed", "minimally")
_words(
    "",
    "числа",
    "tarixdə",
    "tarixində",
    "tarixinə",
    "tarixlərində",
    "tarixlərdə",
    "ayı",
    "ayında",
    "ayının",
    "ci",
    "cı",
    "cu",
    "cü",
)

for _number, _month_forms in enumerate(zip(_AZ_MONTHS, _RU_MONTHS, _EN_MONTHS, strict=True), start=1):
    _az, _ru, _en = _month_forms
    _words(f"M{_number:02d}", *(_az + suffix for suffix in _AZ_MONTH_SUFFIXES), *_ru, *_en)
    _words(f"M{_number:02d} BY", *(_az + suffix for suffix in _AZ_MONTH_BY_SUFFIXES))
    _words(f"M{_number:02d} FROM", *(_az + suffix for suffix in _AZ_MONTH_FROM_SUFFIXES))
for _number_text, _spellings in _ORDINALS.items():
    _words(_number_text, *_spellings)

_NUMBER_WORD_VALUES = {fold(word): value for value, words in _NUMBER_WORDS.items() for word in words}
_UNITS = {"MO", "DAY", "WK", "YR", "WDAY"}

_DOCUMENT_AZ = "(?:planın|proqramın|strategiyanın|sənədin|sərəncamın|fərmanın|qərarın|tədbirlər planının|plan|sərəncam|fərman|qərar) "
_DOCUMENT_RU = " (?:настоящего |настоящей )?(?:плана мероприятий|плана|программы|стратегии|документа|распоряжения|постановления|указа)"
_DOCUMENT_EN = (
    " of (?:the|this) (?:action plan|plan|programme|program|strategy|document|order|decree|resolution)"
)
_REPORTING_PERIOD_RU = "(?:квартала|периода|полугодия|года|месяца)"
_REPORTING_PERIOD_EN = "(?:quarter|period|half-year|half year|half|year|month)"

# (pattern, replacement), applied in order: longer and more specific phrasings first.
_PHRASES_SOURCE: list[tuple[str, str]] = [
    # a floor on how often says nothing more about when: "at least every 3 months, as often as possible"
    ("at least|as often as possible", ""),
    # continuous and as needed
    (
        "mütəmadi olaraq|mütəmadi|daimi olaraq|daimi|müntəzəm olaraq|müntəzəm|davamlı olaraq|davamlı|fasiləsiz olaraq|fasiləsiz",
        "CONT",
    ),
    ("весь период|в течение всего периода|на протяжении всего периода|throughout the period", "CONT"),
    (
        "на постоянной основе|в постоянном режиме|постоянно|на регулярной основе|регулярно|на систематической основе|систематически|непрерывно",
        "CONT",
    ),
    (
        "on an ongoing basis|on a continuous basis|on a regular basis|on a permanent basis|ongoing|continuously|continuous|regularly|permanently|permanent|constantly",
        "CONT",
    ),
    (
        "zəruri hallarda|zərurət olduqda|zərurət yarandıqda|ehtiyac olduqda|ehtiyac yarandıqda|tələb olunduqda",
        "ASNEEDED",
    ),
    ("по мере необходимости|при необходимости|по необходимости", "ASNEEDED"),
    ("as needed|as necessary|as required|when necessary|when needed|if necessary|if needed", "ASNEEDED"),
    # numbers written in two words
    ("on iki", "12"),
    ("on dörd", "14"),
    ("on beş", "15"),
    ("qırx beş", "45"),
    ("сорока пяти|сорок пять", "45"),
    # how often
    ("ildə bir dəfə|ildə 1 dəfə|ildə bir|hər il bir dəfə|illik", "EVERY YR"),
    (
        "ildə iki dəfə|ildə 2 dəfə|(?:hər )?yarımildə bir dəfə|(?:hər )?yarım ildə bir dəfə|hər yarım ildə|hər yarım il"
        "|(?:hər )?(?:altı|6) ayda bir dəfə|hər (?:altı|6) ayda|hər (?:altı|6) aydan bir|yarımillik",
        "EVERY H",
    ),
    (
        "(?:hər )?rübdə bir dəfə|(?:hər )?rübdə 1 dəfə|ildə dörd dəfə|ildə 4 dəfə|(?:hər )?(?:üç|3) ayda bir dəfə"
        "|hər (?:üç|3) ayda|rüblük",
        "EVERY Q",
    ),
    ("(?:hər )?ayda bir dəfə|(?:hər )?ayda 1 dəfə|aylıq olaraq", "EVERY MO"),
    ("ежегодно|(?:один |1 )?раз в год|каждый год|ежегодный", "EVERY YR"),
    (
        "(?:один |1 )?раз в полугодие|(?:один |1 )?раз в полгода|(?:два|2) раза в год|каждое полугодие|каждые полгода"
        "|ежеполугодно|по полугодиям|по итогам полугодия|каждые (?:шесть|6) месяцев",
        "EVERY H",
    ),
    (
        "ежеквартально|(?:один |1 )?раз в квартал|каждый квартал|поквартально|(?:четыре|4) раза в год"
        "|по итогам (?:каждого )?квартала|каждые (?:три|3) месяца",
        "EVERY Q",
    ),
    ("ежемесячно|(?:один |1 )?раз в месяц|каждый месяц|помесячно", "EVERY MO"),
    ("annually|annual|yearly|once a year|once per year|once every year", "EVERY YR"),
    (
        "semi-annually|semiannually|semi-annual|semiannual|half-yearly|half yearly|bi-annually|biannually"
        "|twice a year|twice per year|twice yearly|(?:once )?every (?:six|6) months|every half(?:-| )year",
        "EVERY H",
    ),
    (
        "quarterly|once a quarter|once per quarter|once every quarter|four times a year|(?:once )?every (?:three|3) months",
        "EVERY Q",
    ),
    ("monthly|once a month|once per month|once every month", "EVERY MO"),
    # a year named by its place: the year after (or of) the plan's approval
    (
        "növbəti ildə|növbəti ilin|növbəti il|gələn ildə|gələn ilin|gələn il|sonrakı ildə|sonrakı il"
        "|следующем году|следующий год|следующего года|следующему году|of the following year|of the next year"
        "|the following year|following year|the next year|next year|the year after",
        "NEXTYR",
    ),
    (
        "cari ildə|cari ilin|cari il|bu ildə|bu ilin|bu il|текущем году|текущий год|текущего года|текущему году"
        "|this year|the current year|current year",
        "THISYR",
    ),
    # the end of each reporting period, for recurring due days
    (
        "(?:hesabat )?(?:rübündən|rübdən|dövründən|dövrdən|yarımilindən|yarımildən|ilindən|ayından) sonrakı ayın|növbəti ayın|sonrakı ayın",
        "AFTERPERIOD",
    ),
    ("(?:hesabat )?(?:rüb|dövr|yarımil|il|ay) başa çatdıqdan sonra", "AFTERPERIOD"),
    # "by 20 January of the year after the reporting year" is simply "by 20 January" each year
    ("года следующего за отчётным(?: годом| периодом)?", ""),
    ("(?:hesabat )?ilindən sonrakı ilin", ""),
    (
        "(?:числа )?(?:месяца )?следующего за (?:отчётным(?: (?:кварталом|периодом|полугодием|годом|месяцем))?|кварталом|периодом|полугодием|годом|месяцем)|(?:числа )?следующего месяца",
        "AFTERPERIOD",
    ),
    (f"после (?:окончания|завершения|истечения) (?:отчётного )?{_REPORTING_PERIOD_RU}", "AFTERPERIOD"),
    (
        f"of the (?:following|next) month|of the month following (?:the|each) (?:reporting )?{_REPORTING_PERIOD_EN}",
        "AFTERPERIOD",
    ),
    (
        f"(?:after|following) (?:the end of )?(?:the|each) (?:reporting )?{_REPORTING_PERIOD_EN}",
        "AFTERPERIOD",
    ),
    # what a relative deadline counts from
    (
        f"(?:{_DOCUMENT_AZ})?(?:təsdiq|qəbul) (?:edildikdən|olunduqdan|edildiyi gündən|olunduğu gündən|edildiyi tarixdən|olunduğu tarixdən|edilməsindən|olunmasından)(?: sonra)?",
        "APPROVAL",
    ),
    (f"(?:{_DOCUMENT_AZ})?təsdiqindən sonra", "APPROVAL"),
    (
        f"(?:{_DOCUMENT_AZ})?(?:imzalandığı gündən|imzalandığı tarixdən|imzalandıqdan sonra|imzalanmasından sonra)",
        "APPROVAL",
    ),
    (
        f"(?:{_DOCUMENT_AZ})?qüvvəyə (?:mindikdən|mindiyi gündən|mindiyi tarixdən|minməsindən)(?: sonra)?",
        "ENTRY",
    ),
    (f"(?:после|со дня|с даты|с момента|от даты) (?:утверждения|принятия)(?:{_DOCUMENT_RU})?", "APPROVAL"),
    (f"(?:после|со дня|с даты|с момента) подписания(?:{_DOCUMENT_RU}|$)", "APPROVAL"),
    (f"(?:после|со дня|с даты|с момента) вступления в силу(?:{_DOCUMENT_RU})?", "ENTRY"),
    (
        f"(?:of|after|from|following|upon) (?:the )?(?:date of )?(?:approval|adoption)(?:{_DOCUMENT_EN})?",
        "APPROVAL",
    ),
    (
        f"(?:of|after|from|following|upon) (?:the )?(?:date of )?(?:signing|signature)(?:{_DOCUMENT_EN}|$)",
        "APPROVAL",
    ),
    (
        f"(?:of|after|from|following) (?:the )?(?:date of )?(?:entry into force|entering into force|coming into force)(?:{_DOCUMENT_EN})?",
        "ENTRY",
    ),
    ("со дня|с даты|с момента|from the date of|from the day of", "AFTER"),
    # Russian "в 3-месячный срок", "в трёхмесячный срок"; "yarım il ərzində", "в течение полугода"
    ("([0-9]+) ?месячный срок", r"\1 MO WITHIN"),
    ("([0-9]+) ?дневный срок", r"\1 DAY WITHIN"),
    ("([0-9]+) ?недельный срок", r"\1 WK WITHIN"),
    ("месячный срок|одномесячный срок", "1 MO WITHIN"),
    ("двухмесячный срок", "2 MO WITHIN"),
    ("трёхмесячный срок", "3 MO WITHIN"),
    ("четырёхмесячный срок", "4 MO WITHIN"),
    ("шестимесячный срок|полугодовой срок", "6 MO WITHIN"),
    ("девятимесячный срок", "9 MO WITHIN"),
    ("годичный срок|годовой срок|одногодичный срок", "1 YR WITHIN"),
    ("недельный срок", "1 WK WITHIN"),
    ("двухнедельный срок", "2 WK WITHIN"),
    ("десятидневный срок", "10 DAY WITHIN"),
    ("пятнадцатидневный срок", "15 DAY WITHIN"),
    ("тридцатидневный срок", "30 DAY WITHIN"),
    # "yarım il ərzində" is a duration, "I yarım il ərzində" the first half of a year
    ("(?<!i )(?<!ii )(?<![0-9] )(?<!birinci )(?<!ikinci )yarım il (?:ərzində|müddətində)", "6 MO WITHIN"),
    ("в течение полугода|within half a year", "WITHIN 6 MO"),
    # working days have no ISO-8601 duration
    (
        "iş günü|iş günü ərzində|рабочих дней|рабочих дня|рабочий день|working days|working day|business days|business day",
        "WDAY",
    ),
    # deadlines
    ("не позднее|не позже|not later than|no later than|gec olmayaraq", "BY"),
    ("в течение|на протяжении", "WITHIN"),
    ("yarım ili|yarım il|half year", "H"),
    ("ayının sonunadək|ayının sonuna qədər", "BY"),
]

# fold() only lowercases and strips diacritics, which leaves the regex syntax used above intact.
_PHRASES = [
    (re.compile(r"(?<![\w-])(?:" + fold(pattern) + r")(?![\w-])"), symbol)
    for pattern, symbol in _PHRASES_SOURCE
]


# ---------------------------------------------------------------------------------------------
# Text to symbols


def _date_symbol(year: int, month: int, day: int) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return " BAD "
    try:
        value = date(year, month, day)
    except ValueError:
        return " BAD "
    return f" DATE{value:%Y%m%d} "


def _full_year(text: str) -> int:
    """ "22" is 2022: plans are dated in this century."""
    return int(text) + 2000 if len(text) == 2 else int(text)


def _numeric_date(match: re.Match[str]) -> str:
    """31.12.2022 and 31-12-2022 are day-first; with slashes 12/31/2022 is month-first, and 7/6/2022
    could be either (AMBIG, for a person to read)."""
    first, separator, second, year_text = match.group(1), match.group(2), match.group(3), match.group(4)
    if len(year_text) == 3:
        return " BAD "
    year, day, month = _full_year(year_text), int(first), int(second)
    if month > 12 and day <= 12:  # 12/31/2022: only month-first is a date
        day, month = month, day
    elif separator == "/" and day <= 12 and month <= 12 and day != month:
        symbols = [
            _date_symbol(year, day_first[1], day_first[0]).strip()
            for day_first in ((day, month), (month, day))
        ]
        if "BAD" in symbols:
            return " BAD "
        return f" AMBIG{symbols[0].removeprefix('DATE')}X{symbols[1].removeprefix('DATE')} "
    return _date_symbol(year, month, day)


def _iso_date(match: re.Match[str]) -> str:
    return _date_symbol(int(match.group(1)), int(match.group(3)), int(match.group(4)))


_AZ_VOWEL_SUFFIX = r"(?:[aeiu]|n[aeiu]|y[aeiu])"
_TIME = r"(?<![0-9./])(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9]|\.(?:00|1[3-9]|[2-5][0-9]))"


def _digits_in_parentheses(match: re.Match[str]) -> str:
    """ "on (10) gün": the words before the digits, when they are that number spelled out, go."""
    words = match.group(0)[: match.start(1) - match.start(0)].rstrip(" (").split()
    if words and all(word in _NUMBER_WORD_VALUES for word in words):
        return f"{match.group(1)} "
    return match.group(0)


_TEXT_REWRITES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # a time of day beside a date ("28 апреля 13.00", "05.05.06 14.00 - 15.00", "15 часов", "saat 15:00"):
    # "14.00" is no date (there is no month 00), nor is any minute above 12; "10.10" stays a question
    (re.compile(rf"(?:saat |в )?{_TIME}(?: ?- ?{_TIME})?(?: ?(?:часов|часа|час|ч))?(?![0-9./])"), " "),
    (re.compile(r"(?<![0-9./])(?:в )?(?:[01]?[0-9]|2[0-3]) (?:часов|часа|час)(?![\w])"), " "),
    # a number written both ways, "3 (üç) ay", "on (10) gün": the digits are enough
    (re.compile(r"(?<![0-9./])([0-9]{1,3}) ?\((?:[a-zа-я]+ ?){1,3}\)"), r"\1 "),
    (re.compile(r"(?<![\w])(?:[a-zа-я]+ ){0,2}[a-zа-я]+ ?\(([0-9]{1,3})\)"), _digits_in_parentheses),
    # dates first, while their dots and hyphens are still there
    (re.compile(r"(?<![0-9./])([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{2,4})(?![0-9])"), _numeric_date),
    (re.compile(r"(?<![0-9./])([0-9]{4})([./-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])"), _iso_date),
    # "1-ci il" is the plan's first year, not a duration of one year
    (re.compile(r"(?<![0-9])([0-9]{1,2}) ?- ?(?:ci|cu|inci|unci|nci|ncu) (?=il)"), r"\1 nth "),
    # Q2, 2Q, H1
    (re.compile(r"(?<![\w])q ?([0-9])(?![0-9])"), r" \1 Q "),
    (re.compile(r"(?<![\w])([0-9]) ?q(?![\w])"), r" \1 Q "),
    (re.compile(r"(?<![\w])h ?([0-9])(?![0-9])"), r" \1 H "),
    # Azerbaijani case endings written after a number: 31-dək, 31-nə qədər, 2026-da, 2021-dən
    (re.compile(r"([0-9]) ?-? ?(?:den|dan) gec olmayaraq"), r"\1 BY"),
    (re.compile(r"([0-9]) ?-? ?" + _AZ_VOWEL_SUFFIX + r"?dek(?![\w])"), r"\1 BY"),
    (re.compile(r"([0-9]) ?- ?" + _AZ_VOWEL_SUFFIX + r" (?=qeder|kimi)"), r"\1 "),
    (re.compile(r"([0-9])-(?:dan|den|tan|ten)(?![\w])"), r"\1 FROM"),
    (re.compile(r"([0-9])-(?:da|de|ta|te|in|un|nin|nun|i|u|si|su)(?![\w])"), r"\1"),
    # ordinal endings: 2026-cı, 1-ci, 2-й, 10-го, 1-е, 3rd
    (
        re.compile(r"([0-9]) ?- ?(?:ci|cu|inci|unci|nci|ncu|ыи|ии|ои|и|ого|го|ое|е|ая|я|ом|м|х|ых)(?![\w])"),
        r"\1",
    ),
    (re.compile(r"([0-9])(?:ci|cu|st|nd|rd|th)(?![\w])"), r"\1"),
    # 2021 - 2023 → 2021-2023
    (re.compile(r"([0-9]) *- *(?=[0-9])"), r"\1-"),
    # punctuation: a dot or hyphen is kept only between two digits or, for a hyphen, two letters
    (re.compile(r"(?<![0-9])\.|\.(?![0-9])"), " "),
    (re.compile(r"[^\w\s.-]|_"), " "),
    (re.compile(r"(?<![\w-])-+(?![\w-])"), " -- "),  # a dash on its own: a range, or only a separator
    (re.compile(r"(?<![\w-])-(?=\w)|(?<=\w)-(?![\w-])|(?<=[^\W\d_])-(?=[0-9])|(?<=[0-9])-(?=[^\W\d_])"), " "),
]

_SYMBOL_REWRITES: list[tuple[re.Pattern[str], str]] = [
    # "31.12.2022-ci il", "31.12.2022 г.": the year is in the date
    (re.compile(r"(DATE[0-9]{8}) YR(?![\w-])"), r"\1"),
    # year ranges, then single years
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)? DASH ([0-9]{4})(?: YR)?(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])FROM ([0-9]{4})(?: YR)? (?:TO|BY) ([0-9]{4})(?: YR)?(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)? TO ([0-9]{4})(?: YR)?(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)? FROM ([0-9]{4})(?: YR)? BY(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)?(?![\w-])"), r"Y\1"),
]


_WORDS["--"] = "DASH"


def _hyphenated(word: str) -> list[str]:
    """ "iyun-iyul", "I-II", "10-20" are ranges: their parts with DASH between; "half-year" is a word."""
    symbols: list[str] = []
    for position, part in enumerate(word.split("-")):
        if position:
            symbols.append("DASH")
        symbols.extend(_WORDS.get(part, part).split())
    return symbols


@functools.lru_cache(maxsize=4096)
def _symbols(text: str) -> tuple[str, ...]:
    """The cell as a list of symbols and leftover words; see the module docstring."""
    folded = fold(text.translate(_PUNCTUATION_TO_PLAIN))
    for pattern, replacement in _TEXT_REWRITES:
        folded = pattern.sub(replacement, folded)
    folded = " ".join(folded.split())
    if folded != folded.upper():  # phrases are words: a cell of numbers and symbols ("31.12.2022") has none
        for phrase, symbol in _PHRASES:
            folded = phrase.sub(f" {symbol} ", folded)
    raw = folded.split()

    symbols: list[str] = []
    for position, word in enumerate(raw):
        following = raw[position + 1] if position + 1 < len(raw) else ""
        if word in _NUMBER_WORD_VALUES and (following in _UNITS or _WORDS.get(following) in _UNITS):
            symbols.append(_NUMBER_WORD_VALUES[word])
        elif word not in _WORDS and "-" in word.strip("-"):
            symbols.extend(_hyphenated(word))
        else:
            symbols.extend(_WORDS.get(word, word).split())

    collapsed: list[str] = []
    for symbol in symbols:
        if not (collapsed and symbol == collapsed[-1] and symbol.isalpha() and symbol.isupper()):
            collapsed.append(symbol)
    joined = " ".join(collapsed)
    for pattern, replacement in _SYMBOL_REWRITES:
        joined = pattern.sub(replacement, joined)
    return tuple(joined.split())


# ---------------------------------------------------------------------------------------------
# Symbols to a deadline


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _NotUnderstood
    return year


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _NotUnderstood from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, month_calendar.monthrange(year, month)[1])


def _year_bounds(symbol: str) -> tuple[date | None, date] | None:
    """The dates a bounding symbol stands for: Y2026, RNG2021X2023."""
    if match := re.fullmatch(r"Y([0-9]{4})", symbol):
        year = _year(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if match := re.fullmatch(r"RNG([0-9]{4})X([0-9]{4})", symbol):
        first, last = _year(match.group(1)), _year(match.group(2))
        if first >= last:
            raise _NotUnderstood
        return date(first, 1, 1), date(last, 12, 31)
    return None


_BOUND = r"(?:Y[0-9]{4} FROM|FROM Y[0-9]{4}|BY Y[0-9]{4}|Y[0-9]{4}|RNG[0-9]{4}X[0-9]{4})"


def _split_bounds(line: str) -> tuple[str, date | None, date | None]:
    """Take a year or year range written before or after a recurring or continuous phrase."""
    start: date | None = None
    end: date | None = None
    found = 0
    for pattern in (rf"^(?P<bound>{_BOUND}) (?P<rest>.+)$", rf"^(?P<rest>.+?) (?P<bound>{_BOUND})$"):
        match = re.fullmatch(pattern, line)
        if not match:
            continue
        found += 1
        bound = match.group("bound")
        bounds = _year_bounds(bound.removeprefix("BY ").removeprefix("FROM ").removesuffix(" FROM"))
        assert bounds is not None
        start = None if bound.startswith("BY ") else bounds[0]
        end = None if "FROM" in bound else bounds[1]  # "2022-ci ildən hər il": from 2022 on
        line = match.group("rest")
    if found > 1:
        raise _NotUnderstood  # bounded twice: "2021-2023 ... 2024"
    return line, start, end


_RECURRENCE_NAMES = {"YR": "yearly", "H": "half_yearly", "Q": "quarterly", "MO": "monthly"}


def _due_day(due: str, unit: str) -> str:
    """The ':…' part of a recurrence: ':03-01' for a day of the year, ':+10' for days after each period."""
    if due in {"BY", f"BY {unit}", f"{unit} BY"}:
        return ":12-31" if unit == "YR" else ":+0"
    for pattern in (
        r"BY (?P<d>[0-9]{1,2}) M(?P<m>[0-9]{2})",
        r"BY M(?P<m>[0-9]{2}) (?P<d>[0-9]{1,2})",
        r"(?P<d>[0-9]{1,2}) M(?P<m>[0-9]{2}) BY",
        r"M(?P<m>[0-9]{2}) (?P<d>[0-9]{1,2}) BY",
    ):
        if match := re.fullmatch(pattern, due):
            if unit != "YR":
                raise _NotUnderstood  # "every quarter by 1 March"
            month, day = int(match.group("m")), int(match.group("d"))
            _day(2023, month, day)  # not a leap year: "by 29 February every year" has no date in most years
            return f":{month:02d}-{day:02d}"
    for pattern in (
        r"BY ([0-9]{1,3})(?: DAY)? AFTERPERIOD",
        r"AFTERPERIOD ([0-9]{1,3})(?: DAY)? BY",
        r"([0-9]{1,3}) DAY AFTERPERIOD",
        r"AFTERPERIOD ([0-9]{1,3}) DAY",
    ):
        if match := re.fullmatch(pattern, due):
            days = int(match.group(1))
            if not 1 <= days <= 366:
                raise _NotUnderstood
            return f":+{days}"
    raise _NotUnderstood


def _recurring_or_continuous(line: str) -> tuple[DeadlineKind, date | None, date | None, str | None] | None:
    rest, start, end = _split_bounds(line)
    if re.fullmatch(r"CONT", rest):
        return DeadlineKind.CONTINUOUS, start, end, None
    if rest == "ASNEEDED":
        return DeadlineKind.RECURRING, start, end, "as_needed"
    match = re.fullmatch(r"(?:(?P<before>.+) )?EVERY (?P<unit>YR|H|Q|MO)(?: (?P<after>.+))?", rest)
    if not match:
        return None
    unit = match.group("unit")
    before, after = match.group("before"), match.group("after")
    if before and after:
        raise _NotUnderstood
    due = before or after
    recurrence = _RECURRENCE_NAMES[unit] + (_due_day(due, unit) if due else "")
    return DeadlineKind.RECURRING, start, end, recurrence


_OFFSET_LETTERS = {"MO": "M", "DAY": "D", "WK": "W", "YR": "Y"}
_UNIT = r"(?:(?P<count>[0-9]{1,3}) )?(?P<unit>MO|DAY|WK|YR)"
_EVENT = r"(?P<event>[a-zа-я]+(?: (?:[a-zа-я]+|OF))*)"
# Counted from a moment the cell names ("within 6 months of approval", "3 ay ... qüvvəyə mindiyi gündən")
_ANCHORED_SHAPES = [
    rf"(?:BY )?{_UNIT} (?:(?:AFTER|OF|FROM) )?(?P<anchor>APPROVAL|ENTRY)",
    rf"(?P<anchor>APPROVAL|ENTRY) {_UNIT}(?: BY)?",
    rf"(?:BY )?{_UNIT} (?:AFTER|OF|FROM) {_EVENT}",
    rf"{_EVENT} AFTER {_UNIT}",
]
# A duration alone counts from the approval: "within three months", "3 ay ərzində", "в течение месяца",
# "6 ay". Only "within" lets the count be left out ("в течение месяца"), and a year needs "within":
# "1-ci il" is a plan's first year.
_DURATION_SHAPES = [
    r"(?:BY )?WITHIN (?:(?P<count>[0-9]{1,3}) )?(?P<unit>MO|DAY|WK|YR)",
    r"(?P<count>[0-9]{1,3}) (?P<unit>MO|DAY|WK|YR) WITHIN(?: BY)?",
    r"(?:BY )?(?P<count>[0-9]{1,3}) (?P<unit>MO|DAY|WK)(?: BY)?",
]
_ANCHOR_NAMES = {"APPROVAL": "approval", "ENTRY": "entry_into_force"}


def _relative(symbols: list[str]) -> tuple[str, str] | None:
    """(offset, anchor) for "within 6 months of approval", "3 ay ərzində" and their translations."""
    anchored = " ".join(symbol for symbol in symbols if symbol not in {"WITHIN", "DASH"})
    shapes = [(shape, anchored) for shape in _ANCHORED_SHAPES]
    shapes += [(shape, " ".join(symbols)) for shape in _DURATION_SHAPES]
    for shape, line in shapes:
        if match := re.fullmatch(shape, line):
            count = int(match.group("count") or 1)
            if count < 1:
                raise _NotUnderstood
            groups = match.groupdict()
            anchor = _ANCHOR_NAMES[groups.get("anchor") or "APPROVAL"] if "event" not in groups else "event"
            return f"P{count}{_OFFSET_LETTERS[match.group('unit')]}", anchor
    return None


def _period(line: str) -> tuple[DeadlineKind, date, date] | None:
    """A single date or calendar period: (kind, first day, last day)."""
    if match := re.fullmatch(r"DATE([0-9]{4})([0-9]{2})([0-9]{2})", line):
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return DeadlineKind.DATE, day, day
    for pattern in (
        r"(?P<d>[0-9]{1,2}) M(?P<m>[0-9]{2}) Y(?P<y>[0-9]{4})",
        r"M(?P<m>[0-9]{2}) (?P<d>[0-9]{1,2}) Y(?P<y>[0-9]{4})",
        r"Y(?P<y>[0-9]{4}) M(?P<m>[0-9]{2}) (?P<d>[0-9]{1,2})",
        r"Y(?P<y>[0-9]{4}) (?P<d>[0-9]{1,2}) M(?P<m>[0-9]{2})",
    ):
        if match := re.fullmatch(pattern, line):
            day = _day(_year(match.group("y")), int(match.group("m")), int(match.group("d")))
            return DeadlineKind.DATE, day, day
    if match := re.fullmatch(r"M(?P<m>[0-9]{2}) Y(?P<y>[0-9]{4})|Y(?P<y2>[0-9]{4}) M(?P<m2>[0-9]{2})", line):
        year = _year(match.group("y") or match.group("y2"))
        month = int(match.group("m") or match.group("m2"))
        return DeadlineKind.MONTH, date(year, month, 1), _month_end(year, month)
    for symbol, kind, count in (("Q", DeadlineKind.QUARTER, 4), ("H", DeadlineKind.HALF_YEAR, 2)):
        match = re.fullmatch(
            rf"(?P<n>[0-9]{{1,2}}) {symbol} Y(?P<y>[0-9]{{4}})|Y(?P<y2>[0-9]{{4}}) (?P<n2>[0-9]{{1,2}}) {symbol}|{symbol} (?P<n3>[0-9]{{1,2}}) Y(?P<y3>[0-9]{{4}})",
            line,
        )
        if match:
            year = _year(match.group("y") or match.group("y2") or match.group("y3"))
            number = int(match.group("n") or match.group("n2") or match.group("n3"))
            if not 1 <= number <= count:
                raise _NotUnderstood
            months = 12 // count
            first_month = (number - 1) * months + 1
            return kind, date(year, first_month, 1), _month_end(year, first_month + months - 1)
    if bounds := _year_bounds(line):
        first, last = bounds
        assert first is not None
        kind = DeadlineKind.YEAR if first.year == last.year else DeadlineKind.YEAR_RANGE
        return kind, first, last
    return None


def _parts(symbols: list[str]) -> dict[str, str] | None:
    """One side of a range ("10", "M06", "Y2022 1", "DATE20220601") as its year, month, number, unit."""
    parts: dict[str, str] = {}
    for symbol in symbols:
        if re.fullmatch(r"Y[0-9]{4}", symbol):
            name = "year"
        elif re.fullmatch(r"M[0-9]{2}", symbol):
            name = "month"
        elif re.fullmatch(r"DATE[0-9]{8}", symbol):
            name = "date"
        elif symbol in {"Q", "H"}:
            name = "unit"
        elif re.fullmatch(r"[0-9]{1,2}", symbol):
            name = "number"
        elif symbol == "YR":
            continue
        else:
            return None
        if name in parts:
            return None
        parts[name] = symbol
    return parts


def _side(parts: dict[str, str]) -> tuple[DeadlineKind, date, date] | None:
    """A side of a range, its missing year, month or unit taken from the other side, as a period."""
    if "date" in parts:
        return _period(parts["date"]) if len(parts) == 1 else None
    if "year" not in parts or ("month" in parts and "unit" in parts):
        return None
    if "unit" in parts:
        return _period(f"{parts.get('number', '')} {parts['unit']} {parts['year']}".strip())
    if "month" in parts:
        return _period(f"{parts.get('number', '')} {parts['month']} {parts['year']}".strip())
    return None


def _range(
    left: list[str], right: list[str], plan_year: int | None
) -> tuple[DeadlineKind, date, date] | None:
    """ "10–20 iyun 2022", "iyun–iyul 2022", "I–II kvartal 2023", "2023-cü ilin I-II rübü",
    "10 июня – 20 июля 2022 г.": a year, month or unit written once applies to both parts."""
    first, last = _parts(left), _parts(right)
    if not first or not last:
        return None
    for one, other in ((first, last), (last, first)):
        if "date" in other:
            continue
        if "number" in one and "month" not in one and "unit" not in one:
            for name in ("month", "unit"):
                if name in other:
                    one[name] = other[name]
        if "year" not in one:
            year = other.get("year") or (f"Y{plan_year}" if plan_year else None)
            if year and "date" not in one:
                one["year"] = year
    start, end = _side(first), _side(last)
    if not start or not end or start[0] != end[0] or start[1] >= end[1]:
        return None
    return start[0], start[1], end[2]


_RANGE_SEPARATORS = {"DASH", "TO", "FROM"}
_HAS_YEAR = re.compile(r"Y[0-9]{4}|RNG[0-9]{4}X[0-9]{4}|DATE[0-9]{8}")


def _dated(symbols: list[str], plan_year: int | None) -> tuple[DeadlineKind, date | None, date | None] | None:
    """A date, a calendar period, a range of them, "by" one or "from" one (CONTINUOUS)."""
    by = starting = False
    while symbols and symbols[0] in {"BY", "FROM"}:
        by, starting = by or symbols[0] == "BY", starting or symbols[0] == "FROM"
        symbols = symbols[1:]
    while symbols and symbols[-1] in {"BY", "FROM"}:
        by, starting = by or symbols[-1] == "BY", starting or symbols[-1] == "FROM"
        symbols = symbols[:-1]
    separators = [position for position, symbol in enumerate(symbols) if symbol in _RANGE_SEPARATORS]
    if len(separators) > 1:
        return None
    if separators:
        position = separators[0]
        # "до июня–июля" is not a range; "с 10 по 20 июня", "iyunun 10-dan iyulun 20-dək" are
        if by and not starting and symbols[position] != "FROM":
            return None
        found = _range(
            [s for s in symbols[:position] if s != "FROM"],
            [s for s in symbols[position + 1 :] if s != "BY"],
            plan_year,
        )
        return found
    if plan_year and not any(_HAS_YEAR.fullmatch(symbol) for symbol in symbols):
        # "до 1 июля", "dekabr ayı", "IV rüb", "ilin sonunadək" in a plan for one calendar year
        year = f"Y{plan_year}"
        symbols = [year if symbol == "YR" else symbol for symbol in symbols]
        symbols = symbols if year in symbols else [*symbols, year]
    period = _period(" ".join(symbols))
    if period is None or (by and starting):
        return None
    kind, start, end = period
    if kind is DeadlineKind.YEAR_RANGE and (by or starting):
        return None  # "до 2021-2023 годов"
    if starting:
        return DeadlineKind.CONTINUOUS, start, None
    return kind, None if by else start, end


def _placed_years(symbols: list[str], base_year: int | None) -> list[str]:
    """ "növbəti il", "в следующем году" are the year after `base_year`, "cari il" that year; in a
    recurrence ("hər il, növbəti ilin fevralın 1-dək") the next year is that of each report."""
    if "EVERY" in symbols:
        symbols = [symbol for symbol in symbols if symbol != "NEXTYR"]
    if "NEXTYR" not in symbols and "THISYR" not in symbols:
        return symbols
    if base_year is None:
        raise _NotUnderstood  # the year would be a guess
    named = {"NEXTYR": f"Y{base_year + 1}", "THISYR": f"Y{base_year}"}
    return [named.get(symbol, symbol) for symbol in symbols]


def _understand(
    text: str, adopted_on: date | None, base_year: int | None, plan_year: int | None
) -> Deadline | None:
    symbols = list(_symbols(text))
    for symbol in symbols:
        if match := re.fullmatch(
            r"AMBIG([0-9]{4})([0-9]{2})([0-9]{2})X([0-9]{4})([0-9]{2})([0-9]{2})", symbol
        ):
            first, second = "-".join(match.groups()[:3]), "-".join(match.groups()[3:])
            return Deadline(text, DeadlineKind.UNPARSEABLE, doubt=f"{AMBIGUOUS_DATE}:{first}/{second}")
    if "BAD" in symbols:
        return None
    while symbols and symbols[0] == "DASH":
        symbols.pop(0)
    while symbols and symbols[-1] == "DASH":
        symbols.pop()
    symbols = _placed_years(symbols, base_year)
    if not symbols:
        return None

    if relative := _relative(symbols):
        offset, anchor = relative
        end = relative_end(offset, adopted_on) if anchor == "approval" and adopted_on else None
        return Deadline(text, DeadlineKind.RELATIVE, end=end, offset=offset, anchor=anchor)

    symbols = [symbol for symbol in symbols if symbol not in {"OF", "WITHIN"}]
    if not symbols:
        return None
    if found := _recurring_or_continuous(" ".join(symbol for symbol in symbols if symbol != "DASH")):
        kind, start, end, recurrence = found
        return Deadline(text, kind, start=start, end=end, recurrence=recurrence)
    if dated := _dated(symbols, plan_year):
        kind, start, end = dated
        return Deadline(text, kind, start=start, end=end)
    return None


def parse_deadline(
    text: str, *, adopted_on: date | None = None, period: tuple[date, date] | None = None
) -> Deadline:
    """Read a deadline cell; anything not confidently understood is UNPARSEABLE with no dates.
    `adopted_on` (the date of the act approving the plan) and `period` (the plan's first and last
    day) give what some cells count from; see the module's docstring."""
    base_year = adopted_on.year if adopted_on else (period[0].year if period else None)
    plan_year = period[0].year if period and period[0].year == period[1].year else None
    return _parse(text.strip(), adopted_on, base_year, plan_year)


@functools.lru_cache(maxsize=8192)
def _parse(text: str, adopted_on: date | None, base_year: int | None, plan_year: int | None) -> Deadline:
    """Cached: a plan repeats a few phrasings on thousands of rows, and a Deadline is immutable. The
    context is reduced to what the reading depends on, so plans of the same years share entries."""
    try:
        understood = _understand(text, adopted_on, base_year, plan_year)
    except _NotUnderstood:
        understood = None
    return understood or Deadline(text, DeadlineKind.UNPARSEABLE)


# ---------------------------------------------------------------------------------------------
# Control dates of reporting cycles

_PERIOD_MONTHS = {"quarterly": 3, "semi_annual": 6, "annual": 12}


def reporting_control_dates(
    *, start: date, end: date, periodicity: str, due_days_after: int, calendar: WorkingCalendar
) -> list[date]:
    """When each period's report is due: its end plus `due_days_after`, on the working day before if need be.

    Periods are calendar quarters, halves or years, one for every period that overlaps
    [start, end], so a plan starting on 15 February still reports for the first quarter.
    """
    months = _PERIOD_MONTHS.get(periodicity)
    if months is None:
        raise ValueError(
            f"Unknown reporting periodicity {periodicity!r}; expected one of {', '.join(_PERIOD_MONTHS)}."
        )
    if end < start:
        raise ValueError(f"The reporting period ends ({end}) before it starts ({start}).")
    if due_days_after < 0:
        raise ValueError(
            f"due_days_after counts days after the period ends and cannot be negative ({due_days_after})."
        )

    control_dates = []
    period_start = date(start.year, (start.month - 1) // months * months + 1, 1)
    while period_start <= end:
        last_month = period_start.month + months - 1
        period_end = _month_end(period_start.year, last_month)
        control_dates.append(calendar.previous_working_day(period_end + timedelta(days=due_days_after)))
        period_start = period_end + timedelta(days=1)
    return control_dates
