"""Execution periods shown from their meaning in the page's language, the plan's wording one click away."""

import datetime
import re

import pytest
from django.utils import formats, translation

from koordinat.plans import periods
from koordinat.plans import services as plans_services
from koordinat.plans.deadlines import parse_deadline
from tests.conftest import texts

ADOPTED = datetime.date(2026, 1, 15)

# wording in the plan → (kind it is read as, English, Russian, Azerbaijani)
CASES = [
    ("31 dekabr 2026", "date", "{2026-12-31}", "{2026-12-31}", "{2026-12-31}"),
    (
        "30 iyun 2026-cı il tarixinədək",
        "date",
        "by {2026-06-30}",
        "до {2026-06-30}",
        "{2026-06-30} tarixinədək",
    ),
    ("dekabr 2026", "month", "December 2026", "Декабрь 2026 г.", "2026-cı ilin dekabr ayı"),
    ("2026-cı ilin IV rübü", "quarter", "Q4 2026", "IV квартал 2026 г.", "2026-cı ilin IV rübü"),
    ("2026-cı ilin I yarımili", "half_year", "H1 2026", "I полугодие 2026 г.", "2026-cı ilin I yarımili"),
    ("2026-cı il", "year", "2026", "2026 г.", "2026-cı il"),
    ("2026-cı ilin sonunadək", "year", "by the end of 2026", "до конца 2026 г.", "2026-cı ilin sonunadək"),
    ("2025–2027-ci illər", "year_range", "2025–2027", "2025–2027 гг.", "2025–2027-ci illər"),
    ("hər il", "recurring", "every year", "ежегодно", "hər il"),
    ("hər il, 1 mart tarixinədək", "recurring", "every year, by 1 March", "ежегодно, до 1 марта", None),
    ("zəruri hallarda", "recurring", "as needed", "по мере необходимости", "zəruri hallarda"),
    ("mütəmadi", "continuous", "ongoing", "постоянно", "mütəmadi"),
    (
        "2025-2027-ci illər ərzində mütəmadi",
        "continuous",
        "ongoing, 2025–2027",
        "постоянно, 2025–2027 гг.",
        "mütəmadi, 2025–2027-ci illər",
    ),
    (
        "6 ay ərzində",
        "relative",
        "within 6 months of the approval of the plan, by {2026-07-15}",
        "в течение 6 месяцев после утверждения плана, до {2026-07-15}",
        "planın təsdiqindən sonra 6 ay ərzində, {2026-07-15} tarixinədək",
    ),
    (
        "3 ay ərzində qüvvəyə mindiyi gündən",
        "relative",
        "within 3 months of the entry into force of the act",
        "в течение 3 месяцев после вступления акта в силу",
        "aktın qüvvəyə minməsindən sonra 3 ay ərzində",
    ),
]


def _expand(expected: str | None, language: str) -> str | None:
    """Dates in the expected words as the language's date format writes them: "{2026-06-30}"."""
    if expected is None:
        return None
    with translation.override(language):
        return re.sub(
            r"\{(\d{4}-\d{2}-\d{2})\}",
            lambda match: formats.date_format(datetime.date.fromisoformat(match.group(1)), "DATE_FORMAT"),
            expected,
        )


def _words(text: str, language: str) -> str:
    deadline = parse_deadline(text, adopted_on=ADOPTED)
    with translation.override(language):
        return periods.period_words(
            kind=deadline.kind.value,
            start=deadline.start,
            end=deadline.end,
            recurrence=deadline.recurrence,
            offset=deadline.offset,
            anchor=deadline.anchor,
        )


@pytest.mark.parametrize(("text", "kind", "en", "ru", "az"), CASES)
def test_each_kind_of_period_reads_in_each_language(text, kind, en, ru, az):
    assert parse_deadline(text, adopted_on=ADOPTED).kind.value == kind
    assert _words(text, "en") == _expand(en, "en")
    assert _words(text, "ru") == _expand(ru, "ru")
    if az is not None:
        assert _words(text, "az") == _expand(az, "az")


