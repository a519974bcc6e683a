"""What the base layout needs on every page: language links and the service navigation."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

LANGUAGE_NAMES = {"az": "Azərbaycanca", "ru": "Русский", "en": "English"}


def layout(request: HttpRequest) -> dict[str, Any]:
    current = get_language()
    path = request.get_full_path()
    language_links = [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    items: list[tuple[str, str, tuple[str, ...]]] = [
        (_("Home"), reverse("home"), ("home",)),
        (_("Plans"), reverse("plans:plans"), ("plans", "plan", "measure", "import")),
        (
            _("Meetings"),
            reverse("meetings:meetings"),
            ("meeting", "agenda", "minutes", "instruction", "series"),
        ),
    ]
    # A request refused before AuthenticationMiddleware ran (a foreign Host header answered 400)
    # has no user: its error page shows the public navigation.
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if user.has_role("executor", "head"):
            items.append((_("My work"), reverse("execution:my_work"), ("my_work", "report", "item")))
        if user.has_role("coordinator", "administrator"):
            items.append(
                (_("Review"), reverse("execution:review_queue"), ("review_queue", "cycle", "plan_cycles"))
            )
        items.append((_("Discipline"), reverse("analytics:league"), ("league",)))
        items += [
            (_("Organisations"), reverse("directory:organizations"), ("organization",)),
            (_("Collegial bodies"), reverse("directory:bodies"), ("bod",)),
            (_("People"), reverse("directory:people"), ("people", "person", "membership")),
        ]
    url_name = (request.resolver_match.url_name if request.resolver_match else "") or ""
    nav_items = [
        {"label": label, "url": url, "active": url_name.startswith(prefixes)}
        for label, url, prefixes in items
    ]
    return {"language_links": language_links, "nav_items": nav_items}
