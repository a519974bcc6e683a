"""Every page linked from the home page, as each role and in each language, over the demo data: no
server error, and no words the page's reader should not see (see docs/testing.md, "The crawl").

Russian and English pages: no Azerbaijani period wording outside the plan's own wording (which the
pages mark with `lang="az"`), no raw action codes, field names or "True → False", no e-mail address
where a name belongs. Azerbaijani pages: no "Işçi", "Icra", "Ictimai" (a capital dotless I where
Azerbaijani writes İ).
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from koordinat.accounts.models import User
from koordinat.core import demo, history

from .crawl import EMAIL, Page, crawl

ROLES = {
    "anonymous": None,
    "executor": "asmar.zeynalova@eco.koordinat.test",
    "head": "rustam.nabiyev@eco.koordinat.test",
    "other_organisation": "fidan.musayeva@energy.koordinat.test",
    "secretary": "anar.eyvazov@center.koordinat.test",
    "coordinator": "elchin.ibrahimov@center.koordinat.test",
    "admin": "rustam.suleymanov@center.koordinat.test",
}

# The words Azerbaijani period wordings are made of (plans/deadlines.py reads them): none of them is
# Russian or English, so on those pages they are the plan's wording leaking out unmarked.
AZ_PERIOD_WORDS = re.compile(
    r"\b(?:rüb\w*|yarımil\w*|illər\w*|ilin\w*|ərzində|müddətində|daimi|mütəmadi|müntəzəm|davamlı"
    r"|fasiləsiz|hər il|hər ay|ay ərzində|il ərzində)\b",
    re.IGNORECASE,
)
# A field or code name: words joined by underscores ("controller_id", "on_control").
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Python's values printed as they are; "None" is an English word, so only on Russian pages.
RAW_VALUES = {"en": re.compile(r"\b(?:True|False)\b"), "ru": re.compile(r"\b(?:True|False|None)\b")}
AZ_WRONG_CAPITALS = re.compile(r"\b(?:Işçi|Icra|Ictimai)\w*")


@pytest.fixture(scope="module")
def demo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo loaded once for this module's tests, inside a transaction rolled back at its end, so
    the tests after them see the empty database they expect."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load_all(lambda name, result: None)
        yield
        transaction.set_rollback(True)


def _client(role: str) -> Client:
    client = Client()
    email = ROLES[role]
    if email is not None:
        client.force_login(User.objects.get(email=email))
    return client


def _pages(role: str, language: str) -> list[Page]:
    pages = list(crawl(_client(role), language))
    errors = [
        f"{page.url} ({page.status}, linked from {page.referrer})" for page in pages if page.status >= 500
    ]
    assert not errors, "server errors:\n" + "\n".join(errors)
    unexpected = [f"{page.url}: {page.status}" for page in pages if page.status not in {200, 302, 403, 404}]
    assert not unexpected, "unexpected statuses:\n" + "\n".join(unexpected)
    # A link the page shows its reader leads somewhere they may go: a button to a form they are then
    # refused is a link they cannot use (anonymous readers are sent to sign in instead, a 302).
    refused = [f"{page.url} (403), linked from {page.referrer}" for page in pages if page.status == 403]
    assert not refused, f"links {role} cannot use:\n" + "\n".join(refused)
    return pages


def _action_codes() -> re.Pattern[str]:
    codes = sorted(history.registered_actions(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(code) for code in codes) + r")(?![\w.])")


def _problems(page: Page, language: str) -> list[str]:
    found: list[str] = []
    text = page.text(language=language)
    if language == "az":
        found += [f"'{word}'" for word in AZ_WRONG_CAPITALS.findall(text)]
        return found
    found += [f"Azerbaijani period wording '{word}'" for word in AZ_PERIOD_WORDS.findall(text)]
    found += [f"action code '{code}'" for code in _action_codes().findall(text)]
    found += [f"field name '{name}'" for name in SNAKE_CASE.findall(EMAIL.sub("", text))]
    found += [f"raw value '{value}'" for value in RAW_VALUES[language].findall(text)]
    found += [
        f"e-mail '{email}' where a name belongs"
        for fragment in page.fragments
        if not fragment.mailto
        for email in EMAIL.findall(fragment.text)
    ]
    return found


@pytest.mark.parametrize("language", ["az", "ru", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_linked_page_reads_right(demo_data: None, db: None, role: str, language: str) -> None:
    pages = _pages(role, language)
    assert len(pages) > 5 if role != "anonymous" else pages
    problems = [
        f"{page.url}: {', '.join(sorted(set(found)))}"
        for page in pages
        if (found := _problems(page, language))
    ]
    assert not problems, f"{len(problems)} pages as {role} in {language}:\n" + "\n".join(problems)