@pytest.mark.parametrize(
    ("text", "within", "after"),
    [
        ("1 ay ərzində", "в течение 1 месяца", "через 1 месяц"),
        ("3 ay ərzində", "в течение 3 месяцев", "через 3 месяца"),
        ("21 gün ərzində", "в течение 21 дня", "через 21 день"),
        ("10 gün ərzində", "в течение 10 дней", "через 10 дней"),
        ("1 həftə ərzində", "в течение 1 недели", "через 1 неделю"),
        ("2 il ərzində", "в течение 2 лет", "через 2 года"),
    ],
)
def test_russian_durations_take_the_case_their_preposition_asks_for(text, within, after):
    """ "в течение" takes the genitive ("3 месяцев", "1 недели"), "через" the accusative ("1 неделю")."""
    deadline = parse_deadline(text, adopted_on=ADOPTED)
    assert _words(text, "ru").startswith(f"{within} после утверждения плана")
    with translation.override("ru"):
        reading = periods.reading(
            kind=deadline.kind.value,
            start=None,
            end=None,
            recurrence=deadline.recurrence,
            offset=deadline.offset,
            anchor=deadline.anchor,
        )
    assert reading == f"{after} после утверждения плана"


@pytest.mark.parametrize(
    ("text", "en", "ru", "az"),
    [
        ("IV квартал 2026 г.", "Q4 2026", None, "2026-cı ilin IV rübü"),
        ("ежегодно", "every year", None, "hər il"),
        ("by Q2 2026", None, "до {2026-06-30}", "{2026-06-30} tarixinədək"),
    ],
)
def test_periods_written_in_russian_or_english_read_in_the_other_languages(text, en, ru, az):
    for language, expected in (("en", en), ("ru", ru), ("az", az)):
        deadline = parse_deadline(text)
        with translation.override(language):
            shown = periods.shown(
                text=text,
                kind=deadline.kind.value,
                start=deadline.start,
                end=deadline.end,
                recurrence=deadline.recurrence,
                offset=deadline.offset,
                anchor=deadline.anchor,
            )
        assert shown is not None
        # in the wording's own language the plan's words are shown as they are
        assert shown.words == (_expand(expected, language) or "")


@pytest.mark.parametrize(
    ("year", "ordinal"),
    [
        (2021, "2021-ci"),
        (2022, "2022-ci"),
        (2023, "2023-cü"),
        (2024, "2024-cü"),
        (2026, "2026-cı"),
        (2029, "2029-cu"),
        (2030, "2030-cu"),
        (2040, "2040-cı"),
        (2020, "2020-ci"),
        (2000, "2000-ci"),
        (2100, "2100-cü"),
    ],
)
def test_azerbaijani_ordinal_follows_the_vowel_of_the_last_word(year, ordinal):
    assert periods.az_ordinal(year) == ordinal


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("2026-cı ilin IV rübü", "az"),
        ("2022-ci il", "az"),
        ("hər il", "az"),
        ("IV квартал 2026 г.", "ru"),
        ("by Q2 2026", "en"),
        ("every year", "en"),
        ("2025-2027", ""),
    ],
)
def test_the_language_of_a_wording_is_told_by_its_words(text, language):
    assert periods.wording_language(text) == language


def _shown(text: str, language: str) -> periods.Shown:
    deadline = parse_deadline(text, adopted_on=ADOPTED)
    with translation.override(language):
        shown = periods.shown(
            text=text,
            kind=deadline.kind.value,
            start=deadline.start,
            end=deadline.end,
            recurrence=deadline.recurrence,
            offset=deadline.offset,
            anchor=deadline.anchor,
        )
        assert shown is not None
        return periods.Shown(
            words=shown.words, wording=shown.wording, language=shown.language, unread=shown.unread
        )


def test_the_wording_is_one_click_away_without_script():
    with translation.override("ru"):
        html = str(_shown("2026-cı ilin IV rübü", "ru").html)
        assert html.startswith("IV квартал 2026 г.<details")
        assert "<summary" in html
        assert "Формулировка в плане" in html
        assert '<span lang="az" data-wording="">2026-cı ilin IV rübü</span>' in html


