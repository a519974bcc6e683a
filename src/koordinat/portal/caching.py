"""Public pages served from a cache, with the headers that let browsers and proxies keep them.

Every portal page is the same for every reader in a language (it shows only what was published and
nothing of the reader), so its HTML is cached by (public version, language, address) and sent with
`Cache-Control: public, max-age` and an ETag of the same three. When something is published or
withdrawn the version rises (`core.public`, after the commit): every key and ETag changes at once,
so no stale page is served past the change by Koordinat itself; browsers and shared caches re-check
within `PUBLIC_MAX_AGE`.

A page asked again by the public (no session cookie) is answered by `PublicPageMiddleware`, placed
before sessions, the signed-in user, CSRF and the rest, from one cache read: the whole response as
the first request's middleware left it, with the version it was drawn at (decision 68).
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from koordinat.core.extensions import audit_recorded
from koordinat.core.public import VERSION_KEY, public_changed, public_version

PUBLIC_MAX_AGE = 300  # seconds a browser or a proxy may keep a public page without asking again
PAGE_TIMEOUT = 3600  # seconds the server keeps a page of one version (a newer version is another key)

# Recorded actions that change what a public page shows besides the publication services themselves
# (which bump the version on their own): texts of plans and measures, organisations' names, minutes.
PUBLIC_ACTIONS = (
    "plan.",
    "measure.",
    "publication.",
    "minutes.",
    "instruction.",
    "organization.",
    "body.",
    "meeting.",
)


def _on_audit(*, event: Any) -> None:
    if event.action.startswith(PUBLIC_ACTIONS):
        public_changed()


def register() -> None:
    audit_recorded.register(_on_audit)


def _fingerprint_of(version: int, language: str | None, path: str) -> str:
    return hashlib.sha256(f"{version}|{language}|{path}".encode()).hexdigest()[:40]


def _fingerprint(request: HttpRequest) -> str:
    return _fingerprint_of(public_version(), get_language(), request.get_full_path())


def _public_headers(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponseBase]:
    """A portal page: answered from the cache when this version of it was drawn already, 304 when the
    browser's copy is current; only GET and HEAD."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        fingerprint = _fingerprint(request)
        etag = f'"{fingerprint}"'
        unchanged = get_conditional_response(request, etag=etag)
        if unchanged is not None:
            return _public_headers(unchanged, etag)
        key = f"koordinat:portal:{fingerprint}"
        kept = getattr(request, "koordinat_public_page_kept", False)  # the middleware keeps it whole
        content = None if kept else cache.get(key)
        if content is not None:
            return _public_headers(HttpResponse(content, content_type="text/html; charset=utf-8"), etag)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if not kept:
                cache.set(key, response.content, PAGE_TIMEOUT)
            response.koordinat_public_etag = etag  # type: ignore[attr-defined]  # for the middleware
            return _public_headers(response, etag)
        return response

    return require_safe(wrapped)


def _whole_page_key(path: str) -> str:
    return "koordinat:portal:whole:" + hashlib.sha256(path.encode()).hexdigest()[:40]


class PublicPageMiddleware:
    """The public's repeated requests for a public page, answered before the middleware below it runs
    (sessions, locale, CSRF, the signed-in user, the session clock, the refusal audit): one cache read
    fetches the current public version and the page as that middleware sent it the first time (headers
    and bytes), kept only when it was drawn at that version. Signed-in readers (a session cookie) go the
    whole way and get the page from `public_page`'s cache. The address holds the language (the portal
    is under /az/, /ru/, /en/), so it alone is the key."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        path = request.get_full_path()
        key = _whole_page_key(path)
        found = cache.get_many([VERSION_KEY, key])
        kept, version = found.get(key), found.get(VERSION_KEY)
        if kept is not None and version is not None and kept[0] == version:
            _version, etag, headers, content = kept
            unchanged = get_conditional_response(request, etag=etag)
            if unchanged is not None:
                return _public_headers(unchanged, etag)
            page = HttpResponse(content)
            for name, value in headers:
                page[name] = value
            return page
        request.koordinat_public_page_kept = True  # type: ignore[attr-defined]  # public_page: not twice
        response = self.get_response(request)
        etag = getattr(response, "koordinat_public_etag", None)
        language = path.split("/", 2)[1] if path.count("/") > 1 else ""
        if (
            etag is not None
            and response.status_code == 200
            and not response.cookies
            and isinstance(response, HttpResponse)
            and language in dict(settings.LANGUAGES)
        ):
            drawn_at = public_version()  # as the ETag says; a change since then makes the next read miss
            if f'"{_fingerprint_of(drawn_at, language, path)}"' == etag:
                cache.set(
                    key, (drawn_at, etag, list(response.headers.items()), response.content), PAGE_TIMEOUT
                )
        return response
