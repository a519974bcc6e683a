"""The notifications page's table (see core.tables): a person's notices, each readable and markable."""

from html import escape
from typing import Any

from django.core.paginator import Page
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import Column, Table, date_formatter, url_of_each
from koordinat.core.text import capfirst

from . import targets
from .kinds import Kind
from .models import render


def notification_table(page: Page, *, language: str, back: str, csrf_token: str) -> Table[dict[str, Any]]:
    """The rows are the selector's values; the page's language is active."""
    when = date_formatter("DATETIME_FORMAT")
    read_url = url_of_each("notifications:read")
    kinds = {kind.value: escape(capfirst(str(kind.label))) for kind in Kind}
    escalation = f' <strong class="govuk-tag govuk-tag--red">{escape(gettext("escalation"))}</strong>'
    read, unread = escape(gettext("read")), escape(gettext("unread"))
    mark = escape(gettext("Mark as read"))
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        f'<input type="hidden" name="next" value="{escape(back)}">'
    )

    texts = {row["pk"]: escape(render(row["kind"], row["params"], language)) for row in page}

    def kind(row: dict[str, Any]) -> SafeString:
        return SafeString(
            kinds.get(row["kind"], escape(row["kind"])) + (escalation if row["is_escalation"] else "")
        )

    def text(row: dict[str, Any]) -> SafeString:
        words = texts[row["pk"]]
        if row["read_at"] is None:
            words = f"<strong>{words}</strong>"
        href = escape(targets.in_language(row["target"], language))
        return SafeString(f'<a class="govuk-link" href="{href}">{words}</a>')

    def status(row: dict[str, Any]) -> SafeString:
        if row["read_at"] is not None:
            return SafeString(read)
        return SafeString(
            f'<strong class="govuk-tag">{unread}</strong>'
            f'<form method="post" action="{read_url(row["pk"])}">{hidden}'
            f'<button type="submit" class="kd-link-button">{mark}'
            f'<span class="govuk-visually-hidden">: {texts[row["pk"]]}</span></button></form>'
        )

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s notification", "%(total)s notifications", total) % {"total": total},
        columns=[
            Column(_("Written"), lambda row: when(row["created_at"])),
            Column(_("Kind"), kind),
            Column(_("Notification"), text),
            Column(_("Status"), status),
        ],
        rows=page,
        empty=_("No notifications."),
    )
