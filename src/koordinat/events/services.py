"""Changes to events, each audited: the organisers keep an event, publish it and record its outcome;
the public registers and confirms through the link sent to their address."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.models import lock_version
from koordinat.core.public import public_changed
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Body, Organization
from koordinat.directory.selectors import organization_scope
from koordinat.places.models import District
from koordinat.plans.models import Measure

from . import permissions
from .models import ITEM_LENGTH, TEXT_LENGTH, AgendaItem, Event, Proposal, Registration

CONFIRMATION_SALT = "koordinat.events.registration"
CONFIRMATION_DAYS = 7  # a confirmation link older than this is refused: register again
EVENT_FIELDS = [
    "kind",
    "starts_at",
    "district_id",
    "council_id",
    "status",
    "registration_open",
    "capacity",
    "registration_deadline",
]
EVENT_TEXTS = ["title", "description", "address"]


def _snapshot(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
    for field in EVENT_TEXTS:
        for code, text in texts_of(event, field).items():
            data[f"{field}_{code}"] = text
    return data


def _check_lengths(errors: dict[str, list[str]], field: str, texts: Texts, limit: int) -> None:
    """Texts longer than their column allows, named by field and language (a TextField's length is
    not checked by the database)."""
    for code, text in texts.items():
        if len(text or "") > limit:
            errors.setdefault(f"{field}_{code}", []).append(
                _("This text has %(length)d characters; at most %(limit)d are allowed.")
                % {"length": len(text), "limit": limit}
            )


def _check_event(
    *,
    actor: User,
    event: Event,
    organizers: list[Organization],
    partners: list[Organization],
    texts: dict[str, Texts],
) -> None:
    errors: dict[str, list[str]] = {}
    if not organizers:
        errors.setdefault("organizers", []).append(_("Name at least one organiser."))
    elif not permissions.is_administrator(actor) and not organization_scope(actor) & {
        o.pk for o in organizers
    }:
        errors.setdefault("organizers", []).append(
            _("Your organisation must be one of the organisers: you keep only your organisation's events.")
        )
    for partner in partners:
        if partner.kind != Organization.Kind.CIVIL_SOCIETY_ORGANISATION:
            errors.setdefault("partners", []).append(
                _("%(name)s is not a civil society organisation: partners are civil society organisations.")
                % {"name": partner.name}
            )
    council = event.council
    if council is not None and council.kind != Body.Kind.PUBLIC_COUNCIL:
        errors.setdefault("council", []).append(
            _("%(name)s is not a public council.") % {"name": council.name}
        )
    if event.kind == Event.Kind.COUNCIL_MEETING and council is None:
        errors.setdefault("council", []).append(_("Choose the public council that meets."))
    if event.capacity is not None and event.capacity < 1:
        errors.setdefault("capacity", []).append(_("Give at least one place, or leave it empty."))
    if event.registration_deadline is not None and event.registration_deadline > event.starts_at:
        errors.setdefault("registration_deadline", []).append(
            _("Registration must close before the event starts.")
        )
    if event.status == Event.Status.HELD and event.starts_at > clock.now():
        errors.setdefault("status", []).append(_("An event that has not started yet cannot have been held."))
    for field, text in texts.items():
        _check_lengths(errors, field, text, TEXT_LENGTH)
    if errors:
        raise ValidationError(errors)


def event_create(
    *,
    actor: User,
    kind: str,
    title: Texts,
    starts_at: datetime.datetime,
    district: District,
    organizers: Iterable[Organization],
    description: Texts | None = None,
    address: Texts | None = None,
    partners: Iterable[Organization] = (),
    council: Body | None = None,
    registration_open: bool = False,
    capacity: int | None = None,
    registration_deadline: datetime.datetime | None = None,
) -> Event:
    """A draft event of the actor's organisation: nobody outside sees it until it is published."""
    audit.require(permissions.can_create_event, actor, None, action="event.create")
    organizers, partners = list(organizers), list(partners)
    with transaction.atomic():
        event = Event(
            kind=kind,
            starts_at=starts_at,
            district=district,
            council=council,
            registration_open=registration_open,
            capacity=capacity,
            registration_deadline=registration_deadline,
            created_by=actor,
        )
        texts = {"title": title, "description": description or {}, "address": address or {}}
        for field, value in texts.items():
            assign_texts(event, field, value)
        _check_event(actor=actor, event=event, organizers=organizers, partners=partners, texts=texts)
        event.full_clean()
        event.save()
        event.organizers.set(organizers)
        event.partners.set(partners)
        audit.record(
            actor=actor,
            action="event.create",
            target=event,
            data={
                "fields": _snapshot(event),
                "organizers": sorted(o.pk for o in organizers),
                "partners": sorted(o.pk for o in partners),
            },
        )
    return event


