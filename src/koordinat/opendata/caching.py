"""Open-data files with the portal's public caching: an ETag of (public version, language, address,
host) answered "304 Not Modified" before anything is read, `Cache-Control: public`; small documents
(descriptors, feeds, Popolo) are kept whole in the server's cache per version, like portal pages
(portal.caching). Data files are streamed and not kept: a national list is too big for the cache.
Publishing anything raises the version (core.public), so every ETag and key changes at once."""

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

from koordinat.core.public import public_version
from koordinat.portal.caching import PAGE_TIMEOUT, PUBLIC_MAX_AGE

KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _etag(request: HttpRequest) -> str:
    source = f"{public_version()}|{get_language()}|{request.get_host()}|{request.get_full_path()}"
    # weak: a file written again for the same version says a later "as of" time
    return f'W/"{hashlib.sha256(source.encode()).hexdigest()[:40]}"'


def _public(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"  # open data: any web page may read it
    return response


def public_file(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A public file: 304 when the reader's copy is of the current version; a small answer kept in
    the cache for the version; only GET and HEAD."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        etag = _etag(request)
        unchanged = get_conditional_response(request, etag=etag)
        if unchanged is not None:
            return _public(unchanged, etag)
        key = "koordinat:opendata:" + etag
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            again = HttpResponse(content)
            for name, value in headers.items():
                again[name] = value
            return _public(again, etag)
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if isinstance(response, HttpResponse):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), PAGE_TIMEOUT)
        return _public(response, etag)

    return require_safe(wrapped)
