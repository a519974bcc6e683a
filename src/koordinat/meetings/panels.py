"""What meetings adds to the pages of the apps below it (see core.extensions)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from koordinat.accounts.models import User

from . import selectors


def measure_meetings(*, user: User | AnonymousUser, obj: Any) -> dict[str, Any] | None:
    """Where the measure was discussed and what was instructed about it."""
    discussed = list(selectors.measure_meetings(user=user, measure=obj))
    instructions = list(selectors.measure_instructions(user=user, measure=obj))
    if not discussed and not instructions:
        return None
    return {"discussed": discussed, "instructions": instructions}


def register() -> None:
    from koordinat.plans import extensions as plans

    plans.measure_related.register(
        template="meetings/includes/measure_meetings.html", context=measure_meetings
    )
