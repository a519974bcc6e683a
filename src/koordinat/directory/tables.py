"""The directory's register tables (see core.tables)."""

from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koordinat.core.rows import choice_labels
from koordinat.core.tables import Column, Table, hint, link, url_of_each
from koordinat.core.text import capfirst

from .models import Organization
from .selectors import OrganizationRow
from .templatetags.directory import organization_statuses


def organization_table(page: Page) -> Table[OrganizationRow]:
    url = url_of_each("directory:organization")
    kinds = {value: capfirst(label) for value, label in choice_labels(Organization.Kind).items()}

    def name(row: OrganizationRow) -> SafeString:
        abbreviation = f" ({escape(row.abbreviation)})" if row.abbreviation else ""
        full_name = hint(row.name) if row.short_name else ""
        return SafeString(f"{link(url(row.pk), row.display_short_name)}{abbreviation}{full_name}")

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s organisation", "%(total)s organisations", total) % {"total": total},
        columns=[
            Column(_("Name"), name),
            Column(_("Kind"), lambda row: kinds[row.kind]),
            Column(_("Part of"), lambda row: row.parent_name),
            Column(_("Status"), organization_statuses()),
        ],
        rows=page,
        empty=_("No organisations match these filters."),
    )
