"""What execution adds to the pages of the apps below it (see core.extensions)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from koordinat.accounts.models import Role, User
from koordinat.accounts.permissions import is_administrator
from koordinat.core import clock

from . import register as register_reads
from . import selectors


def measure_control(*, user: User | AnonymousUser, obj: Any) -> dict[str, Any] | None:
    """The measure's item under control and its status, if the reader may see it: read by the
    plans' `measure_rows` hook (`with_control_flags`), which the measure page has run already."""
    if not hasattr(obj, "control_line"):
        selectors.with_control_flags(user=user, measures=[obj])
    if obj.control_line is None:
        return None
    return {"control_url": reverse("execution:item", args=[obj.control_item_pk]), "status": obj.control_line}


def home_counts(*, user: User | AnonymousUser, obj: Any) -> dict[str, Any] | None:
    """The home page's figures, each linking to the list behind it."""
    if not isinstance(user, User):
        return None
    return {
        "counts": register_reads.control_counts(user=user, today=clock.today()),
        "reviews": is_administrator(user) or user.has_role(Role.COORDINATOR),
    }


def register() -> None:
    from koordinat.core import extensions as core
    from koordinat.plans import extensions as plans

    core.home.register(template="execution/includes/home_counts.html", context=home_counts)

    plans.measure_summary.register(
        template="execution/includes/measure_control.html", context=measure_control
    )
    plans.measure_rows.register(selectors.with_control_flags)
