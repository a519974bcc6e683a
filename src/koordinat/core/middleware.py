"""Request-wide rules: every refusal a view decides is recorded, and the security headers Django
itself does not send."""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from . import audit
from .clients import client_address
from .views import Hidden

# Anonymous visitors cannot be held to account, so what they are refused is recorded only up to a
# budget per client address and window: enough to see probing, too little to flood the chain.
ANONYMOUS_REFUSALS = 20
ANONYMOUS_WINDOW_SECONDS = 600
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


def _within_anonymous_budget(request: HttpRequest) -> bool:
    key = f"koordinat:anonymous-refusals:{client_address(request)}"
    cache.add(key, 0, ANONYMOUS_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        count = 1
    return count <= ANONYMOUS_REFUSALS


def _attempt(request: HttpRequest) -> str:
    """What was tried: the page's URL name and the method, e.g. "directory:person_edit.post"."""
    match = request.resolver_match
    name = match.view_name if match and match.view_name else "page"
    return f"{name}.{(request.method or 'get').lower()}"[:100]


class RefusalAuditMiddleware:
    """Records a PermissionDenied that a view raised (services record theirs through `audit.require`
    and mark the exception) and a 404 for a row that exists but the user may not see."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        target: Any
        if isinstance(exception, Hidden):
            target = exception.target
            action = f"{target._meta.model_name}.view"
        elif isinstance(exception, PermissionDenied):
            if getattr(exception, "recorded", False):
                return
            target = getattr(exception, "target", None)
            action = _attempt(request)
        else:
            return
        user = getattr(request, "user", None)
        if not (user is not None and user.is_authenticated) and not _within_anonymous_budget(request):
            return
        data: dict[str, Any] = {
            "path": request.path[:500],
            "method": request.method,
            "client": client_address(request),
        }
        if target is None and request.resolver_match and request.resolver_match.kwargs:
            data["arguments"] = {
                key: str(value)[:100] for key, value in request.resolver_match.kwargs.items()
            }
        audit.refused(actor=user, action=action, target=target, data=data)


class PermissionsPolicyMiddleware:
    """Permissions-Policy: the pages use no camera, microphone or location, so none may ask for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
