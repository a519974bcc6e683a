"""Matching executor names in a plan cell to the registry: exact names first, then a scored fuzzy match.

Plans name organisations in full, short or abbreviated form and in grammatical cases
("Ekologiya və Təbii Sərvətlər Nazirliyinin", "Министерством экологии"), so words are compared by
their stems, and candidates are found through shared stems before they are scored.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Prefetch

from koordinat.core.text import fold
from koordinat.directory.models import Membership, Organization, Person

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
        people: Iterable[Person] = (),
    ) -> None:
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
        # (surname, first initial) → (patronymic initial, organisation id) of each current post
        self.people: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        languages = tuple(languages)
        for person in people:
            posts = [
                membership.organization_id
                for membership in person.current_memberships  # type: ignore[attr-defined]
                if membership.organization_id in self.labels
            ]
            for language in languages:  # "Əliyev", "Алиев", "Aliyev": as each language writes the name
                surname, first, patronymic = (
                    getattr(person, f"{name}_{language}", "") or ""
                    for name in ("last_name", "first_name", "patronymic")
                )
                if surname and first:
                    for organization_id in posts:
                        self.people[(fold(surname), fold(first[:1]))].append(
                            (fold(patronymic[:1]), organization_id)
                        )

    @classmethod
    def build(cls) -> "OrganizationIndex":
        people = Person.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.current(), to_attr="current_memberships")
        )
        return cls(Organization.objects.filter(abolished_on__isnull=True).order_by("pk"), people=people)

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
