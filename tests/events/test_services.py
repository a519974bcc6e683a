"""The events' services against the database: who may change an event, the rules of partners,
councils and registration, versions, and the audit of every change."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.directory import services as directory_services
from koordinat.events import selectors, services
from koordinat.events.models import Event, Registration
from tests.conftest import texts

from .conftest import soon


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here; the pages' tests read them in the visitor's language."""
    translation.activate("en")


def recorded(action, outcome="success"):
    return AuditEvent.objects.filter(action=action, outcome=outcome).exists()


def update(actor, event, **changes):
    version = changes.pop("version", None)
    event = Event.objects.get(pk=event.pk)
    arguments = {
        "kind": event.kind,
        "title": texts(event.title_az, event.title_ru or "", event.title_en or ""),
        "starts_at": event.starts_at,
        "district": event.district,
        "organizers": list(event.organizers.all()),
        "description": texts(""),
        "address": texts(""),
        "partners": list(event.partners.all()),
        "council": event.council,
        "status": event.status,
        "registration_open": event.registration_open,
        "capacity": event.capacity,
        "registration_deadline": event.registration_deadline,
        **changes,
    }
    return services.event_update(
        actor=actor, event=event, version=event.version if version is None else version, **arguments
    )


def test_the_organisers_secretary_plans_a_draft_nobody_outside_sees(make_event, secretary):
    draft = make_event(actor=secretary)
    assert not draft.is_published
    assert draft.status == Event.Status.PLANNED
    assert recorded("event.create")
    assert not selectors.public_events().filter(pk=draft.pk).exists()
    assert selectors.event_list(user=secretary).filter(pk=draft.pk).exists()


def test_an_event_of_another_organisation_is_refused(make_event, secretary, ministry):
    with pytest.raises(ValidationError) as error:
        make_event(actor=secretary, organizers=[ministry])
    assert "organizers" in error.value.message_dict
    assert not Event.objects.exists()


def test_partners_are_civil_society_organisations(make_event, cso, ministry):
    with pytest.raises(ValidationError) as error:
        make_event(partners=[cso, ministry])
    assert ministry.name in " ".join(error.value.message_dict["partners"])
    assert make_event(partners=[cso]).partners.get() == cso


def test_a_council_meeting_names_a_public_council(make_event, council, admin_user):
    with pytest.raises(ValidationError) as error:
        make_event(kind=Event.Kind.COUNCIL_MEETING)
    assert "council" in error.value.message_dict
    working_group = directory_services.body_create(
        actor=admin_user, kind="working_group", name=texts("İşçi qrup")
    )
    with pytest.raises(ValidationError) as error:
        make_event(kind=Event.Kind.COUNCIL_MEETING, council=working_group)
    assert "İşçi qrup" in " ".join(error.value.message_dict["council"])
    assert make_event(kind=Event.Kind.COUNCIL_MEETING, council=council).council == council


def test_oversized_text_is_refused_by_field_and_language(make_event):
    with pytest.raises(ValidationError) as error:
        make_event(description=texts("a", "", "x" * 5001))
    assert "description_en" in error.value.message_dict
    assert not Event.objects.exists()


@pytest.mark.parametrize("role", ["secretary", "own_coordinator", "admin_user"])
def test_the_organisers_and_administrators_edit(request, role, event):
    actor = request.getfixturevalue(role)
    changed = update(actor, event, title=texts("Yeni ad", "", ""))
    assert changed.title_az == "Yeni ad"
    assert changed.version == event.version + 1
    assert recorded("event.update")


@pytest.mark.parametrize("role", ["other_secretary", "coordinator", "own_executor", "executor", "observer"])
def test_nobody_else_edits_or_publishes(request, role, make_event):
    actor = request.getfixturevalue(role)
    draft = make_event()
    with pytest.raises(PermissionDenied):
        update(actor, draft, title=texts("Oğurlanmış", "", ""))
    with pytest.raises(PermissionDenied):
        services.event_publish(actor=actor, event=draft, version=draft.version)
    draft.refresh_from_db()
    assert draft.title_az == "Dəyirmi masa"
    assert not draft.is_published
    assert recorded("event.update", "refused")
    assert recorded("event.publish", "refused")


