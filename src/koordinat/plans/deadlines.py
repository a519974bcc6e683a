"""Deadline cells of plan tables ("İcra müddəti", "Срок исполнения") read into dates.

Plans are legal documents, so a wrong control date is worse than none: the parser
recognises a closed set of phrasings in Azerbaijani, Russian and English and calls
everything else UNPARSEABLE, for a person to read during the import preview.

How it works: the cell is folded (lower case, no diacritics, so "ci/cı/cu/cü" and
"ə/e" are the same), dates and numbered suffixes are normalised, known phrases and words
become symbols (Y2026, M12, Q, H, BY, EVERY, ...), and the symbol sequence must match one
of the shapes below exactly; a leftover word means the cell is not understood.

Decisions on ambiguous phrasings:
- "by", "до", "-dək", "qədər", "not later than", "end of" before or after a period mean
  "by the end of that period, inclusive": "до 2027 года" and "2027-ci ilədək" end on
  2027-12-31, "by Q2 2026" on 2026-06-30; the start is then None, as for "by <date>".
- "as needed", "по мере необходимости", "zəruri hallarda" are RECURRING with recurrence
  "as_needed": the phrase is clear, there is just no control date to compute.
- "mütəmadi", "daimi", "müntəzəm", "постоянно", "регулярно", "ongoing", "regularly" are
  CONTINUOUS; a year or year range next to them bounds start and end.
- A period with no year ("IV rüb", "dekabr ayı", "ilin sonunadək" on its own) and a
  duration with no starting point ("6 ay ərzində") are UNPARSEABLE: the year or the
  anchor would have to be guessed.
- RELATIVE counts from "approval" or "entry_into_force" of the plan or its act; after any
  other described event ("после завершения строительства") the anchor is "event" and
  the event stays in `text`. Working days cannot be written as an ISO duration, so
  "10 iş günü" is UNPARSEABLE.
- Recurrence with a due day: "yearly:03-01" (by 1 March every year), "quarterly:+10" (by the
  10th day after each quarter, which is also "by the 10th of the following month"),
  "yearly:12-31" / "quarterly:+0" (by the end of each period). "By 29 February every year"
  is UNPARSEABLE: most years have no such day.
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

MIN_YEAR = 1990
MAX_YEAR = 2100


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

    def to_json(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "kind": self.kind.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": self.recurrence,
            "offset": self.offset,
            "anchor": self.anchor,
        }

    @property
    def needs_review(self) -> bool:
        return self.kind is DeadlineKind.UNPARSEABLE


class _NotUnderstood(Exception):
    """The cell has a known shape but impossible values (quarter V, 31 February, year 1899)."""


# ---------------------------------------------------------------------------------------------
# Vocabulary. Every phrase is written naturally and folded when the module loads, so the
# tables below can be read by someone who speaks the language.

_PUNCTUATION_TO_PLAIN = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‑": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
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
    "10": ["ten", "десять", "десяти"],
    "12": ["twelve", "двенадцать", "двенадцати"],
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
_words("Q", "quarter", "qtr")
_words("Q BY", "rübünədək", "rübədək")
_words("H", "yarımil", "yarımili", "yarımilin", "yarımilində", "yarımildə", "yarısı", "yarısında")
_words("H", "полугодие", "полугодия", "полугодии", "half", "half-year")
_words("H BY", "yarımilinədək")
_words("MO", "ay", "месяц", "месяца", "месяцев", "month", "months")
_words("DAY", "gün", "günü", "день", "дня", "дней", "day", "days")
_words("WK", "həftə", "неделя", "недели", "недель", "неделю", "week", "weeks")
_words("EVERY", "hər", "every", "each", "каждый", "каждого", "каждом", "каждое", "каждые", "каждая")
_words("BY", "до", "к", "by", "until", "till", "end", "конца", "конец", "qədər", "kimi", "sonu", "sonuna")
_words("BY", "sonunda", "sonunadək", "tarixinədək", "tarixədək", "ayınadək")
_words("FROM", "from", "с", "со")
_words("TO", "to", "по", "through")
_words("AFTER", "after", "following", "после", "sonra")
_words("OF", "of")
# Words that carry no meaning of their own in a deadline cell.
_words("", "в", "во", "на", "in", "during", "within", "throughout", "the", "a", "an", "ərzində", "müddətində")
_words("", "числа", "tarixdə", "tarixində", "ayı", "ayında", "ayının", "ci", "cı", "cu", "cü")

for _number, _month_forms in enumerate(zip(_AZ_MONTHS, _RU_MONTHS, _EN_MONTHS, strict=True), start=1):
    _az, _ru, _en = _month_forms
    _words(f"M{_number:02d}", *(_az + suffix for suffix in _AZ_MONTH_SUFFIXES), *_ru, *_en)
    _words(f"M{_number:02d} BY", *(_az + suffix for suffix in _AZ_MONTH_BY_SUFFIXES))
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
    # continuous and as needed
    (
        "mütəmadi olaraq|mütəmadi|daimi olaraq|daimi|müntəzəm olaraq|müntəzəm|davamlı olaraq|davamlı|fasiləsiz olaraq|fasiləsiz",
        "CONT",
    ),
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
    # how often
    ("ildə bir dəfə|ildə 1 dəfə", "EVERY YR"),
    (
        "ildə iki dəfə|ildə 2 dəfə|yarımildə bir dəfə|yarım ildə bir dəfə|hər yarım ildə|hər yarım il|altı ayda bir dəfə",
        "EVERY H",
    ),
    ("rübdə bir dəfə|rübdə 1 dəfə", "EVERY Q"),
    ("ayda bir dəfə|ayda 1 dəfə", "EVERY MO"),
    ("ежегодно|один раз в год|раз в год|каждый год", "EVERY YR"),
    (
        "один раз в полугодие|раз в полугодие|один раз в полгода|раз в полгода|два раза в год|каждое полугодие|каждые полгода",
        "EVERY H",
    ),
    ("ежеквартально|один раз в квартал|раз в квартал|каждый квартал", "EVERY Q"),
    ("ежемесячно|один раз в месяц|раз в месяц|каждый месяц", "EVERY MO"),
    ("annually|yearly|once a year|once per year", "EVERY YR"),
    (
        "semi-annually|semiannually|half-yearly|twice a year|twice yearly|every six months|every 6 months",
        "EVERY H",
    ),
    ("quarterly", "EVERY Q"),
    ("monthly", "EVERY MO"),
    # the end of each reporting period, for recurring due days
    (
        "(?:hesabat )?(?:rübündən|rübdən|dövründən|dövrdən|yarımilindən|yarımildən|ilindən|ayından) sonrakı ayın|növbəti ayın|sonrakı ayın",
        "AFTERPERIOD",
    ),
    ("(?:hesabat )?(?:rüb|dövr|yarımil|il|ay) başa çatdıqdan sonra", "AFTERPERIOD"),
    # "by 20 January of the year after the reporting year" is simply "by 20 January" each year
    ("года следующего за отчётным(?: годом| периодом)?", ""),
    ("(?:hesabat )?ilindən sonrakı ilin|növbəti ilin", ""),
    ("of the (?:following|next) year", ""),
    (
        "(?:числа )?(?:месяца )?следующего за (?:отчётным )?(?:кварталом|периодом|полугодием|годом|месяцем)|(?:числа )?следующего месяца",
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
        f"(?:{_DOCUMENT_AZ})?qüvvəyə (?:mindikdən|mindiyi gündən|mindiyi tarixdən|minməsindən)(?: sonra)?",
        "ENTRY",
    ),
    (f"(?:после|со дня|с даты|с момента) (?:утверждения|принятия)(?:{_DOCUMENT_RU})?", "APPROVAL"),
    (f"(?:после|со дня|с даты|с момента) вступления в силу(?:{_DOCUMENT_RU})?", "ENTRY"),
    (
        f"(?:of|after|from|following) (?:the )?(?:date of )?(?:approval|adoption)(?:{_DOCUMENT_EN})?",
        "APPROVAL",
    ),
    (
        f"(?:of|after|from|following) (?:the )?(?:date of )?(?:entry into force|entering into force|coming into force)(?:{_DOCUMENT_EN})?",
        "ENTRY",
    ),
    ("со дня|с даты|с момента|from the date of|from the day of", "AFTER"),
    # Russian "в 3-месячный срок"
    ("([0-9]+) ?месячный срок", r"\1 MO"),
    ("([0-9]+) ?дневный срок", r"\1 DAY"),
    ("месячный срок", "1 MO"),
    ("двухмесячный срок", "2 MO"),
    ("трёхмесячный срок", "3 MO"),
    ("шестимесячный срок", "6 MO"),
    # working days have no ISO-8601 duration
    (
        "iş günü|iş günü ərzində|рабочих дней|рабочих дня|рабочий день|working days|working day|business days|business day",
        "WDAY",
    ),
    # deadlines
    ("не позднее|не позже|not later than|no later than|gec olmayaraq", "BY"),
    ("в течение", ""),
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


def _dotted_date(match: re.Match[str]) -> str:
    day, month, year = match.group(1), match.group(2), match.group(3)
    if len(year) != 4:  # "31.12.26": the century would be a guess
        return " BAD "
    return _date_symbol(int(year), int(month), int(day))


def _iso_date(match: re.Match[str]) -> str:
    return _date_symbol(int(match.group(1)), int(match.group(2)), int(match.group(3)))


_AZ_VOWEL_SUFFIX = r"(?:[aeiu]|n[aeiu]|y[aeiu])"
_TEXT_REWRITES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # dates first, while their dots and hyphens are still there
    (re.compile(r"(?<![0-9.])([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{2,4})(?![0-9])"), _dotted_date),
    (re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])"), _iso_date),
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
    (re.compile(r"(?<![\w])-|-(?![\w])|(?<=[^\W\d_])-(?=[0-9])|(?<=[0-9])-(?=[^\W\d_])"), " "),
]

_SYMBOL_REWRITES: list[tuple[re.Pattern[str], str]] = [
    # year ranges, then single years
    (re.compile(r"(?<![\w-])([0-9]{4})-([0-9]{4})(?: YR)?(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])FROM ([0-9]{4})(?: YR)? (?:TO|BY) ([0-9]{4})(?: YR)?(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)? TO ([0-9]{4})(?: YR)?(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)? FROM ([0-9]{4})(?: YR)? BY(?![\w-])"), r"RNG\1X\2"),
    (re.compile(r"(?<![\w-])([0-9]{4})(?: YR)?(?![\w-])"), r"Y\1"),
]


def _symbols(text: str) -> list[str]:
    """The cell as a list of symbols and leftover words; see the module docstring."""
    folded = fold(text.translate(_PUNCTUATION_TO_PLAIN))
    for pattern, replacement in _TEXT_REWRITES:
        folded = pattern.sub(replacement, folded)
    folded = " ".join(folded.split())
    for phrase, symbol in _PHRASES:
        folded = phrase.sub(f" {symbol} ", folded)
    raw = folded.split()

    symbols: list[str] = []
    for position, word in enumerate(raw):
        following = raw[position + 1] if position + 1 < len(raw) else ""
        if word in _NUMBER_WORD_VALUES and (following in _UNITS or _WORDS.get(following) in _UNITS):
            symbols.append(_NUMBER_WORD_VALUES[word])
        else:
            symbols.extend(_WORDS.get(word, word).split())

    collapsed: list[str] = []
    for symbol in symbols:
        if not (collapsed and symbol == collapsed[-1] and symbol.isalpha() and symbol.isupper()):
            collapsed.append(symbol)
    joined = " ".join(collapsed)
    for pattern, replacement in _SYMBOL_REWRITES:
        joined = pattern.sub(replacement, joined)
    return joined.split()


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


_BOUND = r"(?:Y[0-9]{4}|RNG[0-9]{4}X[0-9]{4}|BY Y[0-9]{4})"


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
        bounds = _year_bounds(bound.removeprefix("BY "))
        assert bounds is not None
        start = None if bound.startswith("BY ") else bounds[0]
        end = bounds[1]
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
_EVENT = r"(?P<event>[a-zа-я]+(?: [a-zа-я]+)*)"
_RELATIVE_SHAPES = [
    rf"{_UNIT} (?:(?:AFTER|OF) )?(?P<anchor>APPROVAL|ENTRY)",
    rf"(?P<anchor>APPROVAL|ENTRY) {_UNIT}",
    rf"{_UNIT} (?:AFTER|OF|FROM) {_EVENT}",
    rf"{_EVENT} AFTER {_UNIT}",
]
_ANCHOR_NAMES = {"APPROVAL": "approval", "ENTRY": "entry_into_force"}


def _relative(line: str) -> tuple[str, str] | None:
    """(offset, anchor) for "within 6 months of approval" and its translations."""
    for shape in _RELATIVE_SHAPES:
        if match := re.fullmatch(shape, line):
            count = int(match.group("count") or 1)
            if count < 1:
                raise _NotUnderstood
            groups = match.groupdict()
            anchor = _ANCHOR_NAMES[groups["anchor"]] if groups.get("anchor") else "event"
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


def _understand(text: str) -> Deadline | None:
    symbols = _symbols(text)
    if not symbols or "BAD" in symbols:
        return None
    line = " ".join(symbols)

    if relative := _relative(line):
        offset, anchor = relative
        return Deadline(text, DeadlineKind.RELATIVE, offset=offset, anchor=anchor)

    line = " ".join(symbol for symbol in symbols if symbol != "OF")
    if not line:
        return None
    if found := _recurring_or_continuous(line):
        kind, start, end, recurrence = found
        return Deadline(text, kind, start=start, end=end, recurrence=recurrence)

    by = False
    while line.startswith("BY "):
        line, by = line.removeprefix("BY "), True
    while line.endswith(" BY"):
        line, by = line.removesuffix(" BY"), True
    if period := _period(line):
        kind, start, end = period
        if by and kind is DeadlineKind.YEAR_RANGE:
            return None  # "до 2021-2023 годов"
        return Deadline(text, kind, start=None if by else start, end=end)
    return None


@functools.lru_cache(maxsize=4096)
def parse_deadline(text: str) -> Deadline:
    """Read a deadline cell; anything not confidently understood is UNPARSEABLE with no dates.
    Cached: a plan repeats a few phrasings on thousands of rows, and a Deadline is immutable."""
    text = text.strip()
    try:
        understood = _understand(text)
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
