"""The house's floors (docs/decisions.md, "Layers"): an app imports only from the floors below its
own, and no module imports itself round a circle. Pages that show what a higher app knows get it
through the extension points in core.extensions."""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "koordinat"
# Ground floor first. Apps on one floor do not import each other; `config` assembles them all.
LAYERS = [
    ("core",),
    ("accounts", "places"),
    ("directory", "jobs"),
    ("plans",),
    ("execution",),
    ("meetings",),
    ("analytics", "notifications"),
    ("portal",),  # shows analytics' on-time record (decision 65)
    ("events",),  # its public pages are portal pages (decision 69)
    ("dialogue",),  # citizens' proposals and questions, shown on the portal through its slots (decision 70)
    ("opendata",),  # publishes the portal's lists as files (decision 67); stays the top floor
]
FLOOR = {app: floor for floor, apps in enumerate(LAYERS) for app in apps}


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every koordinat module the file imports, at its top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {module for module in found if module.startswith("koordinat.")}


def source_files() -> list[Path]:
    return sorted(path for path in SOURCE.rglob("*.py") if "migrations" not in path.parts)


MODULES = {module_name(path): path for path in source_files()}


def app_of(module: str) -> str:
    """`koordinat.plans.views` → "plans"; the package itself → ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_app_has_its_floor():
    apps = {app_of(module) for module in MODULES} - {"", "config", "manage"}
    assert apps <= set(FLOOR), f"apps without a floor in LAYERS: {sorted(apps - set(FLOOR))}"


@pytest.mark.parametrize("module", [module for module in MODULES if app_of(module) in FLOOR])
def test_no_import_runs_up_a_floor(module):
    own = app_of(module)
    upward = sorted(
        target
        for target in imported_modules(MODULES[module])
        if app_of(target) in FLOOR and app_of(target) != own and FLOOR[app_of(target)] >= FLOOR[own]
    )
    assert not upward, f"{module} (floor {FLOOR[own]}) imports from its own floor or above: {upward}"


def test_no_import_cycle():
    graph = {
        module: {target for target in imported_modules(path) if target in MODULES and target != module}
        for module, path in MODULES.items()
    }
    # Importing a package's module imports the package first: not a cycle of ours.
    graph = {
        module: {t for t in targets if not module.startswith(t + ".")} for module, targets in graph.items()
    }
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            cycle = [*visiting[visiting.index(module) :], module]
            raise AssertionError("import cycle: " + " → ".join(cycle))
        visiting.append(module)
        for target in sorted(graph[module]):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
