"""The Dialogue Platform's public lists in open data: events with their agendas and proposals, public
councils, citizens' accepted questions and proposals with their published answers, and the moderation
log hold what their public pages show, and never a draft event, a registrant, a citizen's name or
address, a submission awaiting moderation, rejected or withdrawn, nor a draft answer; the same for
every role, in constant queries, in a package Frictionless accepts."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from koordinat.core import clock
from koordinat.dialogue.models import Answer, Citizen, Submission
from koordinat.events.models import AgendaItem, Event

from .conftest import DIALOGUE_SECRETS, SECRETS
from .files import body, text
from .test_datapackage import errors, fetched_package, validate
from .test_files import ROLES, _every_file
from .test_query_counts import queries

NAMES = ["events", "event_agenda", "event_proposals", "councils", "submissions", "moderation_log"]
PRIVATE = {
    **SECRETS,
    **DIALOGUE_SECRETS,
    "registrant_email": "qxregistrant@example.test",
    "citizen_name": "Leyla Məmmədova",
}


def _rows(client, name: str, language: str = "en") -> list[dict[str, str]]:
    response = client.get(f"/{language}/portal/data/{name}.csv")
    assert response.status_code == 200, name
    return list(csv.DictReader(io.StringIO(body(response).decode())))


def _page(client, name: str, *args) -> str:
    with translation.override("en"):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_events_hold_what_their_pages_show(client, portal, portal_events, ministry):
    upcoming, held, _draft = portal_events
    rows = {int(row["id"]): row for row in _rows(client, "events")}
    assert set(rows) == {upcoming.pk, held.pk}  # never the draft
    row = rows[upcoming.pk]
    page = _page(client, "public_events:event", upcoming.pk)
    assert row["title"] == "Round table in Ağdam"
    assert row["title"] in page
    assert (row["kind"], row["status"], row["registration_open"]) == ("round_table", "planned", "True")
    assert row["organisers"] in page
    assert row["partners"] == "Open Aghdam Public Union"
    assert row["council_id"] == str(portal.council.pk)
    assert row["outcome"] == ""  # not held yet
    assert row["url"] == "http://testserver" + f"/en/portal/events/{upcoming.pk}/"
    past = rows[held.pk]
    assert (past["status"], past["outcome"], past["attendance"]) == ("held", "Outcome", "25")
    assert past["outcome"] in _page(client, "public_events:event", held.pk)

    agenda = _rows(client, "event_agenda")
    assert [(row["event_id"], row["plan_code"], row["measure_number"]) for row in agenda] == [
        (str(upcoming.pk), portal.plan.code, "1.1")
    ]
    assert agenda[0]["text"] in page
    proposals = _rows(client, "event_proposals")
    assert [(row["event_id"], row["plan_code"], row["measure_number"]) for row in proposals] == [
        (str(held.pk), portal.plan.code, "1.1")
    ]


def test_a_measure_of_an_unpublished_plan_is_not_named(client, portal, portal_events, admin_user):
    upcoming, _held, _draft = portal_events
    AgendaItem.objects.create(
        event=upcoming, position=2, text="Daxili", measure=portal.internal_plan.measures.first()
    )
    agenda = {row["text"]: row for row in _rows(client, "event_agenda", "az")}
    assert (agenda["Daxili"]["plan_code"], agenda["Daxili"]["measure_number"]) == ("", "")
    assert portal.internal_plan.code not in body(client.get("/az/portal/data/event_agenda.json")).decode()


def test_councils_are_those_the_portal_shows(client, portal, portal_events, ministry):
    rows = _rows(client, "councils")
    assert [row["id"] for row in rows] == [str(portal.council.pk)]
    page = _page(client, "public_events:council", portal.council.pk)
    assert rows[0]["name"] == "Ağdam public council"
    assert rows[0]["name"] in page
    assert rows[0]["advises"] == ministry.name_en or rows[0]["advises"] == ministry.name
    assert rows[0]["member_organisations"] == "Open Aghdam Public Union"


def test_submissions_hold_what_their_pages_show(client, portal, dialogue):
    # Accepted and on a target still public: an accepted question on a withdrawn event is left out.
    accepted = Submission.objects.public()
    assert accepted.count() < Submission.objects.filter(status=Submission.Status.ACCEPTED).count()
    rows = {row["reference"]: row for row in _rows(client, "submissions")}
    assert set(rows) == {each.reference for each in accepted}
    answered = accepted.get(answered_at__isnull=False, measure__isnull=False)
    row = rows[answered.reference]
    page = _page(client, "dialogue:submission", answered.pk)
    assert row["text"] == "Su xətti nə vaxt bitəcək?"
    assert row["text"] in page
    assert (row["kind"], row["target"], row["plan_code"], row["measure_number"]) == (
        "question",
        "measure",
        portal.plan.code,
        "1.1",
    )
    assert (row["answer_az"], row["answer_ru"], row["answer_en"]) == ("İyun ayında.", "", "")
    assert row["answered_at"].endswith("Z")
    assert row["working_days_late"] == "0"
    assert row["answering_organisation"] == answered.organization.name_en
    assert row["url"] == "http://testserver" + f"/en/portal/dialogue/submissions/{answered.pk}/"
    drafted = rows[accepted.get(answer__status=Answer.Status.DRAFT).reference]
    assert (drafted["answer_az"], drafted["answered_at"]) == ("", "")  # a draft answer is not published
    on_plan = next(row for row in rows.values() if row["target"] == "plan")
    assert (on_plan["measure_number"], on_plan["event_id"]) == ("", "")
    on_event = rows[accepted.get(event__isnull=False).reference]
    assert (on_event["plan_code"], on_event["event_id"]) == (
        "",
        str(accepted.get(event__isnull=False).event_id),
    )


def test_the_moderation_log_is_the_public_logs(client, portal, dialogue):
    rows = _rows(client, "moderation_log")
    assert "text" not in rows[0]
    # decisions on targets still public: not the accepted question on the withdrawn event
    decided = Submission.objects.filter(status__in=["accepted", "rejected"]).exclude(
        event__is_published=False
    )
    assert {row["reference"] for row in rows} == {each.reference for each in decided}
    rejected = next(row for row in rows if row["decision"] == "rejected")
    assert (rejected["reason"], rejected["reason_text"], rejected["url"]) == ("abusive", "", "")
    page = client.get("/en/portal/dialogue/log/").content.decode()
    for row in rows:
        assert row["reference"] in page


def test_the_feed_announces_published_events_and_answers_only(client, portal, portal_events, dialogue):
    upcoming, held, draft = portal_events
    root = ET.fromstring(body(client.get("/en/portal/data/feed.atom")))
    ids = {element.text for element in root.iter("{http://www.w3.org/2005/Atom}id")}
    answered = Submission.objects.public().filter(answered_at__isnull=False)
    assert f"tag:testserver,2026:event/{upcoming.pk}" in ids
    assert f"tag:testserver,2026:event/{held.pk}" in ids
    assert f"tag:testserver,2026:event/{draft.pk}" not in ids
    assert {each for each in ids if ":answer/" in each} == {
        f"tag:testserver,2026:answer/{each.pk}" for each in answered
    }
    assert len(answered) == 2  # on measure 1.1 and on the round table
    # the answer is in Azerbaijani only: the English feed says so, never shows it as English
    assert "The answer is available only in Azerbaijani." in text(client.get("/en/portal/data/feed.atom"))


def test_popolo_has_councils_shown_for_their_events(client, portal, portal_events):
    type(portal.council).objects.filter(pk=portal.council.pk).update(is_public=False)
    document = client.get(reverse("opendata:popolo")).json()
    council = f"body/{portal.council.pk}"
    assert council in {each["id"] for each in document["organizations"]}
    members = {each["member"]["id"] for each in document["memberships"] if each["organization_id"] == council}
    assert members == {f"organization/{portal.civil_society.pk}"}


@pytest.mark.parametrize("role", ROLES)
def test_no_file_holds_anything_private_and_every_role_gets_the_same(
    client, request, portal, portal_events, dialogue, role
):
    urls = _every_file(portal)
    anonymous = {name: body(client.get(f"/az/portal/data/{name}.csv")) for name in NAMES}
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = text(response).lower()
        leaked = [name for name, marker in PRIVATE.items() if marker.lower() in found]
        assert not leaked, f"{url} shows {leaked} to {role}"
    assert {name: body(client.get(f"/az/portal/data/{name}.csv")) for name in NAMES} == anonymous


def test_the_whole_package_with_the_dialogue_validates(client, portal, portal_events, dialogue, tmp_path):
    descriptor = fetched_package(client, reverse("opendata:datapackage"), tmp_path)
    report = validate(tmp_path)
    assert report.valid, errors(report)
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}  # none for an empty file
    assert [rows[name] for name in NAMES] == [2, 1, 1, 1, 4, 5]
    events = next(each for each in descriptor["resources"] if each["name"] == "event_agenda")
    assert events["schema"]["foreignKeys"][0]["reference"] == {"resource": "events", "fields": ["id"]}


def test_a_broken_foreign_key_fails_validation(client, portal, portal_events, dialogue, tmp_path):
    """The foreign keys are checked: an agenda item of an event not in the events file fails."""
    fetched_package(client, reverse("opendata:datapackage"), tmp_path)
    events = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "events.csv").write_text("\n".join(events[:1]) + "\n", encoding="utf-8")
    assert not validate(tmp_path).valid


def _grow(portal, ministry, executor, count: int) -> None:
    """`count` more published events with organisers, partners and an agenda item, and `count` more
    accepted questions with published answers."""
    now = clock.now()
    citizen = Citizen.objects.create(
        email=f"grow{count}@example.test", name="Grow", password="!", language="az", consented_at=now
    )
    for index in range(count):
        event = Event.objects.create(
            kind="round_table",
            title=f"Event {index}",
            starts_at=now + datetime.timedelta(days=index + 1),
            district=portal.district,
            council=portal.council,
            is_published=True,
            published_at=now,
        )
        event.organizers.add(ministry)
        event.partners.add(portal.civil_society)
        AgendaItem.objects.create(event=event, position=1, text="Item", measure=portal.measure)
        submission = Submission.objects.create(
            kind="question",
            citizen=citizen,
            target="measure",
            plan=portal.plan,
            measure=portal.measure,
            text=f"Question {index}",
            language="az",
            status="accepted",
            moderated_at=now,
            organization=ministry,
            answer_due=now.date(),
        )
        Answer.objects.create(
            submission=submission,
            organization=ministry,
            text_az="Cavab",
            status="published",
            written_by=executor,
            published_at=now,
        )


def test_files_do_not_grow_with_events_and_submissions(client, portal, ministry, executor):
    urls = [f"/az/portal/data/{name}.{kind}" for name in NAMES for kind in ("csv", "json")]
    urls += ["/az/portal/data/feed.atom", reverse("opendata:popolo"), reverse("opendata:datapackage")]
    _grow(portal, ministry, executor, 2)
    small = {url: queries(client, url) for url in urls}
    _grow(portal, ministry, executor, 15)
    assert {url: queries(client, url) for url in urls} == small
