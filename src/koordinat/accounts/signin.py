"""Signing in and out as the audit chain keeps it, and the sign-in lockout's hooks into django-axes.

A failed sign-in is recorded with the e-mail address tried and the client address, never the
password; a success and a sign-out with the account. These receivers are connected after
django-axes' own (it comes first in INSTALLED_APPS), so a failure already knows whether axes
locked it out.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koordinat.core import audit
from koordinat.core.clients import client_address

from . import sessions
from .models import User

EMAIL_MAX_LENGTH = 254


def normalise_email(value: Any) -> str:
    """An address as typed, trimmed and lower-case (as accounts store it), cut to a real address' length."""
    return str(value).strip().lower()[:EMAIL_MAX_LENGTH]


def attempted_email(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """What django-axes counts failures against (AXES_USERNAME_CALLABLE): the address typed,
    normalised, so that typing it in capitals does not earn more attempts."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return normalise_email(value) if value else None


def _account(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first() if email else None


def _cool_off_minutes() -> int:
    cool_off: datetime.timedelta = settings.AXES_COOLOFF_TIME
    return int(cool_off.total_seconds() // 60)


@receiver(user_login_failed)
def record_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = attempted_email(request, credentials) or ""
    client = client_address(request) if request is not None else ""
    locked_out = bool(getattr(request, "axes_locked_out", False))
    account = _account(email)
    audit.refused(
        actor=None,
        action="auth.login",
        target=account,
        data={"email": email, "client": client, "locked_out": locked_out},
    )
    if locked_out and getattr(request, "axes_failures_since_start", None) == settings.AXES_FAILURE_LIMIT:
        # This failure reached the limit: the lockout starts now (later ones only prolong it).
        audit.refused(
            actor=None,
            action="auth.lockout",
            target=account,
            data={
                "email": email,
                "client": client,
                "failures": settings.AXES_FAILURE_LIMIT,
                "minutes": _cool_off_minutes(),
            },
        )


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    sessions.start(request)
    audit.record(actor=user, action="auth.login", target=user, data={"client": client_address(request)})


@receiver(user_logged_out)
def record_sign_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    data = {"client": client_address(request)}
    reason = getattr(request, "koordinat_sign_out_reason", "")
    if reason:
        data["reason"] = reason
    audit.record(actor=user, action="auth.logout", target=user, data=data)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE), in the language of the page it came from."""
    context = {"failures": settings.AXES_FAILURE_LIMIT, "minutes": _cool_off_minutes()}
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
