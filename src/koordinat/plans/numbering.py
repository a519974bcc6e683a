"""Item numbers as plans write them ("5.6.", "1)", "№ 3", "5.6-a", "IV", "Раздел 6"), read into the
outline number the registry keeps.

An outline number is components joined by dots. A component is a number with at most one letter
after it ("5", "6a"); the first may instead be a Roman section numeral ("IV"). An item's parent is
its number without the last component, so "5.6a" (an item an amendment inserted after 5.6) is a
sibling of 5.6 under 5, and sorts between 5.6 and 5.7.

Letters are kept in the Latin script of the plan's Azerbaijani text: a Cyrillic letter becomes the
Latin letter at its place in the alphabet (а → a, б → b, в → c), since Russian plans letter
inserted items а, б, в; letters sort in Azerbaijani order (c < ç < d, h < x < ı < i).
"""

import re
from dataclasses import dataclass

LETTERS = "abcçdeəfgğhxıijkqlmnoöprsştuüvwyz"
_CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
_LETTER_OF = {
    **{letter: letter for letter in LETTERS},
    **dict(zip(_CYRILLIC_LETTERS, "abcdefghijklmnopqrstuvwxyz", strict=False)),
    "i̇": "i",  # "İ".lower()
}
# Cyrillic letters typed for the Roman numerals they look like.
_ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C"})
_ROMAN = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PLAIN = re.compile(r"[1-9][0-9]{0,4}(?:\.[1-9][0-9]{0,4})*")  # "5.6": most cells, read at once
_PREFIX = re.compile(r"^(?:№|N[oº°]\.?|N\b)\s*", re.IGNORECASE)
_COMPONENT = re.compile(r"(\d{1,5})(?:\s?-?\s?(\w))?")
_SECTION_WORDS = "bölmə|hissə|fəsil|раздел|глава|часть|section|part|chapter"
_SECTION = re.compile(
    rf"^(?:(?:{_SECTION_WORDS})\s+(?:№\s*)?(?P<n>\d{{1,5}}|[IVXLCІХС]+)"
    rf"|(?P<m>\d{{1,5}}|[IVXLCІХС]+)\s*-?\s*(?:c[iıuü])?\s+(?:bölmə|hissə|fəsil))\s*[.:)]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Written:
    """A number cell read: its outline components, and whether it was written as a section
    ("IV", "Раздел 6"), which is never an item inside another section."""

    parts: tuple[str, ...]
    section: bool = False

    @property
    def number(self) -> str:
        return ".".join(self.parts)


def _roman(text: str) -> str | None:
    candidate = text.translate(_ROMAN_LOOKALIKES)
    return candidate if _ROMAN.fullmatch(candidate) else None


def _letter(text: str) -> str | None:
    return _LETTER_OF.get(text.lower())


def read_number(cell: str) -> Written | None:
    """The outline number a number cell means, or None when it is not one."""
    text = cell.strip()
    if _PLAIN.fullmatch(text):
        return Written(tuple(text.split(".")))
    if section := _SECTION.match(text):
        numeral = section.group("n") or section.group("m")
        roman = None if numeral.isdigit() else _roman(numeral.upper())
        if numeral.isdigit():
            return Written((str(int(numeral)),), section=True)
        return Written((roman,), section=True) if roman else None
    text = _PREFIX.sub("", text)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    text = text.removesuffix(")").rstrip()
    tokens = [token.strip() for token in text.split(".")]
    if len(tokens) > 1 and not tokens[-1]:
        tokens.pop()  # "5.6." and "1."
    if not tokens or not tokens[0]:
        return None
    if roman := _roman(tokens[0]):
        if len(tokens) == 1:
            return Written((roman,), section=True)
        tail = read_number(".".join(tokens[1:]))  # "II.3": item 3 of section II
        return Written((roman, *tail.parts)) if tail and tail.parts[0][0].isdigit() else None
    parts: list[str] = []
    for position, token in enumerate(tokens):
        last = position == len(tokens) - 1
        letter = _letter(token) if last and len(token) == 1 and not token.isdigit() else None
        if letter and parts and not parts[-1][-1].isalpha():
            parts[-1] += letter  # "5.6.а": the letter of 5.6
            continue
        match = _COMPONENT.fullmatch(token)
        if not match:
            return None
        suffix = ""
        if match.group(2):
            found = _letter(match.group(2))
            if found is None:
                return None
            suffix = found
        parts.append(str(int(match.group(1))) + suffix)
    return Written(tuple(parts))


def normalise(cell: str) -> str | None:
    """The outline number a person typed ("5.6-a" → "5.6a", "IV." → "IV"), or None."""
    written = read_number(cell)
    return written.number if written else None


def value(component: str) -> int | None:
    """What a component counts: 6 for "6", "6a" and "VI"."""
    digits = re.match(r"\d+", component)
    if digits:
        return int(digits.group())
    if not _ROMAN.fullmatch(component):
        return None
    total = 0
    for index, numeral in enumerate(component):
        amount = _ROMAN_VALUES[numeral]
        following = _ROMAN_VALUES[component[index + 1]] if index + 1 < len(component) else 0
        total += -amount if amount < following else amount
    return total


def to_roman(number: int) -> str:
    numerals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV")]
    text = ""
    for amount, numeral in [*numerals, (1, "I")]:
        count, number = divmod(number, amount)
        text += numeral * count
    return text


def _component_key(component: str) -> str:
    if component.isdigit():
        return component.zfill(5)
    if re.fullmatch(r"\d+\D", component) and component[-1] in LETTERS:
        return f"{component[:-1].zfill(5)}{LETTERS.index(component[-1]) + 1:02d}"
    number = value(component)
    if number is not None and not component[0].isdigit():
        return f"{number:05d}R"  # a Roman section after an Arabic one of the same value
    return component.rjust(5, "~")


def sort_key(number: str) -> str:
    """'5.10.2' → '00005.00010.00002': string order is outline order, 5.6 < 5.6a < 5.7 < 5.10 and
    I < II < IV < IX. Each component only ever extends its five digits with digits, so the order
    holds under a collation that ignores punctuation as well as byte by byte."""
    return ".".join(_component_key(part) for part in number.split("."))
