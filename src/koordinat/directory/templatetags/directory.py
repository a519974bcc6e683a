"""Directory pieces shown on many rows, written in Python: a template include per row cost a long
list a tenth of its time."""

from collections.abc import Callable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from koordinat.core.tables import date_formatter

register = template.Library()


def organization_statuses() -> Callable[[Any], SafeString]:
    """`organization_status` for a whole register: "Active" and the date format translated once,
    not once a row."""
    active = mark_safe(f'<strong class="govuk-tag govuk-tag--green">{escape(_("Active"))}</strong>')
    day = date_formatter("DATE_FORMAT")

    def status(organization: Any) -> SafeString:
        if organization.abolished_on:
            label = _("Abolished %(date)s") % {"date": day(organization.abolished_on)}
            return mark_safe(f'<strong class="govuk-tag govuk-tag--grey">{escape(label)}</strong>')
        return active

    return status


@register.simple_tag
def organization_status(organization: Any) -> SafeString:
    """ "Active", or "Abolished <date>", as a tag."""
    return organization_statuses()(organization)
