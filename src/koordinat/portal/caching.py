"""Public pages served from a cache, with the headers that let browsers and proxies keep them.

Every portal page is the same for every reader in a language (it shows only what was published and
nothing of the reader), so its HTML is cached by (public version, language, address) and sent with
`Cache-Control: public, max-age` and an ETag of the same three. When something is published or
withdrawn the version rises (`core.public`, after the commit): every key and ETag changes at once,
so no stale page is served past the change by Koordinat itself; browsers and shared caches re-check
within `PUBLIC_MAX_AGE`.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from koordinat.core.extensions import audit_recorded
from koordinat.core.public import public_changed, public_version

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


def _fingerprint(request: HttpRequest) -> str:
    source = f"{public_version()}|{get_language()}|{request.get_full_path()}"
    return hashlib.sha256(source.encode()).hexdigest()[:40]


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
        content = cache.get(key)
        if content is not None:
            return _public_headers(HttpResponse(content, content_type="text/html; charset=utf-8"), etag)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, response.content, PAGE_TIMEOUT)
            return _public_headers(response, etag)
        return response

    return require_safe(wrapped)
