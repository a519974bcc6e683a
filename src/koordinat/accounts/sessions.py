"""Sessions that end: after KOORDINAT_IDLE_TIMEOUT_MINUTES without a request, and in any case
KOORDINAT_SESSION_MAX_HOURS after signing in.

The last request's time slides forward with activity, but is written back at most once a minute,
so reading pages does not write the session on every request.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.translation import ngettext

from koordinat.core import clock

SIGNED_IN_AT = "koordinat_signed_in_at"
SEEN_AT = "koordinat_seen_at"
REFRESH_SECONDS = 60


def _now() -> float:
    return clock.now().timestamp()


def start(request: HttpRequest) -> None:
    """Called on signing in: both clocks start now."""
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = _now()
            signed_in_at, seen_at = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
            if signed_in_at is None or seen_at is None:
                start(request)  # a session from before these rules: its clocks start now
            elif now - seen_at > settings.KOORDINAT_IDLE_TIMEOUT_MINUTES * 60:
                return self._end(request, "idle")
            elif now - signed_in_at > settings.KOORDINAT_SESSION_MAX_HOURS * 3600:
                return self._end(request, "maximum")
            elif now - seen_at >= REFRESH_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)

    def _end(self, request: HttpRequest, reason: str) -> HttpResponse:
        request.koordinat_sign_out_reason = reason  # type: ignore[attr-defined]  # for the audit event
        logout(request)
        if reason == "idle":
            minutes = settings.KOORDINAT_IDLE_TIMEOUT_MINUTES
            text = ngettext(
                "You were signed out after %(count)d minute without activity. Sign in again to continue.",
                "You were signed out after %(count)d minutes without activity. Sign in again to continue.",
                minutes,
            ) % {"count": minutes}
        else:
            hours = settings.KOORDINAT_SESSION_MAX_HOURS
            text = ngettext(
                "You were signed out %(count)d hour after signing in. Sign in again to continue.",
                "You were signed out %(count)d hours after signing in. Sign in again to continue.",
                hours,
            ) % {"count": hours}
        messages.info(request, text)
        if request.headers.get("HX-Request"):
            # htmx follows redirects inside the page; this asks it to load the sign-in page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
            return response
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return redirect(settings.LOGIN_URL)
