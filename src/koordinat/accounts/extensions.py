"""Extension points of accounts: what the apps above add to the signed-in user as it is read."""

from collections.abc import Callable
from typing import Any

# name -> a function making an expression over the user's row (e.g. a correlated count), read with
# the user on every request in the same query: `request.user.<name>`.
USER_ANNOTATIONS: dict[str, Callable[[], Any]] = {}


def annotate_signed_in_user(name: str, expression: Callable[[], Any]) -> None:
    """Read `expression()` with the signed-in user (from an AppConfig.ready(); again is harmless)."""
    USER_ANNOTATIONS[name] = expression
