import pytest
from django.utils.text import Truncator

from koordinat.core.text import fold, shortened


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


@pytest.mark.parametrize("text", ["", "qısa", "ə" * 240, "Şəhər " * 60, "x" * 241])
def test_shortened_cuts_as_truncatechars_does(text):
    assert shortened(text, 240) == Truncator(text).chars(240)