def test_a_stale_form_overwrites_nothing(event, secretary):
    update(secretary, event, title=texts("Birinci", "", ""))
    with pytest.raises(ConcurrentEditError):
        update(secretary, event, title=texts("İkinci", "", ""), version=event.version)
    event.refresh_from_db()
    assert event.title_az == "Birinci"


def test_publishing_and_withdrawing(make_event, secretary):
    draft = make_event()
    published = services.event_publish(actor=secretary, event=draft, version=draft.version)
    assert selectors.public_events().filter(pk=draft.pk).exists()
    with pytest.raises(ValidationError):
        services.event_publish(actor=secretary, event=published, version=published.version)
    with pytest.raises(ValidationError) as error:
        services.event_unpublish(actor=secretary, event=published, version=published.version, reason=" ")
    assert "reason" in error.value.message_dict
    services.event_unpublish(
        actor=secretary, event=published, version=published.version, reason="Tarix dəyişir"
    )
    assert not selectors.public_events().filter(pk=draft.pk).exists()
    assert recorded("event.publish")
    assert recorded("event.unpublish")


def test_the_outcome_of_a_held_event(make_event, secretary, measure):
    future = make_event(published=True)
    with pytest.raises(ValidationError):
        services.outcome_record(
            actor=secretary, event=future, version=future.version, summary=texts("X"), attendance=3
        )
    past = make_event(published=True, starts_at=soon(-3), registration_open=False)
    held = services.outcome_record(
        actor=secretary,
        event=past,
        version=past.version,
        summary=texts("Nəticə", "Итог", "Outcome"),
        attendance=40,
    )
    assert held.status == Event.Status.HELD
    assert held.attendance == 40
    proposal = services.proposal_add(
        actor=secretary,
        event=held,
        version=held.version,
        text=texts("Təklif", "Предложение", "Proposal"),
        measure=measure,
    )
    assert proposal.measure == measure
    assert recorded("event.outcome")
    assert recorded("event.proposal_add")
    with pytest.raises(ValidationError) as error:
        services.proposal_add(
            actor=secretary, event=held, version=held.version + 1, text=texts(""), measure=None
        )
    assert "text_az" in error.value.message_dict


def test_a_cancelled_event_has_no_outcome(make_event, secretary):
    past = make_event(starts_at=soon(-3), registration_open=False)
    cancelled = update(secretary, past, status=Event.Status.CANCELLED)
    with pytest.raises(ValidationError):
        services.outcome_record(
            actor=secretary, event=cancelled, version=cancelled.version, summary=texts("X"), attendance=1
        )


def test_agenda_items_are_numbered_and_removed_with_a_version(event, secretary, measure):
    first = services.agenda_item_add(
        actor=secretary, event=event, version=event.version, text=texts("Bir"), measure=measure
    )
    second = services.agenda_item_add(
        actor=secretary, event=event, version=event.version + 1, text=texts("İki"), measure=None
    )
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ConcurrentEditError):
        services.agenda_item_remove(actor=secretary, item=first, version=event.version)
    services.agenda_item_remove(actor=secretary, item=first, version=event.version + 2)
    assert list(event.agenda.values_list("text_az", flat=True)) == ["İki"]
    assert recorded("event.agenda_remove")


# Registration ------------------------------------------------------------------------------------


def register(event, email="leyla@example.test", **kwargs):
    return services.registration_submit(event=event, name="Leyla Həsənova", email=email, **kwargs)


