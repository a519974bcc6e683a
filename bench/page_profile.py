"""Where a page spends its time, on the bench database: `make profile URL=/az/directory/organizations/`
(`PROFILE_ARGS="--anonymous --cold"` for a public page drawn afresh, as the public sees it uncached).

Requests the page as the bench coordinator (after warming up), then prints the wall time per request,
the time its SQL took on the server's side of the driver, and the functions the time went to
(cProfile, cumulative and own time) so that queries, ORM instance building, template rendering,
the layout and the context processors can each be read off.
"""

import argparse
import cProfile
import inspect
import pstats
import sys
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench.run  # noqa: F401 — the bench's settings and environment, as `make bench` has them


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("-n", "--requests", type=int, default=30)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument(
        "--anonymous", action="store_true", help="Request the page as the public, signed out."
    )
    parser.add_argument("--cold", action="store_true", help="Clear the cache before each request.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from bench.scenarios.directory import _client

    browser = Client() if args.anonymous else _client()

    def get(url: str) -> Any:
        if args.cold:
            cache.clear()
        return browser.get(url)

    sql_seconds = [0.0]

    def timed_sql(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds[0] += time.perf_counter() - started

    for _ in range(5):
        assert get(args.url).status_code == 200
    with connection.execute_wrapper(timed_sql):
        started = time.perf_counter()
        for _ in range(args.requests):
            get(args.url)
        wall = (time.perf_counter() - started) / args.requests
    print(
        f"{args.url}: {wall * 1000:.2f} ms a request, of which SQL {sql_seconds[0] / args.requests * 1000:.2f} ms"
    )

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        get(args.url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print_breakdown(stats)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


# The parts a page's time is read in: (label, function); time is cumulative, so parts overlap
# (SQL is inside the ORM, forms inside the templates).
PARTS = [
    ("whole request", "django.test.client.ClientHandler.__call__"),
    ("middleware and view", "django.core.handlers.base.BaseHandler._get_response"),
    ("SQL, in the driver", "psycopg.Cursor.execute"),
    ("ORM: rows to model instances", "django.db.models.query.ModelIterable.__iter__"),
    ("ORM: rows as values", "django.db.models.query.ValuesListIterable.__iter__"),
    ("template rendering", "django.template.backends.django.Template.render"),
    ("  of which {% include %}", "django.template.loader_tags.IncludeNode.render"),
    ("  of which forms and widgets", "django.forms.utils.RenderableMixin.render"),
    ("  of which the layout's context processor", "koordinat.core.context_processors.layout"),
    ("URL reversing", "django.urls.base.reverse"),
    ("translated fields (modeltranslation)", "modeltranslation.fields.TranslationFieldDescriptor.__get__"),
    ("signed-in user", "django.contrib.auth.get_user"),
]


def _key(dotted: str) -> tuple[str, int, str]:
    module, _dot, name = dotted.rpartition(".")
    owner: Any
    try:
        owner = import_module(module)
    except ImportError:
        module, _dot, owner_name = module.rpartition(".")
        owner = getattr(import_module(module), owner_name)
    code = inspect.unwrap(getattr(owner, name)).__code__
    return code.co_filename, code.co_firstlineno, code.co_name


def print_breakdown(stats: pstats.Stats) -> None:
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = 0.0
    for label, dotted in PARTS:
        cumulative = raw[_key(dotted)][3] if _key(dotted) in raw else 0.0
        total = total or cumulative
        print(f"{label:<45} {cumulative / total * 100 if total else 0:5.1f} %")
    print()


if __name__ == "__main__":
    main()
