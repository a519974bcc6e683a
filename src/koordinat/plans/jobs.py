"""The plans' daily job (declared in its AppConfig, run by the workers: see koordinat.jobs.schedule)."""

import datetime
from typing import Any

from . import services


def purge_abandoned_imports(*, day: datetime.date) -> dict[str, Any]:
    return {"deleted": services.purge_abandoned_imports(day=day)}
