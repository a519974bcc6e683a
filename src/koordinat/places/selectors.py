"""Reads of the district registry, and recognising districts in free text.

District names are public data, so every read starts from `visible_to(user)`, which returns
every row. The matcher keeps no state between calls: `district_match` reads the 78 rows in one
query each time, and a caller matching many cells (an import, a demo loader) builds one
`DistrictIndex` for the job and drops it afterwards. Nothing is cached per process, because
the design runs many processes and a district renamed in one would go stale in the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from koordinat.core.collation import by_label
from koordinat.core.text import fold
from koordinat.core.translation import texts_of

from .models import District

# Registry reads -------------------------------------------------------------------------------


def district_list(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[District]:
    """Every district by name, without the boundaries (the heavy column)."""
    return District.objects.visible_to(user).defer("geometry").order_by(by_label("name"), "pk")


def district_options(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[District]:
    """Districts offered in choice lists, in the page's alphabet: just what the option label needs."""
    return District.objects.visible_to(user).only("name").order_by(by_label("name"), "pk")


def district_get(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> District:
    return District.objects.visible_to(user).get(pk=pk)


def district_feature_collection(*, user: AbstractBaseUser | AnonymousUser) -> dict[str, Any]:
    """All boundaries as one GeoJSON FeatureCollection, names in the active language.

    The shapes are CC BY-SA 3.0: whatever shows them credits "geoBoundaries (wmgeolab), from
    Wikipedia" (see places/data/LICENSE.md)."""
    return {
        "type": "FeatureCollection",
        "features": [district.feature() for district in District.objects.visible_to(user)],
    }


# Matching names in free text ------------------------------------------------------------------

_APOSTROPHES = re.compile(r"[’ʼ`´‘]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Abbreviations, on folded text: "r-nu", "r-nunda" (az), "р-н", "р-на" (ru).
_ABBREVIATIONS = [
    (re.compile(r"(?<!\w)r-n(?=\w|\b)"), "rayon"),
    (re.compile(r"(?<!\w)р-н(?=\w|\b)"), "раион"),
]

# Azerbaijani case endings after folding (ı→i, ü→u, ə→e), with the buffer letters n/y.
_AZ_ENDINGS = sorted(
    {
        *("nin", "nun", "in", "un"),  # genitive: Şuşanın, Ağdamın, Füzulinin
        *("ni", "nu", "i", "u"),  # accusative
        *("ya", "ye", "a", "e"),  # dative: Şəkiyə, Laçına
        *("nda", "nde", "da", "de", "ta", "te"),  # locative: Ağdamda, Kəlbəcərdə
        *("ndan", "nden", "dan", "den", "tan", "ten"),  # ablative
        *("yla", "yle", "la", "le"),  # instrumental
        *("ndaki", "ndeki", "daki", "deki", "taki", "teki"),  # Bakıdakı
    },
    key=len,
    reverse=True,
)
# Russian noun endings after folding (й→и): в Гяндже, Шуши, Лянкяране, Ленкорани.
_RU_NOUN_ENDINGS = sorted(
    {"ами", "ями", "ах", "ях", "ом", "ем", "ои", "еи", "ью", "у", "ю", "е", "и", "ы", "а", "я", "о"},
    key=len,
    reverse=True,
)
_RU_STEM_FINALS = "аяьыи"
# Russian adjective endings after folding: Агдамский, Агдамского, в Агдамском, Агдамская.
_RU_ADJECTIVE_ENDINGS = sorted(
    {"ии", "ыи", "ои", "ая", "яя", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему", "ом", "ем"}
    | {"им", "ым", "ую", "юю", "их", "ых", "ими", "ыми"},
    key=len,
    reverse=True,
)
_AZ_KIND_ENDINGS = {
    *("", "u", "i", "un", "in", "unun", "inin", "una", "ine", "unu", "ini"),
    *("unda", "inde", "undan", "inden", "undaki", "indeki"),
    *("lar", "ler", "lari", "leri", "larin", "lerin", "larinin", "lerinin", "larina", "lerine"),
    *("larinda", "lerinde", "larindan", "lerinden", "larini", "lerini"),
}
_RU_KIND_ENDINGS = {"", "а", "е", "у", "ом", "ы", "ов", "ам", "ами", "ах"}
_DISTRICT_WORDS = {"district", "districts", "rayon", "rayons"}
_CITY_WORDS = {"city", "cities", "town", "г", "гор", "s"}  # "г." and "ş." abbreviations
# Words that may sit between names in a list without making the text "something else".
_FILLER = {
    *("ve", "hem", "habele", "hemcinin", "ile", "ya", "yaxud", "veya"),
    *("и", "или", "а", "также", "в", "во", "на", "по", "из", "для"),
    *("and", "or", "in", "of", "the", "at", "for"),
}
_CONJUNCTIONS = {"ve", "hem", "ile", "ya", "yaxud", "veya", "и", "или", "and", "or"}


def _tokens(text: str) -> list[str]:
    folded = _APOSTROPHES.sub("'", fold(text))
    for pattern, replacement in _ABBREVIATIONS:
        folded = pattern.sub(replacement, folded)
    # "Şuşa'da", "Baku's": the part before the apostrophe is the name.
    return [match.group().split("'", 1)[0] for match in _WORD.finditer(folded)]


def _is_cyrillic(token: str) -> bool:
    return "а" <= token[0] <= "я"


def kind_of_word(token: str) -> str | None:
    """The kind a word such as "rayonunda", "şəhəri", "района", "город" or "district" names."""
    if token in _DISTRICT_WORDS:
        return District.Kind.DISTRICT
    if token in _CITY_WORDS:
        return District.Kind.CITY
    if token.startswith("rayon") and token[5:] in _AZ_KIND_ENDINGS:
        return District.Kind.DISTRICT
    if token.startswith("seher") and token[5:] in _AZ_KIND_ENDINGS:
        return District.Kind.CITY
    if token.startswith("раион") and token[5:] in _RU_KIND_ENDINGS:
        return District.Kind.DISTRICT
    if token.startswith("город") and (
        token[5:] in _RU_KIND_ENDINGS or (token[5:7] == "ск" and token[7:] in _RU_ADJECTIVE_ENDINGS)
    ):
        return District.Kind.CITY
    return None


def _is_adjective(token: str) -> bool:
    return _is_cyrillic(token) and token.endswith(("скии", "цкии"))


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    candidates: tuple[District, ...]
    hint: str | None
    by_prefix: bool = False


class DistrictIndex:
    """Every spelling of every district, folded, built from one query; `match` reads no more.

    Build one per job (`DistrictIndex.build()`), use it for all the job's cells, then let it go.
    """

    def __init__(self, districts: Iterable[District]) -> None:
        self.districts = list(districts)
        self._names: dict[str, list[District]] = {}
        self._ru_stems: dict[str, list[District]] = {}
        self._adjectives: dict[str, list[District]] = {}
        for district in self.districts:
            spellings = [*texts_of(district, "name").values(), *(district.aliases or [])]
            for spelling in spellings:
                if spelling:
                    self._register(district, spelling)

    @classmethod
    def build(cls, queryset: QuerySet[District] | None = None) -> DistrictIndex:
        """Read the districts (one query; boundaries left out) and index their names."""
        rows = queryset if queryset is not None else District.objects.all()
        return cls(rows.defer("geometry", "search_text"))

    @staticmethod
    def _add(table: dict[str, list[District]], key: str, district: District) -> None:
        entries = table.setdefault(key, [])
        if district not in entries:
            entries.append(district)

    def _register(self, district: District, spelling: str) -> None:
        words = [token for token in _tokens(spelling) if kind_of_word(token) is None]
        if not words:
            return
        if len(words) == 1 and _is_adjective(words[0]):
            self._add(self._adjectives, words[0][:-2], district)
            return
        key = " ".join(words)
        self._add(self._names, key, district)
        if _is_cyrillic(key):
            self._add(self._ru_stems, key, district)
            if key[-1] in _RU_STEM_FINALS and len(key) > 3:
                self._add(self._ru_stems, key[:-1], district)

    # Reading a name at a position ---------------------------------------------------------

    def _forms(self, token: str) -> Iterable[tuple[dict[str, list[District]], str]]:
        """(table, key) pairs to look up for one word, the word as written first."""
        yield self._names, token
        if _is_cyrillic(token):
            for ending in _RU_NOUN_ENDINGS:
                if token.endswith(ending) and len(token) - len(ending) >= 3:
                    yield self._ru_stems, token[: -len(ending)]
            return
        for ending in _AZ_ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= 3:
                stem = token[: -len(ending)]
                yield self._names, stem
                if stem.endswith("y"):  # Sədərəyin ← Sədərək
                    yield self._names, stem[:-1] + "k"

    def _name_at(self, tokens: Sequence[str], start: int) -> tuple[tuple[District, ...], int] | None:
        for length in (3, 2, 1):
            if start + length > len(tokens):
                continue
            head = " ".join(tokens[start : start + length - 1])
            last = tokens[start + length - 1]
            if kind_of_word(last) is not None:
                continue
            for table, form in self._forms(last):
                key = f"{head} {form}" if head else form
                if key in table:
                    return tuple(table[key]), length
        token = tokens[start]
        if _is_cyrillic(token):
            for ending in _RU_ADJECTIVE_ENDINGS:
                if token.endswith(ending) and token[: -len(ending)] in self._adjectives:
                    return tuple(self._adjectives[token[: -len(ending)]]), 1
        return None

    # Scanning a text ----------------------------------------------------------------------

    def _mentions(self, tokens: list[str]) -> list[_Mention]:
        mentions: list[_Mention] = []
        position = 0
        while position < len(tokens):
            found = self._name_at(tokens, position)
            if found is None:
                position += 1
                continue
            candidates, length = found
            end = position + length
            hint = kind_of_word(tokens[end]) if end < len(tokens) else None
            by_prefix = False
            if hint is None:
                hint, by_prefix = self._prefix_hint(tokens, position), True
            mentions.append(_Mention(position, end, candidates, hint, by_prefix and hint is not None))
            position = end
        return self._spread_hints(tokens, mentions)

    @staticmethod
    def _prefix_hint(tokens: Sequence[str], start: int) -> str | None:
        """ "город Баку", "г. Гянджа", "City of Baku": a city word before the name."""
        if start >= 1 and _is_cyrillic(tokens[start - 1]) and kind_of_word(tokens[start - 1]) == "city":
            return District.Kind.CITY
        if start >= 2 and tokens[start - 1] == "of":
            return kind_of_word(tokens[start - 2])
        return None

    @staticmethod
    def _spread_hints(tokens: Sequence[str], mentions: list[_Mention]) -> list[_Mention]:
        """ "Ağdam, Füzuli və Cəbrayıl rayonlarında": the kind word after the last name of a
        list covers the names before it (and "города Баку и Гянджа" the names after it)."""
        result = list(mentions)
        for index in range(len(result) - 1, -1, -1):
            mention = result[index]
            if mention.hint is None or mention.by_prefix:
                continue
            before = index - 1
            position = mention.start - 1
            while position >= 0 and before >= 0:
                if tokens[position] in _CONJUNCTIONS:
                    position -= 1
                elif result[before].end == position + 1 and result[before].hint is None:
                    previous = result[before]
                    result[before] = _Mention(previous.start, previous.end, previous.candidates, mention.hint)
                    position = previous.start - 1
                    before -= 1
                else:
                    break
        for index, mention in enumerate(result):
            if mention.hint is None or not mention.by_prefix:
                continue
            after = index + 1
            position = mention.end
            while position < len(tokens) and after < len(result):
                if tokens[position] in _CONJUNCTIONS:
                    position += 1
                elif result[after].start == position and result[after].hint is None:
                    following = result[after]
                    result[after] = _Mention(
                        following.start, following.end, following.candidates, mention.hint, by_prefix=True
                    )
                    position = following.end
                    after += 1
                else:
                    break
        return result

    @staticmethod
    def _choose(mention: _Mention) -> District:
        """Şəki city or Şəki district: the kind word decides; a bare name means the city."""
        candidates = mention.candidates
        if mention.hint is not None:
            for district in candidates:
                if district.kind == mention.hint:
                    return district
        for district in candidates:
            if district.kind == District.Kind.CITY:
                return district
        return candidates[0]

    def find_all(self, text: str) -> list[District]:
        """Every district the text names, in order of first mention.

        A name next to a kind word ("Ağdam rayonunda", "Агдамского района", "город Баку",
        "Fuzuli District") always counts; a bare name counts only when the whole text is names
        ("Ağdam", "Ağdam, Füzuli və Şuşa"), so "Füzuli poeziyası" names no district."""
        tokens = _tokens(text)
        mentions = self._mentions(tokens)
        covered = {position for mention in mentions for position in range(mention.start, mention.end)}
        only_names = all(
            position in covered or token in _FILLER or kind_of_word(token) is not None
            for position, token in enumerate(tokens)
        )
        found: list[District] = []
        for mention in mentions:
            if mention.hint is None and not only_names:
                continue
            district = self._choose(mention)
            if district not in found:
                found.append(district)
        return found

    def match(self, text: str) -> District | None:
        """The one district the text names ("Ağdam rayonunda", "Füzuli rayonunun", "Агдамский
        район", "г. Баку", "Khojaly District"), or None when it names none or several."""
        found = self.find_all(text)
        return found[0] if len(found) == 1 else None


def district_match(name: str) -> District | None:
    """Recognise one district in free text, reading the registry afresh (one query)."""
    return DistrictIndex.build().match(name)


def districts_in(text: str) -> list[District]:
    """Every district named in free text, reading the registry afresh (one query)."""
    return DistrictIndex.build().find_all(text)


def district_search(*, q: str) -> QuerySet[District]:
    """Districts whose names or other spellings hold `q`, case and letters folded, by name."""
    return (
        District.objects.filter(search_text__contains=fold(q))
        .defer("geometry")
        .order_by(by_label("name"), "pk")
    )
