"""What execution adds to the pages of the apps below it (see core.extensions)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from koordinat.accounts.models import User

from . import selectors


def measure_control(*, user: User | AnonymousUser, obj: Any) -> dict[str, Any] | None:
    """The measure's item under control and its status, if the reader may see it."""
    control = selectors.item_for_measure(user=user, measure=obj)
    return {"control": control} if control is not None else None


def register() -> None:
    from koordinat.plans import extensions as plans

    plans.measure_summary.register(
        template="execution/includes/measure_control.html", context=measure_control
    )
    plans.measure_rows.register(selectors.with_control_flags)
