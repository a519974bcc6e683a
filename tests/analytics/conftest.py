from tests.execution.conftest import plan  # noqa: F401 — discipline is counted over a plan under control
