"""Data migrations tried on the real schema: move the database to a past state, run a migration,
and leave the database at the latest state again for the tests that follow."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]):
    """Migrate to `targets`; return the apps registry of that state (its historical models)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema() -> Iterator[None]:
    """After the test, every app back at its newest migration (later tests need the whole schema)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
