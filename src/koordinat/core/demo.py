"""The demo installation: every app's demo loader, in order; each later domain adds its own."""

from collections.abc import Callable
from importlib import import_module
from typing import Any

LOADERS = [
    ("directory", "koordinat.directory.demo.loader.load"),
    ("districts", "koordinat.places.loader.load_districts"),
    ("plans", "koordinat.plans.demo.loader.load"),
    ("execution history", "koordinat.execution.demo.loader.load"),
    ("meetings", "koordinat.meetings.demo.loader.load"),
]


def load_all(report: Callable[[str, Any], None]) -> None:
    """Run each loader; each is idempotent, so running the demo twice changes nothing."""
    for name, path in LOADERS:
        module, _dot, function = path.rpartition(".")
        report(name, getattr(import_module(module), function)())
