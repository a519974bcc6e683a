"""What the base layout needs on every page: language links and the service navigation.

Both are written here in Python rather than looped over in base.html: the navigation's markup depends
only on the language, the items the reader's roles show and the active one, so it is written once
for each of those; the layout's fixed links are reversed once per language.
"""

import functools
from html import escape
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, override

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
    (gettext_lazy("Home"), "home", None, ("home",)),
    (gettext_lazy("Plans"), "plans:plans", None, ("plans", "plan", "measure", "import")),
    (
        gettext_lazy("Meetings"),
        "meetings:meetings",
        None,
        ("meeting", "agenda", "minutes", "instruction", "series"),
    ),
    (gettext_lazy("My work"), "execution:my_work", ("executor", "head"), ("my_work", "report", "item")),
    (
        gettext_lazy("Review"),
        "execution:review_queue",
        ("coordinator", "administrator"),
        ("review_queue", "cycle", "plan_cycles"),
    ),
    (gettext_lazy("Under control"), "execution:register", (), ("register",)),
    # The dashboards, the comparison of periods and deadline discipline (decision 62).
    (gettext_lazy("Analytics"), "analytics:dashboard", (), ("dashboard", "comparison", "league")),
    # Organisations, collegial bodies and people: one entry, so the menu fits one line (decision 57).
    (
        gettext_lazy("Directory"),
        "directory:directory",
        (),
        ("directory", "organization", "bod", "people", "person", "membership"),
    ),
    (gettext_lazy("Jobs"), "jobs:jobs", ("administrator",), ("jobs",)),
]


# The header's links in base.html: {{ layout_urls.<key> }}.
HEADER_URLS = {
    "home": "home",
    "password_change": "accounts:password_change",
    "logout": "accounts:logout",
    "login": "accounts:login",
}


@functools.cache
def _navigation_urls(language: str, script_prefix: str) -> dict[str, str]:
    """The navigation's addresses in one language: the same on every page, so reversed once."""
    with override(language):
        return {name: reverse(name) for _label, name, _roles, _active in NAVIGATION}


@functools.cache
def _header_urls(language: str, script_prefix: str) -> dict[str, str]:
    """The header's addresses in one language, reversed once like the navigation's."""
    with override(language):
        return {key: reverse(name) for key, name in HEADER_URLS.items()}


@functools.lru_cache(maxsize=1024)
def _navigation(language: str, script_prefix: str, items: tuple[tuple[int, bool], ...]) -> SafeString:
    """The service navigation of base.html: `items` are the indexes in NAVIGATION shown, each with
    whether it is active."""
    urls = _navigation_urls(language, script_prefix)
    menu = escape(gettext("Menu"))
    parts = [
        '<div class="govuk-service-navigation" data-module="govuk-service-navigation">\n'
        '    <div class="govuk-width-container">\n'
        '      <div class="govuk-service-navigation__container">\n'
        f'        <nav aria-label="{menu}" class="govuk-service-navigation__wrapper">'
    ]
    if len(items) > 1:
        parts.append(
            '\n          <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"'
            f' aria-controls="navigation" hidden aria-hidden="true">{menu}</button>'
        )
    parts.append('\n          <ul class="govuk-service-navigation__list" id="navigation">')
    for index, active in items:
        label, name, _roles, _active = NAVIGATION[index]
        url, text = escape(urls[name]), escape(str(label))
        if active:
            parts.append(
                '\n            <li class="govuk-service-navigation__item govuk-service-navigation__item--active">\n'
                f'              <a class="govuk-service-navigation__link" href="{url}" aria-current="page">'
                f'<strong class="govuk-service-navigation__active-fallback">{text}</strong></a>\n            </li>'
            )
        else:
            parts.append(
                '\n            <li class="govuk-service-navigation__item">\n'
                f'              <a class="govuk-service-navigation__link" href="{url}">{text}</a>\n            </li>'
            )
    parts.append("\n          </ul>\n        </nav>\n      </div>\n    </div>\n  </div>")
    return mark_safe("".join(parts))  # every text above is escaped


def _language_switcher(links: list[dict[str, Any]]) -> SafeString:
    """The header's language links of base.html."""
    current = ' aria-current="true"'
    items = "".join(
        '\n            <li class="kd-language-switcher__item">\n'
        f'              <a class="kd-language-switcher__link" href="{escape(link["url"])}" lang="{link["code"]}"'
        f' hreflang="{link["code"]}"{current if link["current"] else ""}>{escape(link["name"])}</a>\n'
        "            </li>"
        for link in links
    )
    language = escape(gettext("Language"))  # outside the f-string, where xgettext finds it
    return mark_safe(  # every text above is escaped
        f'<nav class="kd-language-switcher" aria-label="{language}">\n'
        f'          <ul class="kd-language-switcher__list">{items}\n          </ul>\n        </nav>'
    )


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

    script_prefix = get_script_prefix()
    url_name = (request.resolver_match.url_name if request.resolver_match else "") or ""
    items = tuple(
        (index, url_name.startswith(active))
        for index, (_label, _name, roles, active) in enumerate(NAVIGATION)
        if shown(roles)
    )
    return {
        "language_links": language_links,
        "language_switcher": _language_switcher(language_links),
        "navigation": _navigation(current, script_prefix, items),
        "layout_urls": _header_urls(current, script_prefix),
    }
