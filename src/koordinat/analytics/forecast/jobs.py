"""The forecast's daily job (declared in analytics' AppConfig, run by the workers)."""

import datetime
from typing import Any

from . import services


def refresh_forecast(*, day: datetime.date) -> dict[str, Any]:
    """Retrain on the history as of `day` and rescore every open item."""
    return services.refresh(as_of=day)
