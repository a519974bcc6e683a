"""`make bench`: run every scenario in bench/scenarios on generated data; write bench/results.json.

Each scenario is measured beside its limit: the same answer obtained the fastest way we know
(raw SQL returning the same rows), timed in turn with it in the same run, so `ratio` shows what the
framework costs.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koordinat.config.settings.base")
os.environ.setdefault("SECRET_KEY", "bench-only-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_COOKIES", "0")

SCENARIO_MODULES = [
    "bench.scenarios.directory",
    "bench.scenarios.plans",
    "bench.scenarios.execution",
    "bench.scenarios.meetings",
    "bench.scenarios.notifications",
    "bench.scenarios.reminders",
    "bench.scenarios.dashboards",
    "bench.scenarios.official_report",
    "bench.scenarios.portal",
    "bench.scenarios.portal_server",
]


@dataclass
class Scenario:
    name: str
    description: str
    run: Callable[[], Any]  # the real path: a page through the whole Django stack
    limit: Callable[[], Any]  # the same answer, fastest way
    limit_description: str
    same_answer: Callable[[Any, Any], bool]
    rows: int | None = None  # rows returned per request, for rows per second
    iterations: int | None = None  # heavy scenarios run fewer times than --iterations
    reset: Callable[[], None] | None = None  # after each run, untimed: the database as a real run finds it


def ensure_database(url: str) -> None:
    """Create the PostgreSQL bench database if it does not exist yet."""
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def tidy_database() -> None:
    """VACUUM ANALYZE before each scenario, as autovacuum keeps a live server (the bench cluster may
    run without it): current planner statistics for every scenario and its limit alike, and no dead
    rows left by an earlier scenario's runs (imports are rolled back) for the next one to wade through."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def timed_in_turn(
    run: Callable[[], Any], limit: Callable[[], Any], iterations: int, reset: Callable[[], None]
) -> tuple[list[float], list[float]]:
    """The scenario and its limit timed in turn, one of each per iteration (after three of each to
    warm up), so that the machine's passing load (a shared two-core machine) weighs on both alike and
    the ratio compares like with like."""

    def clocked(function: Callable[[], Any]) -> float:
        started = time.perf_counter()
        function()
        return (time.perf_counter() - started) * 1000

    for _ in range(3):
        run()
        reset()
        limit()
    samples, limit_samples = [], []
    for _ in range(iterations):
        samples.append(clocked(run))
        reset()
        limit_samples.append(clocked(limit))
    return samples, limit_samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(scenario: Scenario, iterations: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reset = scenario.reset or (lambda: None)
    tidy_database()
    real, fastest = scenario.run(), scenario.limit()
    reset()
    if not scenario.same_answer(real, fastest):
        raise SystemExit(f"{scenario.name}: the limit does not return the same answer as the scenario")
    with CaptureQueriesContext(connection) as queries:
        scenario.run()
    query_count = len(queries)  # read now: later requests reset the connection's query log
    reset()
    tracemalloc.start()
    scenario.run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    reset()
    samples, limit_samples = timed_in_turn(scenario.run, scenario.limit, iterations, reset)
    median, limit_median = statistics.median(samples), statistics.median(limit_samples)
    return {
        "name": scenario.name,
        "description": scenario.description,
        "iterations": iterations,
        "median_ms": round(median, 3),
        "p95_ms": round(p95(samples), 3),
        "rows_per_second": round(scenario.rows / (median / 1000)) if scenario.rows else None,
        "queries_per_request": query_count,
        "peak_memory_mib": round(peak / 2**20, 3),
        "limit": {
            "how": scenario.limit_description,
            "median_ms": round(limit_median, 3),
            "p95_ms": round(p95(limit_samples), 3),
        },
        "ratio": round(median / limit_median, 2),
    }


def merged(path: Path, results: list[dict[str, Any]], data: dict[str, int]) -> list[dict[str, Any]]:
    """A partial run (`--only`) replaces its scenarios' results in the file and keeps the others, when
    they were measured on the same data; each result keeps its place, new ones come last."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return results
    if earlier.get("data") != data:
        return results
    fresh = {result["name"]: result for result in results}
    kept = [fresh.pop(result["name"], result) for result in earlier.get("scenarios", [])]
    return kept + list(fresh.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--organizations", type=int, default=500)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--plans", type=int, default=40)
    parser.add_argument("--measures", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=5_000)
    parser.add_argument("--instructions", type=int, default=50_000)
    parser.add_argument("--only", default="", help="Run only scenarios whose name contains this text.")
    args = parser.parse_args()

    ensure_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from koordinat.core.models import AuditEvent
    from koordinat.core.scale import GENERATORS_VERSION

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static storage, as deployed
    wanted = {
        name: getattr(args, name)
        for name in ("organizations", "people", "plans", "measures", "reports", "meetings", "instructions")
    }
    generated = (
        AuditEvent.objects.filter(action="scale.generate")
        .order_by("-pk")
        .values_list("data", flat=True)
        .first()
    )
    if (
        not generated
        or generated.get("seed") != args.seed
        or generated.get("counts") != wanted
        or generated.get("version") != GENERATORS_VERSION
    ):
        print(f"Generating scale data {wanted} (seed {args.seed}) into a flushed database ...")
        call_command("flush", interactive=False, verbosity=0)
        call_command("generate-scale", seed=args.seed, **wanted)
    data = wanted

    results = []
    for module_name in SCENARIO_MODULES:
        for scenario in import_module(module_name).scenarios():
            if args.only and args.only not in scenario.name:
                continue
            result = measure(scenario, scenario.iterations or args.iterations)
            print(
                f"{result['name']:<28} median {result['median_ms']:>8.2f} ms  p95 {result['p95_ms']:>8.2f} ms  "
                f"queries {result['queries_per_request']:>3}  limit {result['limit']['median_ms']:>7.2f} ms  "
                f"ratio {result['ratio']:>6.2f}"
            )
            results.append(result)

    output = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "python": platform.python_version(),
        "data": data,
        "scenarios": merged(Path(args.output), results, data) if args.only else results,
    }
    Path(args.output).write_text(json.dumps(output, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