def event_update(
    *,
    actor: User,
    event: Event,
    version: int,
    kind: str,
    title: Texts,
    starts_at: datetime.datetime,
    district: District,
    organizers: Iterable[Organization],
    description: Texts,
    address: Texts,
    partners: Iterable[Organization],
    council: Body | None,
    status: str,
    registration_open: bool,
    capacity: int | None,
    registration_deadline: datetime.datetime | None,
) -> Event:
    audit.require(permissions.can_manage_event, actor, event, action="event.update")
    organizers, partners = list(organizers), list(partners)
    with transaction.atomic():
        current: Event = lock_version(event, version)
        before = _snapshot(current)
        before_organizers = set(current.organizers.values_list("pk", flat=True))
        before_partners = set(current.partners.values_list("pk", flat=True))
        current.kind, current.starts_at, current.district, current.council = (
            kind,
            starts_at,
            district,
            council,
        )
        current.status, current.registration_open = status, registration_open
        current.capacity, current.registration_deadline = capacity, registration_deadline
        texts = {"title": title, "description": description, "address": address}
        for field, value in texts.items():
            assign_texts(current, field, value)
        _check_event(actor=actor, event=current, organizers=organizers, partners=partners, texts=texts)
        current.version += 1
        current.full_clean()
        current.save()
        current.organizers.set(organizers)
        current.partners.set(partners)
        data: dict[str, Any] = {"changes": audit.diff(before, _snapshot(current))}
        for label, old, new in (
            ("organizers", before_organizers, {o.pk for o in organizers}),
            ("partners", before_partners, {o.pk for o in partners}),
        ):
            if old != new:
                data[label] = {"added": sorted(new - old), "removed": sorted(old - new)}
        audit.record(actor=actor, action="event.update", target=current, data=data)
        if current.is_published:
            public_changed()
    return current


def event_publish(*, actor: User, event: Event, version: int) -> Event:
    """The event appears on the portal, with its agenda, outcome and registration form."""
    audit.require(permissions.can_manage_event, actor, event, action="event.publish")
    with transaction.atomic():
        current: Event = lock_version(event, version)
        if current.is_published:
            raise ValidationError(_("The event is already published."))
        current.is_published, current.published_at, current.published_by = True, clock.now(), actor
        current.version += 1
        current.save(update_fields=["is_published", "published_at", "published_by", "version", "updated_at"])
        audit.record(actor=actor, action="event.publish", target=current, data={})
        public_changed()
    return current


def event_unpublish(*, actor: User, event: Event, version: int, reason: str) -> Event:
    """The event leaves the portal at once; its registrations are kept."""
    audit.require(permissions.can_manage_event, actor, event, action="event.unpublish")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is withdrawn from the portal.")})
    with transaction.atomic():
        current: Event = lock_version(event, version)
        if not current.is_published:
            raise ValidationError(_("The event is not published."))
        current.is_published, current.published_at, current.published_by = False, None, None
        current.version += 1
        current.save(update_fields=["is_published", "published_at", "published_by", "version", "updated_at"])
        audit.record(actor=actor, action="event.unpublish", target=current, data={"reason": reason.strip()})
        public_changed()
    return current


