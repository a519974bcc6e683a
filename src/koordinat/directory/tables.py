"""The directory's register tables (see core.tables)."""

from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koordinat.core.tables import Column, Table, url_of_each

from .selectors import OrganizationRow
from .templatetags.directory import organization_status


def organization_table(page: Page) -> Table[OrganizationRow]:
    url = url_of_each("directory:organization")
    hint = '<br><span class="govuk-hint govuk-!-font-size-14 govuk-!-margin-bottom-0">'

    def name(row: OrganizationRow) -> SafeString:
        abbreviation = f" ({escape(row.abbreviation)})" if row.abbreviation else ""
        full_name = f"{hint}{escape(row.name)}</span>" if row.short_name else ""
        return mark_safe(
            f'<a class="govuk-link" href="{url(row.pk)}">{escape(row.display_short_name)}</a>{abbreviation}{full_name}'
        )

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s organisation", "%(total)s organisations", total) % {"total": total},
        columns=[
            Column(_("Name"), name),
            Column(_("Kind"), lambda row: capfirst(row.get_kind_display())),
            Column(_("Part of"), lambda row: row.parent_name),
            Column(_("Status"), organization_status),
        ],
        rows=page,
        empty=_("No organisations match these filters."),
    )
