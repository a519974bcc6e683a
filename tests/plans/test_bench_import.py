"""The import scenario of `make bench` runs, and its largest file is within the default upload limits."""

import io

from bench.scenarios import plans as bench_plans

from koordinat.plans.importing.readers import open_tables
from koordinat.plans.models import Plan


def test_the_bench_import_scenario_runs(executors):
    scenario = bench_plans.plan_import(60)
    assert scenario.run() == scenario.limit() == 60
    assert not Plan.objects.filter(code="BENCH-IMPORT").exists()  # rolled back, as in the bench


def test_the_largest_bench_file_is_within_the_default_limits(executors):
    rows = max(bench_plans.IMPORT_ROWS)
    (table,) = open_tables(io.BytesIO(bench_plans._plan_workbook(rows)), "bench.xlsx")
    assert sum(1 for _row in table.rows) == rows + 1
