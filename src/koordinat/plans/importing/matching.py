"""Matching executor names in a plan cell to the registry: exact names first, then a scored fuzzy match.

Plans name organisations in full, short or abbreviated form and in grammatical cases
("Ekologiya və Təbii Sərvətlər Nazirliyinin", "Министерством экологии"), so words are compared by
their stems, and candidates are found through shared stems before they are scored.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from koordinat.core.text import fold
from koordinat.directory.models import Membership, Organization

MATCH_SCORE = 0.9
SUGGEST_SCORE = 0.6
STEM_LENGTH = 6
_STOP = {
    fold(word)  # folded like the names they are compared with ("й" folds to "и")
    for word in (
        "və",
        "и",
        "and",
        "of",
        "the",
        "по",
        "Respublikasının",
        "Respublikası",
        "Республики",
        "Республика",
        "Azərbaycan",
        "Азербайджанской",
        "Азербайджанская",
        "Azerbaijan",
        "Republic",
    )
}


def _stems(text: str) -> list[str]:
    return [word[:STEM_LENGTH] for word in re.findall(r"\w+", fold(text)) if word not in _STOP]


@dataclass(frozen=True)
class Candidate:
    organization_id: int
    name: str
    score: float


@dataclass
class ExecutorMatch:
    text: str
    organization_id: int | None
    score: float
    candidates: list[Candidate] = field(default_factory=list)
    # As the cell marks the executor (see `executors.read_executors`).
    lead: bool = False
    agreement: bool = False
    person: bool = False


class OrganizationIndex:
    """Every name of every active organisation, folded and stemmed; built once per import."""

    def __init__(
        self,
        organizations: Iterable[Organization],
        languages: Iterable[str] = ("az", "ru", "en"),
        posts: Callable[[], Iterable[tuple[Any, ...]]] | None = None,
    ) -> None:
        """`posts` gives each current post as (organisation id, then surname, first name and
        patronymic in each of `languages`), read only if a plan names a person."""
        languages = tuple(languages)
        self.exact: dict[str, int] = {}
        self.labels: dict[int, str] = {}
        self.variants: dict[int, list[str]] = defaultdict(list)
        self.by_stem: dict[str, set[int]] = defaultdict(set)
        for organization in organizations:
            self.labels[organization.pk] = organization.name
            for language in languages:
                for attribute in ("name", "short_name", "abbreviation"):
                    value = getattr(organization, f"{attribute}_{language}", "") or ""
                    if not value:
                        continue
                    self.exact.setdefault(fold(value), organization.pk)
                    stems = " ".join(_stems(value))
                    if stems:
                        self.variants[organization.pk].append(stems)
                    for stem in stems.split():
                        self.by_stem[stem].add(organization.pk)
        self._cache: dict[str, ExecutorMatch] = {}
        self._languages = languages
        self._posts = posts
        self._people: dict[tuple[str, str], list[tuple[str, int]]] | None = None

    @property
    def people(self) -> dict[tuple[str, str], list[tuple[str, int]]]:
        """(surname, first initial) → (patronymic initial, organisation id) of each current post.
        Built on the first person a plan names: most plans name none, and a national directory holds
        tens of thousands of posts."""
        if self._people is None:
            self._people = defaultdict(list)
            for organization_id, *names in self._posts() if self._posts else ():
                if organization_id not in self.labels:
                    continue
                for index in range(len(self._languages)):  # "Əliyev", "Алиев", "Aliyev"
                    surname, first, patronymic = (name or "" for name in names[3 * index : 3 * index + 3])
                    if surname and first:
                        self._people[(fold(surname), fold(first[:1]))].append(
                            (fold(patronymic[:1]), organization_id)
                        )
        return self._people

    @classmethod
    def build(cls) -> "OrganizationIndex":
        languages = ("az", "ru", "en")

        def current_posts() -> Iterator[tuple[Any, ...]]:
            """Each current post with its holder's names, language by language, as plain rows."""
            columns = [
                f"person__{name}_{language}"
                for language in languages
                for name in ("last_name", "first_name", "patronymic")
            ]
            return (
                Membership.objects.current()
                .values_list("organization_id", *columns)
                .iterator(chunk_size=5000)
            )

        return cls(
            Organization.objects.filter(abolished_on__isnull=True).order_by("pk"),
            languages=languages,
            posts=current_posts,
        )

    def match_person(self, text: str) -> ExecutorMatch:
        """A person named by surname and initials ("Ə.Əliyev", "Иванов И.И.") stands for the
        organisation they hold a post in now; when the directory has no such person, or several
        posts fit, the name is left for the coordinator to resolve like an unknown organisation."""
        words = re.findall(r"\w+", text)
        initials = [fold(word) for word in words if len(word) == 1]
        surnames = [fold(word) for word in words if len(word) > 1]
        if len(surnames) != 1 or not initials:
            return ExecutorMatch(text, None, 0.0)
        posts = {
            organization_id
            for patronymic, organization_id in self.people.get((surnames[0], initials[0]), [])
            if len(initials) < 2 or not patronymic or patronymic == initials[1]
        }
        if len(posts) == 1:
            return ExecutorMatch(text, posts.pop(), 1.0, person=True)
        return ExecutorMatch(text, None, 0.0, person=True)

    def match(self, text: str) -> ExecutorMatch:
        folded = fold(text)
        if folded in self._cache:
            return self._cache[folded]
        result = ExecutorMatch(text, self.exact[folded], 1.0) if folded in self.exact else self._fuzzy(text)
        self._cache[folded] = result
        return result

    def _fuzzy(self, text: str) -> ExecutorMatch:
        stems = _stems(text)
        wanted = " ".join(stems)
        pool: set[int] = set()
        for stem in stems:
            pool |= self.by_stem.get(stem, set())
        scored = []
        for organization_id in pool:
            score = max(
                SequenceMatcher(None, wanted, variant).ratio() for variant in self.variants[organization_id]
            )
            if score >= SUGGEST_SCORE:
                scored.append(Candidate(organization_id, self.labels[organization_id], round(score, 3)))
        scored.sort(key=lambda candidate: (-candidate.score, candidate.organization_id))
        best = scored[0] if scored else None
        if best and best.score >= MATCH_SCORE and (len(scored) == 1 or scored[1].score < best.score):
            return ExecutorMatch(text, best.organization_id, best.score, scored[:5])
        return ExecutorMatch(text, None, best.score if best else 0.0, scored[:5])
