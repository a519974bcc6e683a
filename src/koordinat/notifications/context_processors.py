"""The header's count of unread notifications, read only when the header shows it."""

import functools
from typing import Any

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, override

from . import selectors


@functools.cache
def _list_url(language: str, script_prefix: str) -> str:
    with override(language):
        return reverse("notifications:list")


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A template calls a callable it is given: the count is read on first use, once per request.
    return {
        "notifications_unread": functools.cache(lambda: selectors.unread_label(user=user)),
        "notifications_url": _list_url(get_language(), get_script_prefix()),
    }
