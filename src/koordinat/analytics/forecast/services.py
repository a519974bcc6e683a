"""Writes of the forecast: retrain on the history as of a day, and rescore every open item.

Run by the daily job and after the demo loads; nobody edits a forecast, so there is no actor and
no audit event (the job's own run records what it did)."""

import datetime
from typing import Any

from django.db import transaction

from koordinat.core import clock

from ..models import ForecastModel, ItemForecast
from . import model, training
from .history import History
from .model import Fitted

BATCH = 2000


def stored(fitted: Fitted, found: training.TrainingSet, *, as_of: datetime.date) -> ForecastModel:
    scores = fitted.probabilities([each.values for each in found.rows])
    return ForecastModel.objects.create(
        trained_at=clock.now(),
        as_of=as_of,
        features=fitted.names,
        coefficients=fitted.coefficients,
        intercept=fitted.intercept,
        means=fitted.means,
        scales=fitted.scales,
        training_size=len(found.labels),
        positives=found.positives,
        metrics={
            "auc": model.auc(list(scores), found.labels),
            "brier": model.brier(list(scores), found.labels),
        },
    )


def fitted_of(stored_model: ForecastModel) -> Fitted:
    return Fitted(
        names=list(stored_model.features),
        coefficients=list(stored_model.coefficients),
        intercept=stored_model.intercept,
        means=list(stored_model.means),
        scales=list(stored_model.scales),
    )


def rescore(*, history: History, stored_model: ForecastModel, as_of: datetime.date) -> int:
    """Replace every item's score by this model's score of it as of `as_of`."""
    fitted = fitted_of(stored_model)
    rows = training.open_rows(history, as_of)
    probabilities = fitted.probabilities([each.values for each in rows])
    now = clock.now()
    with transaction.atomic():
        ItemForecast.objects.all().delete()
        ItemForecast.objects.bulk_create(
            (
                ItemForecast(
                    item_id=each.item_id,
                    model=stored_model,
                    probability=float(probability),
                    control_date=datetime.date.fromordinal(each.control_date),
                    reasons=training.explain(fitted, each),
                    as_of=as_of,
                    computed_at=now,
                )
                for each, probability in zip(rows, probabilities, strict=True)
            ),
            batch_size=BATCH,
        )
    return len(rows)


def refresh(*, as_of: datetime.date) -> dict[str, Any]:
    """Retrain as of `as_of` and rescore; with too little history, rescore with the last model
    (if any) and say why no new one was trained."""
    history = History.load()
    result: dict[str, Any] = {"as_of": as_of.isoformat()}
    try:
        fitted, found = training.train(history, as_of)
    except model.NotEnoughHistory as error:
        result["trained"] = False
        result["why"] = str(error)
        latest = ForecastModel.objects.first()
    else:
        latest = stored(fitted, found, as_of=as_of)
        result.update(trained=True, model=latest.pk, rows=len(found.labels), late=found.positives)
    result["scored"] = rescore(history=history, stored_model=latest, as_of=as_of) if latest else 0
    return result
