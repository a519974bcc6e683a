"""What analytics adds to the pages of the apps below it (see core.extensions)."""

import datetime
from typing import Any

from koordinat.core import clock

from . import discipline


def organization_discipline(*, user: Any, obj: Any) -> dict[str, Any]:
    """The organisation's deadline discipline this year so far."""
    today = clock.today()
    figures = discipline.discipline(
        user=user,
        start=datetime.date(today.year, 1, 1),
        end=datetime.date(today.year, 12, 31),
        today=today,
        organization_ids=[obj.pk],
    )
    return {"discipline": figures.get(obj.pk), "discipline_rules": discipline.RULES}


def register() -> None:
    from koordinat.directory import extensions as directory

    directory.organization_page.register(
        template="analytics/includes/organization_discipline.html", context=organization_discipline
    )
