"""The public plan page's table of measures, written in Python like the office's registers (core.tables)."""

from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString
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

    missing: dict[tuple[str, ...], SafeString] = {}

    def summary(entry: PublicEntry) -> SafeString:
        """The summary in the page's language; else which languages it is in, written once for each
        set of them on the page."""
        if language in entry.summaries:
            return public_summary_html(entry, short=True, language=language)
        languages = tuple(entry.summaries)
        notice = missing.get(languages)
        if notice is None:
            notice = missing[languages] = public_summary_html(entry, short=True, language=language)
        return notice

    def text(measure: MeasureRow) -> SafeString:
        entry = entries.get(measure.pk)
        return SafeString(
            link(url(measure.number), shortened(measure.text, 300)) + (summary(entry) if entry else "")
        )

    names: dict[str, str] = {}  # each organisation's name escaped once: a page names few, many times

    def executors(measure: MeasureRow) -> SafeString:
        parts = []
        for index, (name, agreed) in enumerate(measure.executor_names):
            shown = names.get(name)
            if shown is None:
                shown = names[name] = escape(name)
            parts.append(shown if index == 0 else f"; {shown}")
            if agreed:
                parts.append(f" ({by_agreement})")
        if not parts and measure.other_executors:
            parts.append(escape(measure.other_executors))
        return SafeString("".join(parts) or "—")

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
            html = periods[key] = SafeString(shown.html if shown else "—")
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
