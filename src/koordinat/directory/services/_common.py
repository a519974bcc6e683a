"""What the directory services share: audit snapshots, dates in messages and the check of control fields."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import formats

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.translation import texts_of


def _snapshot(instance: models.Model, fields: list[str], translated: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    for field in translated:
        for code, text in texts_of(instance, field).items():
            data[f"{field}_{code}"] = text
    return data


def _date_text(day: datetime.date | None) -> str:
    return formats.date_format(day) if day else ""


def _require_controls_kept(
    rule: Any,
    actor: User,
    target: models.Model,
    *,
    saved: models.Model,
    proposed: dict[str, Any],
    action: str,
) -> list[str]:
    """Refuse (and record) a change of control fields (attribute → proposed value) that `rule` does not
    allow the actor; returns the controls changed, named as the model names them."""
    controls = sorted(
        name.removesuffix("_id") for name, value in proposed.items() if getattr(saved, name) != value
    )
    if controls:
        audit.require(rule, actor, target, action=action, data={"controls": controls})
    return controls
