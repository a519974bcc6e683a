"""The meeting register's table (see core.tables)."""

from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import Column, Table, date_formatter, hint, link, url_of_each
from koordinat.core.templatetags.koordinat import status_colour

from .selectors import MeetingRow


def meeting_table(page: Page) -> Table[MeetingRow]:
    url = url_of_each("meetings:meeting")
    when = date_formatter("DATETIME_FORMAT")

    def meeting(row: MeetingRow) -> SafeString:
        number = gettext("No. %(number)s") % {"number": row.number}
        return mark_safe(link(url(row.pk), row.title) + hint(f"{row.body_name} · {number}"))

    def status(row: MeetingRow) -> SafeString:
        return mark_safe(
            f'<strong class="govuk-tag govuk-tag--{status_colour(row.status)}">{escape(row.get_status_display())}</strong>'
        )

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s meeting", "%(total)s meetings", total) % {"total": total},
        columns=[
            Column(_("When"), lambda row: when(row.starts_at)),
            Column(_("Meeting"), meeting),
            Column(_("Status"), status),
            Column(_("Minutes"), lambda row: row.get_minutes_status_display() or "—"),
            Column(_("Instructions"), lambda row: row.instruction_count, numeric=True),
        ],
        rows=page,
        empty=_("No meeting matches."),
    )
