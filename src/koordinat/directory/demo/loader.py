"""Loads the demo registry (data.json) through the same services the pages use.

Idempotent: objects are found by their Azerbaijani name (organisations under their parent,
bodies) or e-mail (people, users) and created only when missing, so running it twice changes
nothing and every created object has its audit event.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from koordinat.accounts.models import Role, User
from koordinat.core.demo import DEMO_PASSWORD, LoadResult

from .. import services
from ..models import Body, Organization, Person

DATA_FILE = Path(__file__).with_name("data.json")
DEMO_LOGINS = ["admin", "coordinator", "secretary", "executor", "head", "observer"]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _administrator(data: dict[str, Any]) -> User:
    admin_person = next(person for person in data["people"] if person["key"] == "admin")
    user = User.objects.filter(email=admin_person["email"]).first()
    if user is None:
        user = User.objects.create_superuser(admin_person["email"], DEMO_PASSWORD)
    return user


@transaction.atomic
def load(path: Path = DATA_FILE) -> LoadResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    result = LoadResult(created={"organizations": 0, "people": 0, "bodies": 0, "users": 0})
    actor = _administrator(data)
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: 120 separate hashes take half a minute

    organizations: dict[str, Organization] = {}
    pending = list(data["organizations"])
    while pending:  # parents before children, whatever the file order
        ready = [item for item in pending if item["parent"] is None or item["parent"] in organizations]
        if not ready:
            raise ValueError(f"Unresolvable parents: {[item['key'] for item in pending]}")
        for item in ready:
            parent = organizations.get(item["parent"]) if item["parent"] else None
            existing = Organization.objects.filter(parent=parent, name_az=item["name"]["az"]).first()
            if existing is None:
                existing = services.organization_create(
                    actor=actor,
                    kind=item["kind"],
                    name=item["name"],
                    short_name=item.get("short_name"),
                    abbreviation=item.get("abbreviation"),
                    parent=parent,
                    country=item.get("country", "AZ"),
                )
                result.created["organizations"] += 1
            organizations[item["key"]] = existing
            pending.remove(item)

    people: dict[str, Person] = {}
    for item in data["people"]:
        person = Person.objects.filter(email=item["email"]).first()
        if person is None:
            first, *others = item["memberships"]
            person = services.person_create(
                actor=actor,
                last_name=item["last_name"],
                first_name=item["first_name"],
                patronymic=item.get("patronymic"),
                email=item["email"],
                phone=item.get("phone", ""),
                organization=organizations[first["organization"]],
                position=first["position"],
                start_date=_date(first.get("start")),
            )
            for membership in others:
                services.membership_add(
                    actor=actor,
                    person=person,
                    organization=organizations[membership["organization"]],
                    position=membership["position"],
                    start_date=_date(membership.get("start")),
                )
            result.created["people"] += 1
        people[item["key"]] = person
        if item.get("role"):
            organization = organizations[item["memberships"][0]["organization"]]
            user = User.objects.filter(email=item["email"]).first()
            if user is None:
                user = User.objects.create_user(item["email"], role=item["role"])
                user.password = password_hash
                result.created["users"] += 1
            if user.person_id is None or user.organization_id is None:
                user.person, user.organization = person, organization
                if item["role"] == Role.ADMINISTRATOR:
                    user.is_staff = True
                user.save()
            if item["key"] in DEMO_LOGINS:
                result.logins.append((item["key"], item["email"], item["role"]))

    bodies: dict[str, Body] = {}
    pending = list(data["bodies"])
    while pending:
        ready = [item for item in pending if item["parent"] is None or item["parent"] in bodies]
        if not ready:
            raise ValueError(f"Unresolvable parent bodies: {[item['key'] for item in pending]}")
        for item in ready:
            body = Body.objects.filter(name_az=item["name"]["az"]).first()
            if body is None:
                body = services.body_create(
                    actor=actor,
                    kind=item["kind"],
                    name=item["name"],
                    area=item.get("area"),
                    parent=bodies.get(item["parent"]) if item["parent"] else None,
                    chair=people.get(item.get("chair") or ""),
                    secretary=people.get(item.get("secretary") or ""),
                    member_organizations=[organizations[key] for key in item["member_organizations"]],
                    members=[people[key] for key in item["members"]],
                    is_public=item.get("is_public", False),
                    advises=organizations.get(item.get("advises") or ""),
                )
                result.created["bodies"] += 1
            bodies[item["key"]] = body
            pending.remove(item)
    result.logins.sort(key=lambda login: DEMO_LOGINS.index(login[0]))
    return result
