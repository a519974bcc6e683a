"""The demo installation: each app names its demo loaders in its AppConfig (`demo_loaders`, pairs of
a name and a dotted path); they run in the order the apps are installed, each later domain reading
what the earlier ones made."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

DEMO_PASSWORD = "koordinat-demo"


@dataclass
class LoadResult:
    """What a loader made, and the demo sign-ins it created (key, e-mail, role)."""

    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def loaders() -> Iterator[tuple[str, str]]:
    for config in apps.get_app_configs():
        yield from getattr(config, "demo_loaders", ())


def load_all(report: Callable[[str, Any], None]) -> None:
    """Run each loader; each is idempotent, so running the demo twice changes nothing."""
    for name, path in loaders():
        report(name, import_string(path)())
