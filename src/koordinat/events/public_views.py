"""The public's pages of events and public councils, under the portal: cached like every portal page
(portal.caching.public_page), except the registration form and its confirmation, which answer each
visitor and carry a CSRF token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from koordinat.core import clock
from koordinat.core.clients import client_address
from koordinat.core.views import found, paginate
from koordinat.directory import selectors as directory_selectors
from koordinat.places import selectors as place_selectors
from koordinat.portal.caching import public_page

from . import limits, selectors, services
from .forms import EventFilterForm, RegistrationForm
from .models import Event

ROWS_PER_PAGE = 50


@public_page
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None, districts=place_selectors.district_options(user=request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    district = filters.get("district")
    events = selectors.public_event_list(
        now=clock.now(),
        district_id=district.pk if district else None,
        kind=filters.get("kind") or "",
        when=filters.get("when") or "",
    )
    return render(
        request,
        "events/public/event_list.html",
        {"form": form, "page": paginate(request, events, ROWS_PER_PAGE)},
        status=400 if form.errors else 200,
    )


@public_page
def event(request: HttpRequest, pk: int) -> HttpResponse:
    public_event = found(selectors.public_event_get, pk=pk)
    return render(request, "events/public/event.html", {"event": public_event})


@public_page
def council(request: HttpRequest, pk: int) -> HttpResponse:
    public_council = found(
        directory_selectors.public_council_get, lookup={"pk": pk}, pk=pk, among=selectors.public_council_ids()
    )
    return render(
        request,
        "events/public/council.html",
        {
            "council": public_council,
            "members": directory_selectors.public_council_members(body=public_council),
            "events": selectors.public_council_events(council_id=public_council.pk),
        },
    )


def _places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - selectors.confirmed_count(event=event), 0)


@never_cache
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration form of a published event; answered fresh each time (places left, CSRF)."""
    public_event = found(selectors.public_event_get, pk=pk)
    form = RegistrationForm(request.POST or None)
    context = {"event": public_event, "form": form}
    if request.method == "POST":
        if not limits.registration_allowed(client_address(request)):
            form.add_error(None, _("Too many registrations from your address. Try again in ten minutes."))
            return render(
                request,
                "events/public/register.html",
                {**context, "places_left": _places_left(public_event)},
                status=429,
            )
        if form.is_trap:  # a robot: answered as a person would be, nothing kept
            return render(request, "events/public/registered.html", {"event": public_event})
        if form.is_valid():
            try:
                services.registration_submit(
                    event=public_event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    organization_name=form.cleaned_data["organization_name"],
                    language=translation.get_language() or "az",
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                return render(request, "events/public/registered.html", {"event": public_event})
    closed = ""
    if not form.errors:
        try:
            services.refuse_closed(public_event)
        except ValidationError as error:
            closed = " ".join(error.messages)
    return render(
        request,
        "events/public/register.html",
        {**context, "closed": closed, "places_left": _places_left(public_event)},
        status=400 if form.errors else 200,
    )


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: a button that confirms (a mail scanner opening the link confirms nothing)."""
    if request.method != "POST":
        return render(request, "events/public/confirm.html", {"token": token})
    try:
        registration = services.registration_confirm(token=token)
    except ValidationError as error:
        return render(
            request,
            "events/public/confirm.html",
            {"token": token, "error": " ".join(error.messages)},
            status=400,
        )
    return render(request, "events/public/confirmed.html", {"event": registration.event})
