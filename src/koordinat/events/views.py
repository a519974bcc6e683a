"""The organisers' pages of their events: create, edit, publish, the agenda, the outcome and the
registrations. Only the organising organisation's coordinators and secretaries, and administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core.translation import texts_from, texts_of
from koordinat.core.views import allow, found, paginate, service_errors_on
from koordinat.places import selectors as place_selectors

from . import permissions, selectors, services
from .forms import AgendaItemForm, EventForm, OutcomeForm, ProposalForm, UnpublishForm
from .models import AgendaItem, Event, Proposal


def _names(organizations: Any) -> str:
    """Organisations one a line, as the organisers' field takes them."""
    return "\n".join(organization.name for organization in organizations)


def _event_form(request: AuthenticatedRequest, *, initial: dict[str, Any], with_status: bool) -> EventForm:
    return EventForm(
        request.POST or None,
        initial=initial,
        districts=place_selectors.district_options(user=request.user),
        councils=selectors.council_options(user=request.user),
        with_status=with_status,
    )


def _event_arguments(data: dict[str, Any]) -> dict[str, Any]:
    arguments = {
        "kind": data["kind"],
        "title": texts_from(data, "title"),
        "description": texts_from(data, "description"),
        "address": texts_from(data, "address"),
        "starts_at": data["starts_at"],
        "district": data["district"],
        "organizers": data["organizers"],
        "partners": data["partners"],
        "council": data["council"],
        "registration_open": data["registration_open"],
        "capacity": data["capacity"],
        "registration_deadline": data["registration_deadline"],
    }
    if "status" in data:
        arguments["status"] = data["status"]
    return arguments


@login_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    allow(permissions.can_create_event, request.user)
    return render(
        request,
        "events/event_list.html",
        {"page": paginate(request, selectors.event_list(user=request.user))},
    )


@login_required
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    allow(permissions.can_create_event, request.user)
    own = request.user.organization
    form = _event_form(
        request,
        initial={"organizers": own.name if own else "", "kind": Event.Kind.ROUND_TABLE},
        with_status=False,
    )
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            event = services.event_create(actor=request.user, **_event_arguments(form.cleaned_data))
            messages.success(request, _("Event “%(title)s” created as a draft.") % {"title": event.title})
            return redirect("events:event", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def event_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = found(selectors.event_get, user=request.user, pk=pk)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registrations": selectors.event_registrations(event=event),
            "unpublish_form": UnpublishForm(initial={"version": event.version}),
        },
    )


def _managed(request: AuthenticatedRequest, pk: int) -> Event:
    event = found(selectors.event_get, user=request.user, pk=pk)
    allow(permissions.can_manage_event, request.user, event)
    return event


@login_required
def event_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    initial = {
        "kind": event.kind,
        "starts_at": event.starts_at,
        "district": event.district_id,
        "organizers": _names(event.organizers.all()),
        "partners": _names(event.partners.all()),
        "council": event.council_id,
        "status": event.status,
        "registration_open": event.registration_open,
        "capacity": event.capacity,
        "registration_deadline": event.registration_deadline,
        "version": event.version,
        **{
            f"{field}_{code}": text
            for field in ("title", "description", "address")
            for code, text in texts_of(event, field).items()
        },
    }
    form = _event_form(request, initial=initial, with_status=True)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            event = services.event_update(
                actor=request.user,
                event=event,
                version=form.cleaned_data["version"] or 0,
                **_event_arguments(form.cleaned_data),
            )
            messages.success(request, _("Changes to “%(title)s” saved.") % {"title": event.title})
            return redirect("events:event", pk=event.pk)
    return render(
        request, "events/event_form.html", {"form": form, "event": event}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def event_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        services.event_publish(actor=request.user, event=event, version=version)
    except services.ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The event is published on the portal."))
    return redirect("events:event", pk=event.pk)


@login_required
def event_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    form = UnpublishForm(request.POST or None, initial={"version": event.version})
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.event_unpublish(
                actor=request.user,
                event=event,
                version=form.cleaned_data["version"] or 0,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The event is withdrawn from the portal."))
            return redirect("events:event", pk=event.pk)
    return render(
        request,
        "events/simple_form.html",
        {
            "form": form,
            "event": event,
            "heading": _("Withdraw the event from the portal"),
            "submit": _("Withdraw"),
        },
        status=400 if form.errors else 200,
    )


def _item_page(
    request: AuthenticatedRequest, pk: int, form_class: type[Any], heading: str, add: Any
) -> HttpResponse:
    event = _managed(request, pk)
    form = form_class(request.POST or None, initial={"version": event.version})
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            add(
                actor=request.user,
                event=event,
                version=form.cleaned_data["version"] or 0,
                text=texts_from(form.cleaned_data, "text"),
                measure=form.cleaned_data["measure"],
            )
            messages.success(request, _("Added."))
            return redirect("events:event", pk=event.pk)
    return render(
        request,
        "events/simple_form.html",
        {"form": form, "event": event, "heading": heading, "submit": _("Add")},
        status=400 if form.errors else 200,
    )


@login_required
def agenda_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _item_page(request, pk, AgendaItemForm, _("Add an agenda item"), services.agenda_item_add)


@login_required
def proposal_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _item_page(request, pk, ProposalForm, _("Add a proposal made at the event"), services.proposal_add)


def _remove(
    request: AuthenticatedRequest, pk: int, model: type[Any], item_pk: int, remove: Any, name: str
) -> HttpResponse:
    event = _managed(request, pk)
    item = get_object_or_404(model, pk=item_pk, event=event)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        remove(actor=request.user, version=version, **{name: item})
    except services.ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Removed."))
    return redirect("events:event", pk=event.pk)


@login_required
@require_POST
def agenda_remove(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    return _remove(request, pk, AgendaItem, item_pk, services.agenda_item_remove, "item")


@login_required
@require_POST
def proposal_remove(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    return _remove(request, pk, Proposal, item_pk, services.proposal_remove, "proposal")


@login_required
def outcome(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    initial = {
        "version": event.version,
        "attendance": event.attendance,
        **{f"summary_{code}": text for code, text in texts_of(event, "summary").items()},
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.outcome_record(
                actor=request.user,
                event=event,
                version=form.cleaned_data["version"] or 0,
                summary=texts_from(form.cleaned_data, "summary"),
                attendance=form.cleaned_data["attendance"],
            )
            messages.success(request, _("The outcome is recorded; the event is marked as held."))
            return redirect("events:event", pk=event.pk)
    return render(
        request,
        "events/simple_form.html",
        {"form": form, "event": event, "heading": _("Record the outcome"), "submit": _("Save")},
        status=400 if form.errors else 200,
    )
