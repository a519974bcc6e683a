"""The corpus of real plan cells (tests/plans/corpus/, see its README) read by Koordinat's readers.

`python -m tests.plans.corpus` prints the share read right per language and every cell read wrong;
tests/plans/test_corpus.py holds the readers to it.
"""

import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
LANGUAGES = ("az", "ru", "en")
DEADLINE_FIELDS = ("kind", "start", "end", "recurrence", "offset", "anchor")
EXECUTOR_FLAGS = ("lead", "agreement", "person")


@dataclass(frozen=True)
class Source:
    path: Path
    language: str
    url: str
    adopted_on: date | None
    period: tuple[date, date] | None
    data: dict[str, Any]


@dataclass
class Miss:
    source: Path
    cell: str
    expected: Any
    read: Any

    def __str__(self) -> str:
        return f"{self.source.name}: {self.cell!r}\n    expected {self.expected}\n    read     {self.read}"


@dataclass
class Tally:
    right: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.misses)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def sources() -> list[Source]:
    found = []
    for path in sorted(CORPUS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        source = data["source"]
        period = source.get("period")
        found.append(
            Source(
                path=path,
                language=source["language"],
                url=source["url"],
                adopted_on=_date(source.get("adopted_on")),
                period=(date.fromisoformat(period[0]), date.fromisoformat(period[1])) if period else None,
                data=data,
            )
        )
    return found


def expected_deadline(expect: dict[str, Any]) -> dict[str, str | None]:
    return {name: expect.get(name) for name in DEADLINE_FIELDS}


def read_deadline(source: Source, cell: str) -> dict[str, str | None]:
    from koordinat.plans.deadlines import parse_deadline  # imported once Django is set up (see the end)

    deadline = parse_deadline(cell, adopted_on=source.adopted_on, period=source.period)
    found = deadline.to_json()
    return {name: found[name] for name in DEADLINE_FIELDS}


def expected_executors(expect: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"name": entry["name"], **{flag: bool(entry.get(flag)) for flag in EXECUTOR_FLAGS}}
        for entry in expect
    ]


def read_executor_cell(cell: str) -> list[dict[str, Any]]:
    from koordinat.plans.importing.executors import read_executors  # imported once Django is set up

    return [
        {"name": entry.name, **{flag: getattr(entry, flag) for flag in EXECUTOR_FLAGS}}
        for entry in read_executors(cell)
    ]


def tally() -> dict[str, dict[str, Tally]]:
    """{"deadlines" | "executors": {language: Tally}}."""
    tallies: dict[str, dict[str, Tally]] = {"deadlines": defaultdict(Tally), "executors": defaultdict(Tally)}
    for source in sources():
        for case in source.data.get("deadlines", []):
            expected, read = expected_deadline(case["expect"]), read_deadline(source, case["cell"])
            _count(tallies["deadlines"][source.language], source, case["cell"], expected, read)
        for case in source.data.get("executors", []):
            expected_list, read_list = expected_executors(case["expect"]), read_executor_cell(case["cell"])
            _count(tallies["executors"][source.language], source, case["cell"], expected_list, read_list)
    return tallies


def _count(into: Tally, source: Source, cell: str, expected: Any, read: Any) -> None:
    if expected == read:
        into.right += 1
    else:
        into.misses.append(Miss(source.path, cell, expected, read))


def report(tallies: dict[str, dict[str, Tally]]) -> str:
    found = sources()
    lines = [
        f"Corpus: {len(found)} sources "
        + ", ".join(f"{language} {sum(s.language == language for s in found)}" for language in LANGUAGES),
        f"{'':12}" + "".join(f"{language:>18}" for language in LANGUAGES),
    ]
    for what, by_language in tallies.items():
        cells = []
        for language in LANGUAGES:
            counted = by_language[language]
            cells.append(f"{counted.right}/{counted.total} {counted.share:6.1%}" if counted.total else "—")
        lines.append(f"{what:12}" + "".join(f"{cell:>18}" for cell in cells))
    return "\n".join(lines)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koordinat.config.settings.test")
    django.setup()
    result = tally()
    print(report(result))
    if "-v" in sys.argv:
        for what, by_language in result.items():
            for language, counted in by_language.items():
                for miss in counted.misses:
                    print(f"[{what} {language}] {miss}")
