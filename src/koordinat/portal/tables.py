"""The public plan page's table of measures, written in Python like the office's registers (core.tables)."""

from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import Column, Table, link, url_of_each
from koordinat.core.text import shortened
from koordinat.execution.selectors import PublicEntry
from koordinat.plans.models import Plan
from koordinat.plans.selectors import MeasureRow

from .templatetags.portal import public_summary_html, status_tags


def public_measure_table(plan: Plan, page: Page, entries: dict[int, PublicEntry]) -> Table[MeasureRow]:
    """A page of a published plan's measures in outline order: executors, period, public status and the
    summary in the page's language (or which languages it is in)."""
    url = url_of_each("portal:measure", plan.code)
    by_agreement = escape(gettext("by agreement"))
    tags = status_tags()
    language = (get_language() or "az").split("-")[0]

    def text(measure: MeasureRow) -> SafeString:
        entry = entries.get(measure.pk)
        summary = public_summary_html(entry, short=True, language=language) if entry else ""
        return mark_safe(link(url(measure.number), shortened(measure.text, 300)) + summary)

    def executors(measure: MeasureRow) -> SafeString:
        parts = []
        for index, (name, agreed) in enumerate(measure.executor_names):
            parts.append(escape(name) if index == 0 else f"; {escape(name)}")
            if agreed:
                parts.append(f" ({by_agreement})")
        if not parts and measure.other_executors:
            parts.append(escape(measure.other_executors))
        return mark_safe("".join(parts) or "—")

    periods: dict[tuple[object, ...], SafeString] = {}

    def period(measure: MeasureRow) -> SafeString:
        """Drawn once per distinct period on the page: a plan's items mostly share a few."""
        key = (
            measure.deadline_text,
            measure.deadline_kind,
            measure.deadline_start,
            measure.deadline_end,
            measure.deadline_recurrence,
            measure.deadline_offset,
            measure.deadline_anchor,
        )
        html = periods.get(key)
        if html is None:
            shown = measure.deadline_shown
            html = periods[key] = mark_safe(shown.html if shown else "—")
        return html

    def status(measure: MeasureRow) -> SafeString:
        return tags[entry.status if (entry := entries.get(measure.pk)) else None]

    def cells(measure: MeasureRow) -> str:
        """The row as the columns below write it, in one string: a page is two hundred rows."""
        return (
            f'<th scope="row" class="govuk-table__header">{escape(measure.number)}</th>'
            f'<td class="govuk-table__cell">{text(measure)}</td>'
            f'<td class="govuk-table__cell">{executors(measure)}</td>'
            f'<td class="govuk-table__cell">{period(measure)}</td>'
            f'<td class="govuk-table__cell">{status(measure)}</td>'
        )

    total = page.paginator.count
    return Table(
        caption=ngettext("%(count)s measure", "Measures: %(count)s", total) % {"count": total},
        caption_size="m",
        columns=[
            Column(_("No."), lambda measure: measure.number, row_header=True),
            Column(_("Measure"), text),
            Column(_("Executors"), executors),
            Column(_("Execution period"), period),
            Column(_("Public status"), status),
        ],
        rows=page,
        empty=_("The plan has no measures yet."),
        cells=cells,
    )
