"""How many registrations one client address may send in a window: enough for a family or an office
behind one address, too few to flood the organisers or the mail server. Counted in the shared cache."""

from django.core.cache import cache

REGISTRATIONS_PER_ADDRESS = 5
WINDOW_SECONDS = 600


def registration_allowed(address: str) -> bool:
    """Count one attempt from `address`; False once it is over the limit in the current window."""
    key = f"koordinat:events:registrations:{address}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= REGISTRATIONS_PER_ADDRESS
