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

from .crawl import EMAIL, Page, crawl, parse

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
# A message shown before its placeholders were filled, or template syntax printed as text.
UNFILLED = re.compile(r"%\(\w+\)[sd]|\{\{|\{%|%\}|\}\}")


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
    text = page.text(language=language)
    found = [f"unfilled '{code}'" for code in UNFILLED.findall(text)]
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


def _page(html: str, language: str) -> Page:
    page = Page(url=f"/{language}/", status=200, name="home", referrer="")
    page.links, page.fragments = parse(html, language)
    return page


@pytest.mark.parametrize(
    ("html", "language", "expected"),
    [
        ("<p>Işçi qrup</p><p>Icra</p>", "az", ["'Işçi'", "'Icra'"]),
        ("<p>İşçi qrup, İcra, İctimai şura</p>", "az", []),
        (
            "<p>2026-cı ilin II rübü</p>",
            "en",
            ["Azerbaijani period wording 'ilin'", "Azerbaijani period wording 'rübü'"],
        ),
        ('<p>Q2 2026</p><details><span lang="az">2026-cı ilin II rübü</span></details>', "en", []),
        ("<p>mütəmadi</p>", "ru", ["Azerbaijani period wording 'mütəmadi'"]),
        ("<td>meeting.create</td>", "en", ["action code 'meeting.create'"]),
        ("<li>controller_id: 4</li>", "en", ["field name 'controller_id'"]),
        ("<li>Public: False → True</li>", "en", ["raw value 'False'", "raw value 'True'"]),
        ("<option>None</option>", "en", []),
        ("<option>None</option>", "ru", ["raw value 'None'"]),
        (
            "<td>elchin@center.koordinat.test</td>",
            "en",
            ["e-mail 'elchin@center.koordinat.test' where a name belongs"],
        ),
        ('<a href="mailto:elchin@center.koordinat.test">elchin@center.koordinat.test</a>', "en", []),
        (
            "<p>%(count)s days</p><p>{{ name }}</p>",
            "en",
            ["unfilled '%(count)s'", "unfilled '{{'", "unfilled '}}'"],
        ),
        ("<script>var a = 'meeting.create';</script><p>Meetings</p>", "en", []),
    ],
)
def test_the_checks_find_what_they_look_for(html: str, language: str, expected: list[str]) -> None:
    assert _problems(_page(html, language), language) == expected


OFFICE_PATHS = [
    "/az/plans/",
    "/az/control/",
    "/az/directory/",
    "/az/meetings/",
    "/az/analytics/",
    "/az/notifications/",
    "/az/jobs/",
    "/az/dialogue/answers/",
    "/az/dialogue/moderation/",
    "/az/admin/",
]


def test_a_signed_in_citizen_sees_nothing_of_the_office(demo_data: None, db: None) -> None:
    """A citizen's sign-in is the dialogue's own (decision 70): the office still sees an anonymous
    reader, so every office page sends them to the staff sign-in (or the portal's page of it), and what they reach by links is the
    portal, the dialogue and the sign-in pages only."""
    from koordinat.core.demo import DEMO_PASSWORD
    from koordinat.dialogue.demo import DEMO_CITIZEN

    client = Client()
    signed_in = client.post(
        "/az/portal/dialogue/sign-in/", {"email": DEMO_CITIZEN, "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert "_auth_user_id" not in client.session
    for path in OFFICE_PATHS:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/login/" in response["Location"] or "/portal/" in response["Location"], path
    public = {page.url for page in crawl(Client(), "az") if page.status == 200}
    reached = [page for page in crawl(client, "az") if page.status == 200]
    beyond = [
        page.url for page in reached if page.url not in public and not page.name.startswith("dialogue:")
    ]
    assert not beyond, f"a citizen reached pages an anonymous reader does not: {beyond}"
    mine = client.get("/az/portal/dialogue/mine/").content.decode()
    assert "Günay Rzayeva" in mine