def _touch(current: Event) -> None:
    """A change of the event's agenda or proposals: its version rises, so a stale form is refused."""
    current.version += 1
    current.save(update_fields=["version", "updated_at"])
    if current.is_published:
        public_changed()


def _check_item_text(text: Texts) -> None:
    errors: dict[str, list[str]] = {}
    if not (text.get("az") or "").strip():
        errors["text_az"] = [_("Write the text in Azerbaijani.")]
    _check_lengths(errors, "text", text, ITEM_LENGTH)
    if errors:
        raise ValidationError(errors)


def agenda_item_add(
    *, actor: User, event: Event, version: int, text: Texts, measure: Measure | None
) -> AgendaItem:
    audit.require(permissions.can_manage_event, actor, event, action="event.agenda_add")
    _check_item_text(text)
    with transaction.atomic():
        current: Event = lock_version(event, version)
        item = AgendaItem(event=current, position=current.agenda.count() + 1, measure=measure)
        assign_texts(item, "text", text)
        item.save()
        _touch(current)
        audit.record(
            actor=actor,
            action="event.agenda_add",
            target=current,
            data={
                "item": item.pk,
                "measure": measure.pk if measure else None,
                **{f"text_{k}": v for k, v in text.items()},
            },
        )
    return item


def agenda_item_remove(*, actor: User, item: AgendaItem, version: int) -> None:
    event = item.event
    audit.require(permissions.can_manage_event, actor, event, action="event.agenda_remove")
    with transaction.atomic():
        current: Event = lock_version(event, version)
        data = {"item": item.pk, **{f"text_{code}": text for code, text in texts_of(item, "text").items()}}
        item.delete()
        _touch(current)
        audit.record(actor=actor, action="event.agenda_remove", target=current, data=data)


def outcome_record(
    *, actor: User, event: Event, version: int, summary: Texts, attendance: int | None
) -> Event:
    """The event was held: what came out of it and how many came, shown on its public page."""
    audit.require(permissions.can_manage_event, actor, event, action="event.outcome")
    errors: dict[str, list[str]] = {}
    if not (summary.get("az") or "").strip():
        errors["summary_az"] = [_("Write the outcome in Azerbaijani.")]
    _check_lengths(errors, "summary", summary, TEXT_LENGTH)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current: Event = lock_version(event, version)
        if current.status == Event.Status.CANCELLED:
            raise ValidationError(_("The event was cancelled: it has no outcome."))
        if current.starts_at > clock.now():
            raise ValidationError(_("An event that has not started yet cannot have been held."))
        before = {**texts_of(current, "summary"), "attendance": current.attendance, "status": current.status}
        assign_texts(current, "summary", summary)
        current.attendance, current.status = attendance, Event.Status.HELD
        current.registration_open = False
        current.version += 1
        current.save()
        after = {**texts_of(current, "summary"), "attendance": current.attendance, "status": current.status}
        audit.record(
            actor=actor, action="event.outcome", target=current, data={"changes": audit.diff(before, after)}
        )
        if current.is_published:
            public_changed()
    return current


def proposal_add(
    *, actor: User, event: Event, version: int, text: Texts, measure: Measure | None
) -> Proposal:
    audit.require(permissions.can_manage_event, actor, event, action="event.proposal_add")
    _check_item_text(text)
    with transaction.atomic():
        current: Event = lock_version(event, version)
        proposal = Proposal(event=current, position=current.proposals.count() + 1, measure=measure)
        assign_texts(proposal, "text", text)
        proposal.save()
        _touch(current)
        audit.record(
            actor=actor,
            action="event.proposal_add",
            target=current,
            data={
                "proposal": proposal.pk,
                "measure": measure.pk if measure else None,
                **{f"text_{k}": v for k, v in text.items()},
            },
        )
    return proposal


