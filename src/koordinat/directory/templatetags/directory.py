"""Directory pieces shown on many rows, written in Python: a template include per row cost a long
list a tenth of its time."""

from typing import Any

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def organization_status(organization: Any) -> SafeString:
    """ "Active", or "Abolished <date>", as a tag."""
    if organization.abolished_on:
        label = _("Abolished %(date)s") % {
            "date": formats.date_format(organization.abolished_on, "DATE_FORMAT")
        }
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', label)
    return format_html('<strong class="govuk-tag govuk-tag--green">{}</strong>', _("Active"))
