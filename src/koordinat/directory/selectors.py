"""Reads of the registry; every one starts from `visible_to(user)`."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from koordinat.accounts.models import User
from koordinat.core.collation import by_label
from koordinat.core.rows import Rows, first_filled, label_columns
from koordinat.core.text import fold

from .models import Body, Membership, Organization, Person


@dataclass(frozen=True)
class OrganizationFilters:
    q: str = ""
    kind: str = ""
    status: str = ""  # "", "active" or "abolished"
    body: Body | None = None
    parent: Organization | None = None


def organization_list(*, user: User, filters: OrganizationFilters) -> QuerySet[Organization]:
    qs = Organization.objects.visible_to(user).select_related("parent")
    if filters.q:
        qs = qs.filter(search_text__contains=fold(filters.q))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status == "active":
        qs = qs.filter(abolished_on__isnull=True)
    elif filters.status == "abolished":
        qs = qs.filter(abolished_on__isnull=False)
    if filters.body is not None:
        qs = qs.filter(bodies=filters.body)
    if filters.parent is not None:
        qs = qs.filter(parent=filters.parent)
    return qs.order_by(*by_short_name())


@dataclass(frozen=True, slots=True)
class OrganizationRow:
    """One line of the organisation register, its texts already in the page's language."""

    pk: int
    name: str
    short_name: str
    abbreviation: str
    kind: str
    abolished_on: datetime.date | None
    parent_name: str  # its short name, "" for a top-level organisation

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name


def organization_register(*, user: User, filters: OrganizationFilters) -> Rows[OrganizationRow]:
    """The organisation list's rows, read as values: only the columns the register shows, each
    text in the page's language."""
    name, short_name, abbreviation = (
        label_columns("name"),
        label_columns("short_name"),
        label_columns("abbreviation"),
    )
    parent_short_name, parent_name = label_columns("parent__short_name"), label_columns("parent__name")

    def row(values: Mapping[str, Any]) -> OrganizationRow:
        return OrganizationRow(
            pk=values["pk"],
            name=first_filled(values[column] for column in name),
            short_name=first_filled(values[column] for column in short_name),
            abbreviation=first_filled(values[column] for column in abbreviation),
            kind=values["kind"],
            abolished_on=values["abolished_on"],
            parent_name=first_filled(values[column] for column in parent_short_name)
            or first_filled(values[column] for column in parent_name),
        )

    return Rows(
        organization_list(user=user, filters=filters),
        columns=[
            "pk",
            "kind",
            "abolished_on",
            *name,
            *short_name,
            *abbreviation,
            *parent_short_name,
            *parent_name,
        ],
        row=row,
    )


def by_short_name() -> list[Any]:
    """Order by the short name people use ("Ministry of Ecology"), not the official prefix
    ("Azərbaycan Respublikasının ...") that most full names share."""
    return [by_label("short_name", "name"), "pk"]


def by_person_name(prefix: str = "") -> list[Any]:
    """People by last name, then first name, in the page's alphabet."""
    return [by_label("last_name", prefix=prefix), by_label("first_name", prefix=prefix)]


def by_name() -> list[Any]:
    """Bodies (or anything with a translated `name`) by name in the page's alphabet."""
    return [by_label("name"), "pk"]


def organization_get(*, user: User, pk: int) -> Organization:
    return Organization.objects.visible_to(user).select_related("parent", "successor").get(pk=pk)


def organization_children(*, user: User, organization: Organization) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user).filter(parent=organization).order_by(*by_short_name())


def organization_memberships(*, user: User, organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.visible_to(user)
        .filter(organization=organization)
        .current()
        .select_related("person")
        .order_by(*by_person_name("person__"), "pk")
    )


def organization_bodies(*, user: User, organization: Organization) -> QuerySet[Body]:
    return Body.objects.visible_to(user).filter(member_organizations=organization).order_by(*by_name())


