"""The notifications page, the settings page, unsubscribing from an e-mail and the calendar feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from koordinat.accounts.models import User
from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core.text import capfirst
from koordinat.core.views import paginate, service_errors_on, visible_or_404

from . import calendar, mail, selectors, services
from .forms import FilterForm, SettingsForm
from .kinds import Delivery, Kind
from .models import Notification
from .tables import notification_table

CALENDAR_SESSION_KEY = "notifications:calendar-token"


def _back(request: HttpRequest) -> str:
    """Where a form on the list sends the reader back: the list as they filtered it."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("notifications:list")


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.NotificationFilters(kind=data.get("kind", ""), unread=bool(data.get("unread")))
    page = paginate(request, selectors.notification_list(user=request.user, filters=filters))
    table = notification_table(
        page, language=get_language(), back=request.get_full_path(), csrf_token=get_token(request)
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "table": table, "form": form, "filters": filters, "here": request.get_full_path()},
    )


@login_required
@require_POST
def notification_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = visible_or_404(Notification.objects.of(request.user), pk=pk)
    services.mark_read(actor=request.user, notification=notification)
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    count = services.mark_all_read(actor=request.user, kind=kind if kind in Kind.values else "")
    messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
    return redirect(_back(request))


@login_required
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    chosen = selectors.delivery_choices(user=user)
    initial: dict[str, Any] = {"language": user.language}
    initial.update({f"delivery_{kind.value}": chosen.get(kind.value, Delivery.IMMEDIATE) for kind in Kind})
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.settings_save(
                actor=user, language=form.cleaned_data["language"], deliveries=form.deliveries()
            )
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    token = request.session.pop(CALENDAR_SESSION_KEY, None)
    feed_url = request.build_absolute_uri(reverse("notifications:calendar", args=[token])) if token else ""
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "calendar_since": selectors.calendar_since(user=user), "feed_url": feed_url},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def calendar_renew(request: AuthenticatedRequest) -> HttpResponse:
    request.session[CALENDAR_SESSION_KEY] = services.calendar_token_renew(actor=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect(reverse("notifications:settings") + "#calendar")


@login_required
@require_POST
def calendar_revoke(request: AuthenticatedRequest) -> HttpResponse:
    if services.calendar_token_revoke(actor=request.user):
        messages.success(request, _("Your calendar address no longer works."))
    return redirect(reverse("notifications:settings") + "#calendar")


@csrf_exempt  # the signed token is the proof: mail programs unsubscribe with a bare POST (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop e-mails of the kinds a mail's link names, without signing in: the page asks, a POST does it."""
    try:
        user_id, kinds = mail.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    stoppable = [kind for kind in kinds if kind != Kind.ESCALATION]
    labels = [capfirst(str(Kind(kind).label)) for kind in stoppable]
    done = False
    if request.method == "POST":
        for kind in stoppable:
            services.unsubscribe(user=user, kind=kind)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"labels": labels, "done": done, "escalation": Kind.ESCALATION in kinds},
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = calendar.owner(token)
    if user is None:
        raise Http404
    response = HttpResponse(calendar.feed(user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