def proposal_remove(*, actor: User, proposal: Proposal, version: int) -> None:
    event = proposal.event
    audit.require(permissions.can_manage_event, actor, event, action="event.proposal_remove")
    with transaction.atomic():
        current: Event = lock_version(event, version)
        data = {
            "proposal": proposal.pk,
            **{f"text_{code}": text for code, text in texts_of(proposal, "text").items()},
        }
        proposal.delete()
        _touch(current)
        audit.record(actor=actor, action="event.proposal_remove", target=current, data=data)


# The public's registrations ---------------------------------------------------------------------


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(confirmed_at__isnull=False).count()


def refuse_closed(event: Event) -> None:
    """Why the event takes no registration now, in the visitor's language."""
    if not event.is_published:
        raise ValidationError(_("This event is not open for registration."))
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("The event was cancelled: registration is closed."))
    if event.status == Event.Status.HELD or event.starts_at <= clock.now():
        raise ValidationError(_("The event has already taken place: registration is closed."))
    if not event.registration_open:
        raise ValidationError(_("Registration for this event is closed."))
    if event.registration_deadline is not None and event.registration_deadline <= clock.now():
        raise ValidationError(
            _("Registration closed on %(deadline)s.")
            % {
                "deadline": formats.date_format(
                    timezone.localtime(event.registration_deadline), "DATETIME_FORMAT"
                )
            }
        )
    if event.capacity is not None and confirmed_count(event) >= event.capacity:
        raise ValidationError(
            _("All %(capacity)d places are taken: registration is closed.") % {"capacity": event.capacity}
        )


def confirmation_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CONFIRMATION_SALT)


def _send_confirmation(registration_pk: int) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_pk)
    event = registration.event
    with translation.override(registration.language):
        link = settings.KOORDINAT_BASE_URL.rstrip("/") + reverse(
            "public_events:confirm", args=[confirmation_token(registration)]
        )
        subject = _("Confirm your registration: %(title)s") % {"title": event.title}
        body = _(
            "Hello %(name)s,\n\nyou registered for “%(title)s” on %(when)s. To confirm, open this link within "
            "%(days)d days:\n\n%(link)s\n\nIf you did not register, ignore this message: nothing is kept "
            "unless you confirm."
        ) % {
            "name": registration.name,
            "title": event.title,
            "when": formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT"),
            "days": CONFIRMATION_DAYS,
            "link": link,
        }
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email]).send()


def registration_submit(
    *, event: Event, name: str, email: str, organization_name: str = "", language: str = "az"
) -> Registration:
    """A visitor's registration, waiting for the confirmation of their address; an address registers
    once per event."""
    email = email.strip().lower()
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        refuse_closed(current)
        if current.registrations.filter(email=email).exists():
            raise ValidationError(
                {
                    "email": _(
                        "This e-mail address is already registered for this event. If you have not confirmed "
                        "yet, open the link in the message we sent to it."
                    )
                }
            )
        registration = Registration(
            event=current,
            name=name.strip(),
            email=email,
            organization_name=organization_name.strip(),
            language=language,
        )
        registration.full_clean()
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # the same address twice at the same moment
            raise ValidationError(
                {"email": _("This e-mail address is already registered for this event.")}
            ) from error
        audit.record(
            actor=None, action="registration.create", target=registration, data={"event": current.pk}
        )
        transaction.on_commit(lambda: _send_confirmation(registration.pk))
    return registration


def registration_confirm(*, token: str) -> Registration:
    """The visitor opened the link: their place is counted, while places remain."""
    try:
        payload = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=datetime.timedelta(days=CONFIRMATION_DAYS)
        )
        pk, email = int(payload["r"]), str(payload["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ValidationError(
            _("This confirmation link is not valid or has expired. Register again to get a new one.")
        ) from error
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("event")
            .filter(pk=pk, email=email)
            .first()
        )
        if registration is None:
            raise ValidationError(_("This registration no longer exists. Register again."))
        if registration.confirmed_at is not None:
            return registration
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        refuse_closed(event)
        registration.confirmed_at = clock.now()
        registration.save(update_fields=["confirmed_at", "updated_at"])
        audit.record(actor=None, action="registration.confirm", target=registration, data={"event": event.pk})
    return registration