def organization_scope(user: User | AnonymousUser) -> set[int]:
    """The organisation the user acts for and its sub-units: what "their own" means in every rule;
    kept on the user object for the rest of the request."""
    cached: set[int] | None = getattr(user, "_organization_scope", None)
    if cached is None:
        organization_id = getattr(user, "organization_id", None)
        cached = organization_subtree_ids(root_id=organization_id) if organization_id else set()
        user._organization_scope = cached  # type: ignore[union-attr]  # a per-request cache kept on the user object
    return cached


def organization_subtree_ids(*, root_id: int) -> set[int]:
    """The organisation and all its sub-units, one query per level of depth."""
    found = {root_id}
    frontier = {root_id}
    while frontier:
        frontier = (
            set(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return found


def organization_options(*, user: User) -> QuerySet[Organization]:
    """Organisations offered in choice lists: active ones only, short names first."""
    return Organization.objects.visible_to(user).active().order_by(*by_short_name())


def person_list(*, user: User, q: str = "") -> QuerySet[Person]:
    qs = Person.objects.visible_to(user)
    if q:
        qs = qs.filter(search_text__contains=fold(q))
    current = Membership.objects.current().select_related("organization").order_by("-start_date", "pk")
    return qs.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    ).order_by(*by_person_name(), "pk")


# Pickers: at most this many matches are offered for what was typed, so a search for "a" among
# twenty thousand people answers as fast as one for a full name.
PICK_LIMIT = 20
PICK_QUERY_LENGTH = 100


def matching(queryset: QuerySet[Any], q: str) -> QuerySet[Any]:
    """Rows whose folded `search_text` holds every word typed, whatever their letters: "seher" finds
    "Şəhər", "agdam" "Ağdam", "ильхам" "Ильхам"; nothing when nothing was typed."""
    words = fold(q[:PICK_QUERY_LENGTH]).split()
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def people_matching(queryset: QuerySet[Person], *, q: str, limit: int = PICK_LIMIT) -> list[Person]:
    """The first `limit` people of `queryset` whose names hold what was typed, with their current
    positions for telling namesakes apart: two queries however many match."""
    current = Membership.objects.current().select_related("organization").order_by("-start_date", "pk")
    return list(
        matching(queryset, q)
        .prefetch_related(None)  # a list's own prefetches give way to the positions
        .prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_memberships"))
        .order_by(*by_person_name(), "pk")[:limit]
    )


def person_search(*, user: User, q: str, limit: int = PICK_LIMIT) -> list[Person]:
    """People a signed-in user may pick whose names hold what was typed (the people picker's search)."""
    return people_matching(Person.objects.visible_to(user), q=q, limit=limit)


def person_position(person: Person) -> str:
    """ "Head of department, Ministry of Energy": the person's first current position, for a picker."""
    memberships = getattr(person, "current_memberships", [])
    if not memberships:
        return ""
    membership = memberships[0]
    return ", ".join(
        part for part in (membership.position, membership.organization.display_short_name) if part
    )


def organization_search(*, user: User, q: str, limit: int = PICK_LIMIT) -> QuerySet[Organization]:
    """Active organisations whose names, short names or abbreviations hold what was typed: one query."""
    return matching(Organization.objects.visible_to(user).active(), q).order_by(*by_short_name())[:limit]


def person_get(*, user: User, pk: int) -> Person:
    return Person.objects.visible_to(user).get(pk=pk)


def person_memberships(*, user: User, person: Person) -> QuerySet[Membership]:
    return (
        Membership.objects.visible_to(user)
        .filter(person=person)
        .select_related("organization")
        .order_by("-start_date", "-pk")
    )


def membership_get(*, user: User, pk: int) -> Membership:
    return Membership.objects.visible_to(user).select_related("person", "organization").get(pk=pk)


def person_bodies(*, user: User, person: Person) -> QuerySet[Body]:
    return (
        Body.objects.visible_to(user)
        .filter(Q(members=person) | Q(chair=person) | Q(secretary=person))
        .distinct()
        .order_by(*by_name())
    )


def body_list(*, user: User, q: str = "", kind: str = "", parent: Body | None = None) -> QuerySet[Body]:
    qs = Body.objects.visible_to(user).select_related("parent", "chair")
    if q:
        qs = qs.filter(search_text__contains=fold(q))
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.annotate(
        organization_count=Count("member_organizations", distinct=True),
        child_count=Count("children", distinct=True),
    ).order_by("parent_id", *by_name())


# The cache of the bodies' labels a filter offers (core.rows.cached_option_pairs); the directory's
# app drops it whenever a body is saved or deleted.
BODY_CHOICES = "directory.bodies"


def body_options(*, user: User | AnonymousUser) -> QuerySet[Body]:
    """Bodies offered in choice lists: no counts or joins, just what the option label needs."""
    return Body.objects.visible_to(user).only("name").order_by(*by_name())


def body_get(*, user: User, pk: int) -> Body:
    return Body.objects.visible_to(user).select_related("parent", "chair", "secretary", "advises").get(pk=pk)


def body_member_organizations(*, user: User, body: Body) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user).filter(bodies=body).order_by(*by_short_name())


