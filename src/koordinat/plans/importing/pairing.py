"""Which incoming item continues which item already in the plan, when an amended plan arrives.

An amendment inserts, removes and renumbers items. An item whose text is unchanged is the same
item even under a new number (so its history and reports follow it, and its old number stays
findable); an item under the same number with new text is the same item, edited.
"""

from koordinat.core.text import fold


def pair_items(incoming: list[tuple[str, str]], existing: dict[str, str]) -> dict[str, str | None]:
    """Incoming number → the existing number it continues, or None for a new item."""
    by_text: dict[str, list[str]] = {}
    for number, text in existing.items():
        by_text.setdefault(fold(text), []).append(number)
    claimed: set[str] = set()
    pairs: dict[str, str | None] = {}
    for number, text in incoming:
        candidates = [n for n in by_text.get(fold(text), []) if n not in claimed]
        if candidates:
            chosen = number if number in candidates else candidates[0]
            pairs[number] = chosen
            claimed.add(chosen)
    for number, _text in incoming:
        if number in pairs:
            continue
        if number in existing and number not in claimed:
            pairs[number] = number
            claimed.add(number)
        else:
            pairs[number] = None
    return pairs
