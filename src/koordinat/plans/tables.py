"""The plan page's table of measures (see core.tables)."""

from html import escape
from typing import Any

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import Column, Table, link, url_of_each
from koordinat.core.text import shortened

from .models import Plan
from .selectors import MeasureRow


def measure_table(plan: Plan, page: Page, *, signed_in: bool) -> Table[MeasureRow]:
    """A page of the plan's items in outline order: each with its executors, lead first (set by
    `selectors.with_executor_names`), its period and, for a signed-in reader, where it stands under control."""
    url = url_of_each("plans:measure", plan.code)
    by_agreement = escape(gettext("by agreement"))
    needs_date_text = escape(gettext("needs a control date"))
    needs_date = mark_safe(f'<strong class="govuk-tag govuk-tag--orange">{needs_date_text}</strong>')

    def text(measure: MeasureRow) -> SafeString:
        return mark_safe(link(url(measure.number), shortened(measure.text, 240)))

    def executors(measure: MeasureRow) -> SafeString:
        parts = []
        for index, (name, agreed) in enumerate(measure.executor_names):
            parts.append(f"<strong>{escape(name)}</strong>" if index == 0 else f"<br>{escape(name)}")
            if agreed:
                parts.append(f" ({by_agreement})")
        if measure.other_executors:
            parts.append(f"<br>{escape(measure.other_executors)}")
        return mark_safe("".join(parts))

    def control(measure: Any) -> SafeString | str:
        """The item's status line, set by execution on the rows of a signed-in reader's page."""
        line = getattr(measure, "control_line", None)
        if line is not None:
            return mark_safe(
                f'<strong class="govuk-tag govuk-tag--{line.colour}">{escape(line.text)}</strong>'
            )
        return needs_date if getattr(measure, "control_date_needed", False) else ""

    def period(measure: MeasureRow) -> SafeString:
        shown = measure.deadline_shown
        return mark_safe(shown.html if shown else "")

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s item", "%(total)s items", total) % {"total": total},
        caption_size="s",
        columns=[
            Column(_("No."), lambda measure: measure.number, row_header=True),
            Column(_("Measure"), text, classes=lambda measure: f"govuk-!-padding-left-{measure.depth * 2}"),
            Column(_("Executors"), executors),
            Column(_("Execution period"), period),
            *([Column(_("Control"), control)] if signed_in else []),
        ],
        rows=page,
        empty=_("No measures match these filters."),
        row_classes=lambda measure: "" if measure.executor_names else "kd-section-row",
    )