def body_members(*, user: User, body: Body) -> QuerySet[Person]:
    current = Membership.objects.current().select_related("organization").order_by("-start_date", "pk")
    return (
        Person.objects.visible_to(user)
        .filter(bodies=body)
        .prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_memberships"))
        .order_by(*by_person_name(), "pk")
    )


def body_children(*, user: User, body: Body) -> QuerySet[Body]:
    return (
        Body.objects.visible_to(user)
        .filter(parent=body)
        .select_related("chair")
        .annotate(organization_count=Count("member_organizations", distinct=True))
        .order_by(*by_name())
    )


@dataclass(frozen=True)
class DirectoryCounts:
    organizations: int
    bodies: int
    people: int


def directory_counts(*, user: User) -> DirectoryCounts:
    """What the directory's landing page counts: the registers the reader may see, one query each."""
    return DirectoryCounts(
        organizations=Organization.objects.visible_to(user).count(),
        bodies=Body.objects.visible_to(user).count(),
        people=Person.objects.visible_to(user).count(),
    )


def public_organization_get(*, pk: int, among: QuerySet[Any]) -> Organization:
    """An organisation the public may look up: one of `among` (ids an app above vouches for as public,
    such as the executors of published plans). Its name, kind and parent only: pages for the public
    show no people and no contact details."""
    return Organization.objects.filter(pk__in=among).select_related("parent").get(pk=pk)


def public_organization_search(*, q: str, among: QuerySet[Any], limit: int = 50) -> QuerySet[Organization]:
    """Organisations of `among` whose names hold `q`, case and letters folded, in the page's alphabet."""
    return Organization.objects.filter(pk__in=among, search_text__contains=fold(q)).order_by(
        *by_short_name()
    )[:limit]


def public_organizations(*, among: QuerySet[Any]) -> QuerySet[Organization]:
    """The organisations of `among` (ids an app above vouches for as public), by short name: names,
    kind and parent only, as `public_organization_get`."""
    return Organization.objects.filter(pk__in=among).order_by(*by_short_name())


def public_bodies() -> QuerySet[Body]:
    """Collegial bodies marked public, with their member organisations: never their people (chair,
    secretary, members), whom the public pages do not show."""
    members = Organization.objects.order_by(*by_short_name())
    return (
        Body.objects.filter(is_public=True)
        .prefetch_related(Prefetch("member_organizations", queryset=members))
        .order_by(*by_name())
    )


def public_council_get(*, pk: int, among: QuerySet[Any]) -> Body:
    """A public council the public may look up: one of `among` (ids an app above vouches for, such as
    councils with a published event). Its names, area and the authority it advises: no people."""
    return (
        Body.objects.filter(pk__in=among, kind=Body.Kind.PUBLIC_COUNCIL).select_related("advises").get(pk=pk)
    )


def public_council_members(*, body: Body) -> QuerySet[Organization]:
    """A public council's member organisations (civil-society organisations), names only."""
    return Organization.objects.filter(bodies=body).order_by(*by_short_name())
