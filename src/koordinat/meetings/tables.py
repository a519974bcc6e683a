"""The meeting register's table (see core.tables)."""

from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.rows import choice_labels
from koordinat.core.tables import Column, Table, date_formatter, hint, link, url_of_each
from koordinat.core.templatetags.koordinat import status_colour

from .models import Meeting, Minutes
from .selectors import MeetingRow


def meeting_table(page: Page) -> Table[MeetingRow]:
    url = url_of_each("meetings:meeting")
    when = date_formatter("DATETIME_FORMAT")
    numbered = gettext("No. %(number)s")
    statuses = {
        value: SafeString(
            f'<strong class="govuk-tag govuk-tag--{status_colour(value)}">{escape(label)}</strong>'
        )
        for value, label in choice_labels(Meeting.Status).items()
    }
    minutes = choice_labels(Minutes.Status)

    def meeting(row: MeetingRow) -> SafeString:
        number = numbered % {"number": row.number}
        return SafeString(link(url(row.pk), row.title) + hint(f"{row.body_name} · {number}"))

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s meeting", "%(total)s meetings", total) % {"total": total},
        columns=[
            Column(_("When"), lambda row: when(row.starts_at)),
            Column(_("Meeting"), meeting),
            Column(_("Status"), lambda row: statuses[row.status]),
            Column(_("Minutes"), lambda row: minutes[row.minutes_status] if row.minutes_status else "—"),
            Column(_("Instructions"), lambda row: row.instruction_count, numeric=True),
        ],
        rows=page,
        empty=_("No meeting matches."),
    )
