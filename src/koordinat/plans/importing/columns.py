"""Finding the plan columns from their headers, in Azerbaijani, Russian and English."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from koordinat.core.text import fold

FIELDS = ["number", "text", "executors", "deadline", "expected_result"]
FIELD_LABELS = {
    "number": _("number"),
    "text": _("measure"),
    "executors": _("executors"),
    "deadline": _("execution period"),
    "expected_result": _("expected result"),
}

# Checked in this order: "İcra müddəti" is a deadline, not an executor, though both say "icra".
_SYNONYMS: list[tuple[str, list[str]]] = [
    (
        "deadline",
        [
            "icra muddeti",
            "muddet",
            "icra tarixi",
            "срок",
            "deadline",
            "timeline",
            "timeframe",
            "time frame",
            "due",
            "end date",
            "completion date",
        ],
    ),
    (
        "expected_result",
        [
            "gozlenilen netice",
            "netice",
            "ожидаемый результат",
            "результат",
            "expected result",
            "outcome",
            "result",
        ],
    ),
    (
        "executors",
        [
            "icracı",
            "icracilar",
            "icraci",
            "mesul",
            "исполнител",
            "ответственн",
            "responsible",
            "executor",
            "implementing",
            "lead agency",
            "lead institution",
        ],
    ),
    (
        "text",
        ["tedbir", "мероприяти", "measure", "action", "activity", "activities", "commitment", "наименование"],
    ),
]
# Folded text: "№" folds to "no", so "№ п/п" arrives as "no п/п".
_NUMBER_HEADER = re.compile(
    r"^(no\b|no\.|n$|#|s/s|n/n|п/п|sira\b|nomre|номер|item\b|commitment (id|number|no)\b)"
)


def classify_header(cell: str) -> str | None:
    text = fold(cell)
    if not text:
        return None
    if _NUMBER_HEADER.match(text):
        return "number"
    for field, words in _SYNONYMS:
        if any(fold(word) in text for word in words):
            return field
    return None


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int
    mapping: dict[str, int]
    headers: list[str]


HEADER_SEARCH_ROWS = 15  # title lines above the table in real plans


def find_header(rows: list[list[str]]) -> HeaderMatch | None:
    """The first row naming at least the measure column and one more known column."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[str, int] = {}
        for column, cell in enumerate(row):
            field = classify_header(cell)
            if field and field not in mapping:
                mapping[field] = column
        if "text" in mapping and len(mapping) >= 2:
            return HeaderMatch(row_index=index, mapping=mapping, headers=row)
    return None


def _field_names() -> dict[str, str]:
    """Every name a column may be given by: the code key or its label in any of the three languages."""
    from django.utils import translation

    names = {fold(field): field for field in FIELDS}
    for language in ("az", "ru", "en"):
        with translation.override(language):
            names.update({fold(str(label)): field for field, label in FIELD_LABELS.items()})
    return names


def mapping_example() -> str:
    """`number=1, measure=2, ...` in the reader's language, for hints."""
    return ", ".join(f"{FIELD_LABELS[field]}={index}" for index, field in enumerate(FIELDS[:4], start=1))


def parse_mapping(text: str) -> dict[str, int]:
    """`number=1,text=2,...` (1-based columns, as people count them; field names in any of the three
    languages) → field → 0-based index."""
    names = _field_names()
    mapping: dict[str, int] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, _sep, column = part.partition("=")
        field = names.get(fold(name))
        if field is None or not column.strip().isdigit() or int(column) < 1:
            raise ValueError(part)
        mapping[field] = int(column) - 1
    return mapping
