"""Organisations, posts and memberships of public bodies in Popolo JSON
(https://www.popoloproject.com/specs/): the organisations executing measures of published plans, the
public collegial bodies and the public councils of the Dialogue Platform (classified "public_council"),
each body's one post of "member organisation" and a membership for each member organisation. No person: the portal names no one (no chair, secretary or member, no staff),
so neither does this file, and no contact detail."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from koordinat.core.tables import url_of_each
from koordinat.directory import selectors as directory_selectors
from koordinat.events import selectors as event_selectors
from koordinat.portal import selectors as portal_selectors

from .registry import cell

SCHEME = "koordinat"


def organization_id(pk: int) -> str:
    return f"organization/{pk}"


def body_id(pk: int) -> str:
    return f"body/{pk}"


def _organization(organization: Any, links: list[dict[str, str]]) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": organization_id(organization.pk),
        "name": organization.name,
        "classification": organization.kind,
        "identifiers": [{"scheme": SCHEME, "identifier": str(organization.pk)}],
    }
    names = [name for name in (organization.short_name, organization.abbreviation) if name]
    if names:
        described["other_names"] = [{"name": name} for name in names]
    if organization.abolished_on:
        described["dissolution_date"] = cell(organization.abolished_on)
    if links:
        described["links"] = links
    return described


def document(*, absolute: Any, as_of: Any) -> dict[str, Any]:
    url = url_of_each("portal:organization")
    executing = {
        organization.pk: organization
        for organization in directory_selectors.public_organizations(
            among=portal_selectors.public_organization_ids()
        )
    }
    organizations = [
        _organization(each, [{"url": absolute(url(pk)), "note": _("Public portal")}])
        for pk, each in executing.items()
    ]
    posts, memberships, members_seen = [], [], set(executing)
    bodies = list(directory_selectors.public_bodies())
    shown = {body.pk for body in bodies}
    # public councils the portal shows for their published events, though not marked public bodies
    bodies += [council for council in event_selectors.public_councils() if council.pk not in shown]
    for body in bodies:
        organizations.append(
            {
                "id": body_id(body.pk),
                "name": body.name,
                "classification": body.kind,
                "identifiers": [{"scheme": f"{SCHEME}-body", "identifier": str(body.pk)}],
            }
        )
        post = f"{body_id(body.pk)}/member-organisation"
        posts.append(
            {
                "id": post,
                "label": _("Member organisation of %(body)s") % {"body": body.name},
                "role": "member",
                "organization_id": body_id(body.pk),
            }
        )
        for member in body.member_organizations.all():
            if member.pk not in members_seen:
                members_seen.add(member.pk)
                organizations.append(_organization(member, []))
            memberships.append(
                {
                    "id": f"{post}/{organization_id(member.pk)}",
                    "role": "member",
                    "member": {"@type": "Organization", "id": organization_id(member.pk)},
                    "organization_id": body_id(body.pk),
                    "post_id": post,
                }
            )
    return {
        "meta": {
            "title": _("Organisations and public bodies of the Koordinat public portal"),
            "as_of": cell(as_of),
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "source": absolute(reverse("portal:home")),
        },
        "persons": [],
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
    }
