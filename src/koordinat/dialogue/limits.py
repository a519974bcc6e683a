"""Floods held back in the shared cache (so every app server counts the same): submissions per account
and per client address, and failed sign-ins per e-mail address and per client address."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


def _limits() -> dict[str, Limit]:
    configured = getattr(settings, "KOORDINAT_DIALOGUE_LIMITS", {})
    defaults = {
        "account": (5, 3600),  # submissions by one citizen an hour
        "address": (20, 3600),  # submissions from one client address an hour
        "signin": (5, 900),  # failed sign-ins per address typed, and per client address
        "signup": (5, 3600),  # accounts created from one client address an hour
    }
    return {name: Limit(name, *configured.get(name, default)) for name, default in defaults.items()}


class RateLimited(Exception):
    """Too many tries; `retry_at` says from when the next is counted again."""

    def __init__(self, retry_at: datetime.datetime) -> None:
        super().__init__(retry_at)
        self.retry_at = retry_at


def _window(limit: Limit, key: str) -> tuple[str, float]:
    now = time.time()
    start = now - now % limit.seconds
    return f"koordinat:dialogue:{limit.name}:{key}:{int(start)}", start + limit.seconds


def _retry_at(end: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(end, tz=datetime.UTC).astimezone(timezone.get_current_timezone())


def check(name: str, key: str) -> None:
    """Refuse when `key` already used up its window of `name` (without counting this try)."""
    limit = _limits()[name]
    cache_key, end = _window(limit, key)
    if int(cache.get(cache_key, 0)) >= limit.count:
        raise RateLimited(_retry_at(end))


def count(name: str, key: str) -> None:
    """Count one try of `key` in its window."""
    limit = _limits()[name]
    cache_key, _end = _window(limit, key)
    cache.add(cache_key, 0, limit.seconds + 60)
    try:
        cache.incr(cache_key)
    except ValueError:  # the window ended between add and incr
        cache.set(cache_key, 1, limit.seconds + 60)


def take(name: str, key: str) -> None:
    """Check and count one try."""
    check(name, key)
    count(name, key)
