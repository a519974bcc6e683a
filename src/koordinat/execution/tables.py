"""Execution's register tables (see core.tables)."""

from collections.abc import Iterable
from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import Column, Table, date_formatter, link, url_of_each
from koordinat.core.templatetags.koordinat import status_colour
from koordinat.core.text import shortened

from .models import Assignment, Report


def _tag(status: str, label: str) -> str:
    return f'<strong class="govuk-tag govuk-tag--{status_colour(status)}">{escape(label)}</strong>'


def my_reports_table(page: Page) -> Table[Report]:
    """My work's reports to file: returned first, then overdue, then by due date."""
    url = url_of_each("execution:report")
    day = date_formatter("DATE_FORMAT")
    lead, co = gettext("lead executor"), gettext("co-executor")
    overdue = f' <strong class="govuk-tag govuk-tag--red">{escape(gettext("overdue"))}</strong>'

    def status(report: Report) -> SafeString:
        late = overdue if getattr(report, "urgency", None) == 1 else ""
        return mark_safe(_tag(report.status, report.get_status_display()) + late)

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s report to file", "%(total)s reports to file", total) % {"total": total},
        columns=[
            Column(
                _("Item"),
                lambda report: mark_safe(
                    link(url(report.pk), f"{report.item.reference}. {shortened(report.item.text, 140)}")
                ),
            ),
            Column(_("Role"), lambda report: lead if report.is_lead else co),
            Column(_("Due"), lambda report: day(report.due_date)),
            Column(_("Status"), status),
        ],
        rows=page,
        empty=_("Nothing to file: every report asked for is with the controller or accepted."),
    )


def overdue_items_table(assignments: Iterable[Assignment], total: int) -> Table[Assignment]:
    """The items of an organisation past their control date and not yet executed."""
    url = url_of_each("execution:item")
    day = date_formatter("DATE_FORMAT")
    return Table(
        caption=ngettext(
            "%(total)s item past its control date", "%(total)s items past their control date", total
        )
        % {"total": total},
        columns=[
            Column(
                _("Item"),
                lambda assignment: mark_safe(
                    link(
                        url(assignment.item.pk),
                        f"{assignment.item.reference}. {shortened(assignment.item.text, 140)}",
                    )
                ),
            ),
            Column(
                _("Control date"),
                lambda assignment: day(assignment.item.control_date),
            ),
            Column(
                _("Execution status"),
                lambda assignment: mark_safe(
                    _tag(assignment.execution_status, assignment.get_execution_status_display())
                ),
            ),
        ],
        rows=assignments,
        empty=_("No item is past its control date."),
    )
