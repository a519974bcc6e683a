"""What the base layout needs on every page: language links and the service navigation."""

import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _lazy

LANGUAGE_NAMES = {"az": "Azərbaycanca", "ru": "Русский", "en": "English"}


def _translated(request: HttpRequest, code: str) -> str:
    """The page's own address in another language; from the URL already resolved for this request
    rather than resolving it again for every language, as `translate_url` would."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(request.get_full_path(), code)
    with override(code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return translate_url(request.get_full_path(), code)
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


# The service navigation: label, URL name, the roles it is shown to (None: everyone; "signed in":
# anyone signed in), the URL names that mark it active.
NAVIGATION: list[tuple[Any, str, tuple[str, ...] | None, tuple[str, ...]]] = [
    (_lazy("Home"), "home", None, ("home",)),
    (_lazy("Plans"), "plans:plans", None, ("plans", "plan", "measure", "import")),
    (_lazy("Meetings"), "meetings:meetings", None, ("meeting", "agenda", "minutes", "instruction", "series")),
    (_lazy("My work"), "execution:my_work", ("executor", "head"), ("my_work", "report", "item")),
    (
        _lazy("Review"),
        "execution:review_queue",
        ("coordinator", "administrator"),
        ("review_queue", "cycle", "plan_cycles"),
    ),
    (_lazy("Under control"), "execution:register", (), ("register",)),
    (_lazy("Discipline"), "analytics:league", (), ("league",)),
    (_lazy("Organisations"), "directory:organizations", (), ("organization",)),
    (_lazy("Collegial bodies"), "directory:bodies", (), ("bod",)),
    (_lazy("People"), "directory:people", (), ("people", "person", "membership")),
]


@functools.cache
def _navigation_urls(language: str, script_prefix: str) -> dict[str, str]:
    """The navigation's addresses in one language: the same on every page, so reversed once."""
    with override(language):
        return {name: reverse(name) for _label, name, _roles, _active in NAVIGATION}


def layout(request: HttpRequest) -> dict[str, Any]:
    current = get_language()
    language_links = [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "url": _translated(request, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    # A request refused before AuthenticationMiddleware ran (a foreign Host header answered 400)
    # has no user: its error page shows the public navigation.
    user = getattr(request, "user", None)

    def shown(roles: tuple[str, ...] | None) -> bool:
        if roles is None:
            return True
        if user is None or not user.is_authenticated:
            return False
        return not roles or bool(user.has_role(*roles))

    urls = _navigation_urls(current, get_script_prefix())
    url_name = (request.resolver_match.url_name if request.resolver_match else "") or ""
    nav_items = [
        {"label": label, "url": urls[name], "active": url_name.startswith(active)}
        for label, name, roles, active in NAVIGATION
        if shown(roles)
    ]
    return {"language_links": language_links, "nav_items": nav_items}