def test_registration_is_counted_once_confirmed(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, email="Leyla@Example.test")
    assert registration.email == "leyla@example.test"
    assert registration.confirmed_at is None
    assert selectors.confirmed_count(event=event) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["leyla@example.test"]
    token = re.search(r"/events/confirm/([^/\s]+)/", mail.outbox[0].body).group(1)
    services.registration_confirm(token=token)
    assert selectors.confirmed_count(event=event) == 1
    services.registration_confirm(token=token)  # the link opened twice counts once
    assert selectors.confirmed_count(event=event) == 1
    assert recorded("registration.create")
    assert recorded("registration.confirm")
    assert "leyla@example.test" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_an_address_registers_once(event):
    register(event)
    with pytest.raises(ValidationError) as error:
        register(event, email=" LEYLA@example.test ")
    assert "already registered" in " ".join(error.value.message_dict["email"])
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"registration_open": False}, "closed"),
        ({"registration_deadline": soon(-1), "starts_at": soon(2)}, "closed on"),
        ({"starts_at": soon(-1)}, "already taken place"),
    ],
)
def test_registration_refused_when_closed(make_event, overrides, words):
    closed = make_event(published=True, **overrides)
    with pytest.raises(ValidationError) as error:
        register(closed)
    assert words in " ".join(error.value.messages)
    assert not Registration.objects.exists()


def test_registration_refused_for_a_draft_and_a_cancelled_event(make_event, secretary):
    draft = make_event()
    with pytest.raises(ValidationError):
        register(draft)
    cancelled = make_event(published=True)
    cancelled = update(secretary, cancelled, status=Event.Status.CANCELLED)
    with pytest.raises(ValidationError) as error:
        register(cancelled)
    assert "cancelled" in " ".join(error.value.messages)


def test_a_full_event_refuses_registration_and_confirmation(make_event):
    small = make_event(published=True, capacity=1)
    first, second = register(small, "a@example.test"), register(small, "b@example.test")
    services.registration_confirm(token=services.confirmation_token(first))
    with pytest.raises(ValidationError) as error:
        services.registration_confirm(token=services.confirmation_token(second))
    assert "places are taken" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        register(small, "c@example.test")
    assert selectors.confirmed_count(event=small) == 1


def test_a_forged_or_expired_link_confirms_nothing(event):
    registration = register(event)
    token = services.confirmation_token(registration)
    with pytest.raises(ValidationError):
        services.registration_confirm(token=token[:-2] + "xx")
    forged = signing.dumps({"r": registration.pk, "e": "other@example.test"}, salt=services.CONFIRMATION_SALT)
    with pytest.raises(ValidationError):
        services.registration_confirm(token=forged)
    old = signing.TimestampSigner(salt=services.CONFIRMATION_SALT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: 0.0 + datetime.datetime(2020, 1, 1).timestamp())
        stale = signing.dumps(
            {"r": registration.pk, "e": registration.email}, salt=services.CONFIRMATION_SALT
        )
    assert old  # the signer's clock is the one patched above
    with pytest.raises(ValidationError):
        services.registration_confirm(token=stale)
    registration.refresh_from_db()
    assert registration.confirmed_at is None


# Public councils ---------------------------------------------------------------------------------


def test_a_public_councils_members_are_civil_society_organisations(admin_user, cso, ministry, authority):
    with pytest.raises(ValidationError) as error:
        directory_services.body_create(
            actor=admin_user, kind="public_council", name=texts("Şura"), member_organizations=[cso, ministry]
        )
    assert ministry.name in " ".join(error.value.message_dict["member_organizations"])


def test_only_a_public_council_advises_an_authority(admin_user, authority):
    with pytest.raises(ValidationError) as error:
        directory_services.body_create(
            actor=admin_user, kind="working_group", name=texts("Qrup"), advises=authority
        )
    assert "advises" in error.value.message_dict


def test_a_council_cannot_take_a_ministry_on_update(admin_user, council, cso, ministry, authority):
    with pytest.raises(ValidationError):
        directory_services.body_update(
            actor=admin_user,
            body=council,
            version=council.version,
            kind="public_council",
            name=texts("Yardımlı ictimai şurası"),
            area=texts(""),
            parent=None,
            chair=None,
            secretary=None,
            member_organizations=[cso, ministry],
            members=[],
            advises=authority,
        )
    assert list(council.member_organizations.all()) == [cso]
