"""Every page reachable by links from the portal's home, in three languages, as the public and as the
office's staff: no server error, and none of the planted markers of what must stay internal (drafts,
report narratives, returned reports, unpublished plans and minutes, staff below head level, e-mail
addresses and telephone numbers). Files linked from the pages (the open data's CSV, XLSX and JSON,
its feed and descriptors) are read too and held to the same rule."""

import datetime
import io
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from openpyxl import load_workbook

from koordinat.core import clock
from koordinat.dialogue import services as dialogue_services
from koordinat.dialogue.models import Submission
from koordinat.events import services as event_services
from tests.crawl import EMAIL
from tests.dialogue.conftest import make_citizen

from .conftest import SECRETS

# Citizens' texts the public must not read (decision 70): awaiting moderation, rejected, withdrawn, an
# answer still a draft, and the citizens' e-mail addresses.
DIALOGUE_SECRETS = {
    "pending": "QXPENDINGSUBMISSIONMARKER",
    "rejected": "QXREJECTEDSUBMISSIONMARKER",
    "withdrawn": "QXWITHDRAWNSUBMISSIONMARKER",
    "draft_answer": "QXDRAFTANSWERMARKER",
    "citizen_email": "qxcitizenmarker@example.test",
    "pending_on_event": "QXPENDINGEVENTSUBMISSIONMARKER",
    "on_unpublished_event": "QXUNPUBLISHEDEVENTSUBMISSIONMARKER",
}
EVENT_QUESTION = "Dəyirmi masada kimlər çıxış edəcək?"


@pytest.fixture
def dialogue(portal, portal_events, admin_user, coordinator, executor, settings):
    """Published questions with answers on measure 1.1, the plan and the published round table (its
    organiser, the ministry, answers), and beside them what stays hidden: among it an accepted
    question on an event published, then withdrawn from the portal."""
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (100, 3600)}
    author = make_citizen(DIALOGUE_SECRETS["citizen_email"], name="Leyla Məmmədova")

    def ask(text: str, **target) -> Submission:
        return dialogue_services.submission_create(
            citizen=author, kind="question", text=text, language="az", address="192.0.2.1", **target
        )

    def accept(submission: Submission) -> Submission:
        return dialogue_services.submission_moderate(
            actor=coordinator, submission=submission, version=submission.version, accept=True
        )

    answered = accept(ask("Su xətti nə vaxt bitəcək?", measure=portal.measure))
    dialogue_services.answer_save(
        actor=executor, submission=answered, version=0, texts={"az": "İyun ayında."}, publish=True
    )
    accept(ask("Planın hesabatı harada dərc olunur?", plan=portal.plan))
    drafted = accept(ask("Məhəllələrin siyahısı hansıdır?", measure=portal.measure))
    dialogue_services.answer_save(
        actor=executor,
        submission=drafted,
        version=0,
        texts={"az": DIALOGUE_SECRETS["draft_answer"]},
        publish=False,
    )
    ask(DIALOGUE_SECRETS["pending"], measure=portal.measure)
    rejected = ask(DIALOGUE_SECRETS["rejected"], measure=portal.measure)
    dialogue_services.submission_moderate(
        actor=coordinator,
        submission=rejected,
        version=1,
        accept=False,
        reason="abusive",
        reason_text="Təhqir",
    )
    withdrawn = ask(DIALOGUE_SECRETS["withdrawn"], measure=portal.measure)
    dialogue_services.submission_withdraw(citizen=author, submission=withdrawn, version=1)

    upcoming, _held, _draft = portal_events
    on_event = dialogue_services.submission_moderate(
        actor=admin_user, submission=ask(EVENT_QUESTION, event=upcoming), version=1, accept=True
    )
    dialogue_services.answer_save(
        actor=executor,
        submission=on_event,
        version=0,
        texts={"az": "Nazirliyin nümayəndələri."},
        publish=True,
    )
    ask(DIALOGUE_SECRETS["pending_on_event"], event=upcoming)
    withdrawn_event = event_services.event_create(
        actor=admin_user,
        kind="public_hearing",
        title={"az": "İctimai dinləmə", "ru": "Общественные слушания", "en": "Public hearing"},
        starts_at=clock.now() + datetime.timedelta(days=30),
        district=portal.district,
        organizers=[portal.accepted.organization],
    )
    withdrawn_event = event_services.event_publish(
        actor=admin_user, event=withdrawn_event, version=withdrawn_event.version
    )
    dialogue_services.submission_moderate(
        actor=admin_user,
        submission=ask(DIALOGUE_SECRETS["on_unpublished_event"], event=withdrawn_event),
        version=1,
        accept=True,
    )
    withdrawn_event.refresh_from_db()
    event_services.event_unpublish(
        actor=admin_user, event=withdrawn_event, version=withdrawn_event.version, reason="Təxirə salındı"
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXTS = ("text/", "application/json", "application/atom+xml")


def readable(content_type: str, content: bytes) -> str:
    """The text a reader finds in a response: HTML, CSV, JSON and XML as they are, a workbook's every
    cell; nothing of other files (evidence PDFs)."""
    if content_type.startswith(TEXTS):
        return content.decode()
    if content_type.startswith(XLSX):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join("" if value is None else str(value) for value in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return ""


def crawl_portal(client: Client, language: str, limit: int = 200) -> dict[str, tuple[int, str]]:
    """Every portal page and file reachable from /<language>/portal/, with its status and its whole
    text (see `readable`); links are followed from the HTML pages."""
    start = f"/{language}/portal/"
    queue, pages = deque([start]), {}
    while queue and len(pages) < limit:
        path = queue.popleft()
        response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        kind = response.get("Content-Type", "")
        pages[path] = (response.status_code, readable(kind, content))
        html = pages[path][1] if kind.startswith("text/html") else ""
        parser = _Links()
        parser.feed(html)
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                not parts.scheme
                and parts.path.startswith(start)
                and target not in pages
                and target not in queue
            ):
                queue.append(target)
    return pages


@pytest.mark.parametrize("language", ["az", "ru", "en"])
@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_no_internal_text_reaches_a_public_page(
    client, request, portal, portal_events, dialogue, language, role
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    pages = crawl_portal(client, language)
    names = {path.split("/")[3] for path in pages if len(path.split("/")) > 4}
    assert {
        "plans",
        "organisations",
        "districts",
        "meetings",
        "search",
        "evidence",
        "events",
        "councils",
        "dialogue",
    } <= names
    upcoming, held, _draft = portal_events
    for event in (upcoming, held):
        assert f"/{language}/portal/events/{event.pk}/" in pages
    assert any("/dialogue/submissions/" in path for path in pages)
    assert EVENT_QUESTION in pages[f"/{language}/portal/events/{upcoming.pk}/"][1]
    assert any("/dialogue/log/" in path for path in pages)
    assert all(status == 200 for status, _html in pages.values()), {
        p: s for p, (s, _h) in pages.items() if s != 200
    }
    for path, (_status, html) in pages.items():
        markers = {**SECRETS, **DIALOGUE_SECRETS}
        leaked = [name for name, marker in markers.items() if marker.lower() in html.lower()]
        assert not leaked, f"{path} shows {leaked}"
        assert not EMAIL.search(html), f"{path} shows an e-mail address"
