"""Scale data for benchmarks: national-size data sets, reproducible by seed, bulk-inserted.

Each app names its generator in its AppConfig (`scale_generator`, a dotted path); they run in the
order the apps are installed, and later apps read what earlier ones made from `ScaleContext.made`. One audit event records the whole generation.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import AppConfig, apps
from django.db import transaction
from django.utils.module_loading import import_string

from . import audit

# Raised whenever a generator changes what it makes, so that `make bench` generates its data afresh
# rather than measure on data an older generator left (the version is in the generation's audit event).
# 2: the published plans' public entries.
GENERATORS_VERSION = 2


def generator_apps() -> list[AppConfig]:
    return [config for config in apps.get_app_configs() if getattr(config, "scale_generator", None)]


@dataclass
class ScaleContext:
    rng: random.Random
    counts: dict[str, int]
    batch_size: int = 2000
    made: dict[str, Any] = field(default_factory=dict)
    report: Callable[[str], None] = print


def generate(
    *, seed: int, counts: dict[str, int], batch_size: int = 2000, report: Callable[[str], None] = print
) -> dict[str, Any]:
    """Run every app's generator in one transaction; nothing is left half-made on failure."""
    context = ScaleContext(rng=random.Random(seed), counts=counts, batch_size=batch_size, report=report)
    started = time.perf_counter()
    with transaction.atomic():
        for config in generator_apps():
            step: Callable[[ScaleContext], None] = import_string(config.scale_generator)  # type: ignore[attr-defined]
            step(context)
        audit.record(
            actor=None,
            action="scale.generate",
            data={"seed": seed, "counts": counts, "version": GENERATORS_VERSION},
        )
    report(f"Generated in {time.perf_counter() - started:.1f} s.")
    return context.made
