"""Every change to the registry: checked, atomic and written to the audit chain."""

from .bodies import BODY_FIELDS, body_create, body_update
from .organizations import (
    ORGANIZATION_FIELDS,
    organization_abolish,
    organization_create,
    organization_update,
    refuse_abolished,
)
from .people import PERSON_FIELDS, membership_add, membership_end, person_create, person_update

__all__ = [
    "BODY_FIELDS",
    "ORGANIZATION_FIELDS",
    "PERSON_FIELDS",
    "body_create",
    "body_update",
    "membership_add",
    "membership_end",
    "organization_abolish",
    "organization_create",
    "organization_update",
    "person_create",
    "person_update",
    "refuse_abolished",
]
