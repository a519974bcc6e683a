import pytest

from koordinat.core.text import fold


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("agdam", "Ağdam rayon İcra Hakimiyyəti"),
        ("icra", "İCRA HAKİMİYYƏTİ"),
        ("şuşa", "ŞUŞA"),
        ("ekologiya ve", "Ekologiya və Təbii Sərvətlər"),
        ("министерство", "МИНИСТЕРСТВО экологии"),
        ("ёлка", "Елка"),
    ],
)
def test_folded_query_is_found_in_folded_text(typed, stored):
    assert fold(typed) in fold(stored)


def test_spaces_collapse():
    assert fold("  Dövlət   Komitəsi ") == "dovlet komitesi"
