"""The demo's forecast: trained and scored once the year of execution history has been replayed."""

from typing import Any

from koordinat.core import clock

from ..models import ForecastModel
from . import services


def load() -> dict[str, Any]:
    """Train and score once; a database that already has a model is left as it is."""
    if ForecastModel.objects.exists():
        return {"items scored": 0}
    result = services.refresh(as_of=clock.today())
    return {"items scored": result["scored"], "training rows": result.get("rows", 0)}
