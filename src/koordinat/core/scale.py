"""Scale data for benchmarks: national-size data sets, reproducible by seed, bulk-inserted.

Each app contributes a generator (`GENERATORS`, run in order); later apps read what earlier
ones made from `ScaleContext.made`. One audit event records the whole generation.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.db import transaction

from . import audit

GENERATORS = [
    "koordinat.directory.scale.generate",
    "koordinat.plans.scale.generate",
    "koordinat.execution.scale.generate",
    "koordinat.meetings.scale.generate",
]


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
        for path in GENERATORS:
            module, _dot, name = path.rpartition(".")
            step: Callable[[ScaleContext], None] = getattr(import_module(module), name)
            step(context)
        audit.record(actor=None, action="scale.generate", data={"seed": seed, "counts": counts})
    report(f"Generated in {time.perf_counter() - started:.1f} s.")
    return context.made
