"""The version of what the public sees: one number every public page's cache key and ETag carry.

The services that publish or withdraw something (a plan, a measure's public entry, minutes) call
`public_changed()` inside their transaction; the number rises once the transaction commits, so the
portal's cached pages (and browsers' copies, through the ETag) are read again, and a rolled-back
publication changes nothing. The number lives in the shared cache: with several app servers it must
be Redis (settings.CACHES), as for every cache of Koordinat.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "koordinat:public-version"


def public_version() -> int:
    """The current version. A cache that lost it (restarted, evicted) starts a new one from the
    clock, so it never returns to a number that pages were already cached under."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns() // 1000
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache: the next read starts a new, larger one
        cache.set(VERSION_KEY, time.time_ns() // 1000 + 1, timeout=None)


def public_changed() -> None:
    """What the public sees changed: the version rises after the current transaction commits."""
    transaction.on_commit(_bump)
