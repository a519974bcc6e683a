"""Where a request came from, as the audit chain and the sign-in lockout record it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind KOORDINAT_PROXY_COUNT trusted reverse proxies, the address the outermost
    of them saw, counted from the right of X-Forwarded-For so that a client cannot forge it."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    count: int = settings.KOORDINAT_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            try:
                return str(ipaddress.ip_address(hops[-count]))
            except ValueError:
                pass
    return remote