def test_on_a_page_in_the_wordings_language_the_plans_words_are_shown_alone():
    with translation.override("az"):
        html = str(_shown("2026-cı ilin IV rübü", "az").html)
    assert html == '<span lang="az" data-wording="">2026-cı ilin IV rübü</span>'


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_unread_wording_stays_as_written_with_a_note(language):
    shown = _shown("layihənin sonunda", language)
    assert shown.unread
    assert shown.words == ""
    with translation.override(language):
        html = str(shown.html)
        note = {"az": "müddət tanınmayıb", "ru": "срок не распознан", "en": "not read as a period"}[language]
    assert "layihənin sonunda" in html
    assert note in html
    assert "<details" not in html


@pytest.fixture
def plan(coordinator, center, ministry):
    act = plans_services.legal_act_create(
        actor=coordinator, kind="order", number="9", date=ADOPTED, title=texts("Sərəncam")
    )
    plan = plans_services.plan_create(
        actor=coordinator,
        code="PER-1",
        kind="action_plan",
        title=texts("Plan", "План", "Plan"),
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
        approved_by=act,
        status="in_force",
    )
    for number, wording in (
        ("1", "2026-cı ilin IV rübü"),
        ("2", "hər il"),
        ("3", "2025–2027-ci illər"),
        ("4", "layihənin sonunda"),
    ):
        plans_services.measure_create(
            actor=coordinator,
            plan=plan,
            number=number,
            content=plans_services.MeasureContent(
                text=texts(f"Tədbir {number}"),
                expected_result=texts(""),
                deadline_text=wording,
                executors=[ministry],
                other_executors=texts(""),
            ),
        )
    return plan


EXPECTED = {
    "en": ["Q4 2026", "every year", "2025–2027"],
    "ru": ["IV квартал 2026 г.", "ежегодно", "2025–2027 гг."],
}


def _outside_wordings(html: str) -> str:
    """The page without the plan's own wording, which is one click away inside <details>."""
    kept, rest = [], html
    while 'data-wording="">' in rest:
        before, _sep, rest = rest.partition('data-wording="">')
        kept.append(before)
        rest = rest.partition("</span>")[2]
    return "".join([*kept, rest])


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("signed_in", [True, False])
def test_the_plan_page_shows_periods_in_the_page_language(client, coordinator, plan, language, signed_in):
    if signed_in:
        client.force_login(coordinator)
    else:  # anonymous visitors are sent to the plan's public page, which shows periods alike
        plans_services.plan_publish(actor=coordinator, plan=plan, version=plan.version)
    with translation.override(language):
        url = plan.get_absolute_url()
    response = client.get(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    for words in EXPECTED[language]:
        assert words in html
    outside = _outside_wordings(html)
    for wording in ("rübü", "hər il", "illər"):
        assert wording not in outside
    assert 'data-wording="">2026-cı ilin IV rübü</span>' in html  # one click away
    assert "layihənin sonunda" in html  # unread: as written, with a note


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_measure_page_shows_the_period_in_the_page_language(client, coordinator, plan, language):
    client.force_login(coordinator)
    measure = plan.measures.get(number="1")
    with translation.override(language):
        url = measure.get_absolute_url()
    html = client.get(url).content.decode()
    assert EXPECTED[language][0] in html
    assert "rübü" not in _outside_wordings(html[: html.find('id="history"')])


def test_the_plan_page_reads_periods_in_a_fixed_number_of_queries(client, coordinator, plan, ministry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    with translation.override("en"):
        url = plan.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5, 25):
        plans_services.measure_create(
            actor=coordinator,
            plan=plan,
            number=str(number),
            content=plans_services.MeasureContent(
                text=texts(f"Tədbir {number}"),
                expected_result=texts(""),
                deadline_text=["hər rüb", "2026-cı il", "mütəmadi", "6 ay ərzində"][number % 4],
                executors=[ministry],
                other_executors=texts(""),
            ),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
