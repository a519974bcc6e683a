"""Koordinat's readers against real cells of published plans (tests/plans/corpus/README.md).

The corpus measures what the project did not write itself: at least 90 % of execution periods must be
read right and at least 90 % of executor cells split right in each language. The figures are printed
at the end of every run that includes this file, and by `python -m tests.plans.corpus -v` with the
cells read wrong.
"""

import re

import pytest

from koordinat.plans.deadlines import DeadlineKind

from .corpus import LANGUAGES, report, sources, tally

REQUIRED_SHARE = 0.9
KINDS = {kind.value for kind in DeadlineKind}


@pytest.fixture(scope="module")
def tallies():
    return tally()


def test_every_source_names_its_document_and_language() -> None:
    found = sources()
    assert found, "the corpus is empty"
    for source in found:
        assert source.path.name.startswith(f"{source.language}-"), source.path.name
        assert source.language in LANGUAGES, source.path.name
        assert re.match(r"https?://\S+$", source.url), f"{source.path.name}: no address for its document"
        assert source.data.get("deadlines") or source.data.get("executors"), (
            f"{source.path.name} has no cells"
        )
        if source.period:
            assert source.period[0] <= source.period[1], source.path.name


def test_every_expected_reading_is_well_formed() -> None:
    for source in sources():
        cells = [case["cell"] for case in source.data.get("deadlines", [])]
        assert len(cells) == len(set(cells)), f"{source.path.name} lists a deadline cell twice"
        for case in source.data.get("deadlines", []):
            expect = case["expect"]
            assert expect["kind"] in KINDS, (
                f"{source.path.name}: {case['cell']!r} has kind {expect['kind']!r}"
            )
            assert set(expect) <= {"kind", "start", "end", "recurrence", "offset", "anchor"}, case["cell"]
        for case in source.data.get("executors", []):
            assert case["expect"], f"{source.path.name}: {case['cell']!r} expects no executor"
            for entry in case["expect"]:
                assert entry["name"], case["cell"]
                assert entry["name"].strip() == entry["name"], case["cell"]
                assert set(entry) <= {"name", "lead", "agreement", "person"}, case["cell"]


@pytest.mark.parametrize("what", ["deadlines", "executors"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_nine_in_ten_cells_are_read_right(tallies, what: str, language: str) -> None:
    counted = tallies[what][language]
    if not counted.total:
        pytest.skip(f"the corpus has no {language} {what} cells")
    misses = "\n".join(str(miss) for miss in counted.misses)
    assert counted.share >= REQUIRED_SHARE, f"{report(tallies)}\n\nRead wrong:\n{misses}"
