"""The Dialogue Platform's public lists as datasets (see registry): published events with their agenda
and proposals, public councils, citizens' accepted questions and proposals with their published
answers, and the public moderation log. Each reads through the public_* selectors of events and
dialogue, so a file holds what their public pages show: never a registrant, a citizen's name or
address, a submission awaiting moderation, rejected or withdrawn, nor a draft answer."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from koordinat.core import clock
from koordinat.dialogue import selectors as dialogue_selectors
from koordinat.dialogue.models import Submission
from koordinat.events import selectors as event_selectors
from koordinat.events.models import Event

from . import datasets
from .datasets import Absolute, _url, _url_field
from .registry import Dataset, Field, ForeignKey, Row, register


def _names(organizations: Any) -> str:
    return "; ".join(organization.name for organization in organizations.all())


def event_rows(*, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "public_events:event")
    for event in event_selectors.public_event_rows().iterator(chunk_size=datasets.CHUNK):
        held = event.status == Event.Status.HELD
        yield (
            event.pk,
            event.kind,
            event.title,
            event.starts_at,
            event.status,
            event.district.name,
            event.address,
            _names(event.organizers),
            _names(event.partners),
            event.council_id,
            event.council.name if event.council else "",
            event.description,
            event.takes_registrations,
            event.registration_deadline if event.status == Event.Status.PLANNED else None,
            event.capacity if event.status == Event.Status.PLANNED else None,
            event.summary if held else "",
            event.attendance,
            event.published_at,
            url(event.pk),
        )


def _items(items: Any) -> Iterator[Row]:
    for item in items.iterator(chunk_size=datasets.CHUNK):
        public = item.measure_id is not None and item.measure_public
        yield (
            item.pk,
            item.event_id,
            item.position,
            item.text,
            item.measure.plan.code if public else "",
            item.measure.number if public else "",
        )


def agenda_rows(*, absolute: Absolute) -> Iterator[Row]:
    return _items(event_selectors.public_agenda_items())


def proposal_rows(*, absolute: Absolute) -> Iterator[Row]:
    return _items(event_selectors.public_event_proposals())


def council_rows(*, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "public_events:council")
    for council in event_selectors.public_councils().iterator(chunk_size=datasets.CHUNK):
        yield (
            council.pk,
            council.name,
            council.advises.name if council.advises else "",
            _names(council.member_organizations),
            url(council.pk),
        )


def submission_rows(*, absolute: Absolute) -> Iterator[Row]:
    """Accepted submissions, each with its published answer in three columns (a missing language
    stays empty) and its lateness in working days as the page counts it."""
    url = _url(absolute, "dialogue:submission")
    today = clock.today()
    for chunk in _chunks(dialogue_selectors.public_submission_rows()):
        answers = dialogue_selectors.public_answers(submission_ids=[row.pk for row in chunk])
        for row in chunk:
            answer = answers.get(row.pk)
            yield (
                row.reference,
                row.kind,
                row.target,
                row.plan.code if row.plan else "",
                row.measure.number if row.measure else "",
                row.event_id,
                row.text,
                row.language,
                row.moderated_at,
                row.organization.name if row.organization else "",
                row.answer_due,
                row.answered_at if answer else None,
                dialogue_selectors.days_late(row, today),
                answer.text_az if answer else "",
                answer.text_ru if answer else "",
                answer.text_en if answer else "",
                url(row.pk),
            )


def moderation_rows(*, absolute: Absolute) -> Iterator[Row]:
    """The moderation log as its page shows it: a rejected submission's reason, never its text; the
    words of an "abusive" reason are not repeated."""
    url = _url(absolute, "dialogue:submission")
    for row in dialogue_selectors.moderation_log().iterator(chunk_size=datasets.CHUNK):
        rejected = row.status == Submission.Status.REJECTED
        yield (
            row.reference,
            row.moderated_at,
            row.plan.code if row.plan else "",
            row.measure.number if row.measure else "",
            row.event_id,
            row.kind,
            row.status,
            row.reason if rejected else "",
            row.reason_text if rejected and row.reason != Submission.Reason.ABUSIVE else "",
            "" if rejected else url(row.pk),
        )


def _chunks(rows: Any) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows.iterator(chunk_size=datasets.CHUNK):
        chunk.append(row)
        if len(chunk) == datasets.CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _measure_fields() -> list[Field]:
    return [
        Field("plan_code", "string", _("The code of the plan of the measure it concerns; empty when none.")),
        Field("measure_number", "string", _("The number of the measure it concerns; empty when none.")),
    ]


def _item_fields(what: str | Promise) -> list[Field]:
    return [
        Field("id", "integer", _("Its number in Koordinat."), required=True),
        Field("event_id", "integer", _("The event's number (see events)."), required=True),
        Field("position", "integer", _("Its position in the event's list.")),
        Field("text", "string", what),
        *_measure_fields(),
    ]


def register_all() -> None:
    register(
        Dataset(
            name="events",
            title=_("Events of the Dialogue Platform"),
            description=_(
                "Published round tables, public hearings and public council meetings: when and where, "
                "who organised them with which partners, registration and the outcome. No registrant."
            ),
            order=70,
            primary_key=("id",),
            foreign_keys=(ForeignKey(("council_id",), "councils", ("id",)),),
            rows=event_rows,
            fields=[
                Field("id", "integer", _("The event's number in Koordinat."), required=True),
                Field(
                    "kind", "string", _("Kind of event."), required=True, choices=tuple(Event.Kind.choices)
                ),
                Field("title", "string", _("Title."), required=True),
                Field("starts_at", "datetime", _("When it starts (UTC)."), required=True),
                Field("status", "string", _("Status."), choices=tuple(Event.Status.choices)),
                Field("district", "string", _("The district where it is held.")),
                Field("address", "string", _("Address.")),
                Field("organisers", "string", _("The organising organisations, separated by “;”.")),
                Field("partners", "string", _("Partner civil society organisations, separated by “;”.")),
                Field(
                    "council_id", "integer", _("The public council's number (see councils); empty when none.")
                ),
                Field("council", "string", _("The public council.")),
                Field("description", "string", _("Description.")),
                Field("registration_open", "boolean", _("Whether the public may register now.")),
                Field("registration_deadline", "datetime", _("When registration closes (UTC).")),
                Field("capacity", "integer", _("Places for the public; empty when not limited.")),
                Field("outcome", "string", _("The outcome its organisers published once it was held.")),
                Field("attendance", "integer", _("How many took part.")),
                Field("published_at", "datetime", _("When it was published on the portal (UTC).")),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="event_agenda",
            title=_("Agendas of events"),
            description=_("The agenda items of published events and the measures they are on."),
            order=71,
            primary_key=("id",),
            foreign_keys=(ForeignKey(("event_id",), "events", ("id",)),),
            rows=agenda_rows,
            fields=_item_fields(_("The agenda item.")),
        )
    )
    register(
        Dataset(
            name="event_proposals",
            title=_("Proposals made at events"),
            description=_("Proposals made at held events and the measures they concern."),
            order=72,
            primary_key=("id",),
            foreign_keys=(ForeignKey(("event_id",), "events", ("id",)),),
            rows=proposal_rows,
            fields=_item_fields(_("The proposal.")),
        )
    )
    register(
        Dataset(
            name="councils",
            title=_("Public councils"),
            description=_("Public councils, the authority each advises and its member organisations."),
            order=73,
            primary_key=("id",),
            rows=council_rows,
            fields=[
                Field("id", "integer", _("The council's number in Koordinat."), required=True),
                Field("name", "string", _("Name."), required=True),
                Field("advises", "string", _("The authority it advises.")),
                Field(
                    "member_organisations",
                    "string",
                    _("Its member civil society organisations, separated by “;”."),
                ),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="submissions",
            title=_("Citizens' questions and proposals"),
            description=_(
                "Questions and proposals of citizens accepted by moderation, the organisation that must "
                "answer, by when, and its published answer. No citizen is named."
            ),
            order=80,
            primary_key=("reference",),
            foreign_keys=(
                ForeignKey(("plan_code",), "plans", ("code",)),
                ForeignKey(("event_id",), "events", ("id",)),
            ),
            rows=submission_rows,
            fields=[
                Field("reference", "string", _("Its reference, as the portal gives it."), required=True),
                Field("kind", "string", _("Question or proposal."), choices=tuple(Submission.Kind.choices)),
                Field(
                    "target",
                    "string",
                    _("Whether it is on a plan, a measure or an event."),
                    choices=tuple(Submission.Target.choices),
                ),
                Field("plan_code", "string", _("The code of the plan it is on; empty when on an event.")),
                Field(
                    "measure_number",
                    "string",
                    _("The number of the measure it is on; empty when on the plan or an event."),
                ),
                Field("event_id", "integer", _("The event it is on (events.id); empty when on a plan.")),
                Field("text", "string", _("What the citizen wrote.")),
                Field(
                    "language",
                    "string",
                    _("The language it is written in."),
                    choices=tuple(settings.LANGUAGES),
                ),
                Field("accepted_at", "datetime", _("When moderation accepted it (UTC).")),
                Field("answering_organisation", "string", _("The organisation that must answer.")),
                Field("answer_due", "date", _("The date the answer is due.")),
                Field("answered_at", "datetime", _("When the answer was published (UTC); empty until then.")),
                Field(
                    "working_days_late",
                    "integer",
                    _("Working days the answer was late, or is overdue today; 0 when on time."),
                ),
                Field("answer_az", "string", _("The answer in Azerbaijani; empty when not written.")),
                Field("answer_ru", "string", _("The answer in Russian; empty when not written.")),
                Field("answer_en", "string", _("The answer in English; empty when not written.")),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="moderation_log",
            title=_("Moderation log"),
            description=_(
                "Every moderation decision on citizens' questions and proposals with its reason; the "
                "text of a rejected submission is not published."
            ),
            order=81,
            primary_key=("reference",),
            foreign_keys=(
                ForeignKey(("plan_code",), "plans", ("code",)),
                ForeignKey(("event_id",), "events", ("id",)),
            ),
            rows=moderation_rows,
            fields=[
                Field("reference", "string", _("The submission's reference."), required=True),
                Field("moderated_at", "datetime", _("When it was decided (UTC).")),
                Field("plan_code", "string", _("The code of the plan it is on; empty when on an event.")),
                Field(
                    "measure_number",
                    "string",
                    _("The number of the measure it is on; empty when on the plan or an event."),
                ),
                Field("event_id", "integer", _("The event it is on (events.id); empty when on a plan.")),
                Field("kind", "string", _("Question or proposal."), choices=tuple(Submission.Kind.choices)),
                Field(
                    "decision",
                    "string",
                    _("The decision."),
                    choices=(
                        (Submission.Status.ACCEPTED.value, _("published")),
                        (Submission.Status.REJECTED.value, _("rejected")),
                    ),
                ),
                Field(
                    "reason",
                    "string",
                    _("Why it was rejected; empty when published."),
                    choices=tuple(Submission.Reason.choices),
                ),
                Field("reason_text", "string", _("The moderator's words on the reason, where published.")),
                Field(
                    "url",
                    "string",
                    _("The page of the public portal that shows it; empty when rejected."),
                    format="uri",
                ),
            ],
        )
    )
