"""Execution's register tables (see core.tables)."""

import datetime
from collections.abc import Iterable
from html import escape

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import Column, Table, date_formatter, link, url_of_each
from koordinat.core.templatetags.koordinat import status_colour
from koordinat.core.text import shortened

from .models import Assignment, ExecutionStatus, Report
from .register import RegisterRow
from .status import StatusLine, item_status, lateness


def _tag(status: str, label: str) -> str:
    return f'<strong class="govuk-tag govuk-tag--{status_colour(status)}">{escape(label)}</strong>'


def _standing_columns(today: datetime.date) -> list[Column[Report]]:
    """A worklist's item's control date and lateness, by its status line (see execution.status)."""
    day = date_formatter("DATE_FORMAT")

    def late(report: Report) -> str:
        return lateness(item_status(report.item, today), report.item.control_date)

    return [
        Column(_("Control date"), lambda report: day(report.item.control_date) or "—"),
        Column(_("Lateness"), late),
    ]


def my_reports_table(page: Page, *, today: datetime.date, narrowed: bool = False) -> Table[Report]:
    """My work's reports to file: returned first, then overdue, then by due date."""
    url = url_of_each("execution:report")
    day = date_formatter("DATE_FORMAT")
    lead, co = gettext("lead executor"), gettext("co-executor")
    # the report's own lateness (its due date passed), told apart from the item's (its control date)
    overdue_text = escape(gettext("report overdue"))
    overdue = f' <strong class="govuk-tag govuk-tag--red">{overdue_text}</strong>'

    def status(report: Report) -> SafeString:
        late = overdue if getattr(report, "urgency", None) == 1 else ""
        return mark_safe(_tag(report.status, report.get_status_display()) + late)

    total = page.paginator.count
    if narrowed:
        caption = ngettext(
            "%(total)s report to file on the items these filters select",
            "%(total)s reports to file on the items these filters select",
            total,
        ) % {"total": total}
    else:
        caption = ngettext("%(total)s report to file", "%(total)s reports to file", total) % {"total": total}
    return Table(
        caption=caption,
        columns=[
            Column(
                _("Item"),
                lambda report: mark_safe(
                    link(url(report.pk), f"{report.item.reference}. {shortened(report.item.text, 140)}")
                ),
            ),
            Column(_("Role"), lambda report: lead if report.is_lead else co),
            Column(_("Report due"), lambda report: day(report.due_date)),
            *_standing_columns(today),
            Column(_("Status"), status),
        ],
        rows=page,
        empty=_("No report to file on the items these filters select.")
        if narrowed
        else _("Nothing to file: every report asked for is with the controller or accepted."),
    )


def review_table(page: Page, *, today: datetime.date, narrowed: bool = False) -> Table[Report]:
    """The review queue: submitted reports on the items the reader's organisation controls."""
    url = url_of_each("execution:report")
    day = date_formatter("DATE_FORMAT")
    co = gettext("co-executor")
    late_text = escape(gettext("late"))
    late = f' <strong class="govuk-tag govuk-tag--red">{late_text}</strong>'

    def executor(report: Report) -> str:
        name = report.organization.display_short_name
        return name if report.is_lead else f"{name} ({co})"

    def submitted(report: Report) -> SafeString:
        sent_late = (
            report.first_submitted_at is not None and report.first_submitted_at.date() > report.due_date
        )
        return mark_safe(escape(day(report.submitted_at)) + (late if sent_late else ""))

    def claimed(report: Report) -> SafeString:
        return mark_safe(
            _tag(report.claimed_status, report.get_claimed_status_display())
            + f" {escape(str(report.progress))}%"
        )

    total = page.paginator.count
    if narrowed:
        caption = ngettext(
            "%(total)s report to review on the items these filters select",
            "%(total)s reports to review on the items these filters select",
            total,
        ) % {"total": total}
    else:
        caption = ngettext("%(total)s report to review", "%(total)s reports to review", total) % {
            "total": total
        }
    return Table(
        caption=caption,
        columns=[
            Column(
                _("Item"),
                lambda report: mark_safe(
                    link(url(report.pk), f"{report.item.reference}. {shortened(report.item.text, 120)}")
                ),
            ),
            Column(_("Executor"), executor),
            Column(_("Submitted"), submitted),
            *_standing_columns(today),
            Column(_("Claimed status"), claimed),
        ],
        rows=page,
        empty=_("No report on the items these filters select is waiting for review.")
        if narrowed
        else _("No report is waiting for review."),
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


def register_table(page: Page, rows: list[RegisterRow]) -> Table[RegisterRow]:
    """The register of items under control: one status line per item (see execution.status)."""
    item_url, report_url = url_of_each("execution:item"), url_of_each("execution:report")
    day = date_formatter("DATE_FORMAT")
    execution_labels = dict(ExecutionStatus.choices)

    def last_report(row: RegisterRow) -> SafeString | str:
        report = row.last_report
        if report is None:
            return gettext("none yet")
        return mark_safe(
            link(report_url(report.pk), report.status_display) + f"<br>{escape(day(report.period_end))}"
        )

    total = page.paginator.count
    return Table(
        caption=ngettext("%(total)s item", "%(total)s items", total) % {"total": total},
        columns=[
            Column(
                _("Item"),
                lambda row: mark_safe(link(item_url(row.pk), f"{row.reference}. {shortened(row.text, 140)}")),
            ),
            Column(_("Executors"), lambda row: ", ".join(row.executors)),
            Column(_("Controller"), lambda row: row.controller),
            Column(_("Control date"), lambda row: day(row.control_date) or "—"),
            Column(_("Status"), lambda row: mark_safe(_line_tag(row.status))),
            Column(
                _("Lead executor's status"),
                lambda row: str(execution_labels.get(row.execution_status, "—")),
            ),
            Column(_("Last report"), last_report),
        ],
        rows=rows,
        empty=_("No item matches these filters."),
    )


def _line_tag(line: StatusLine) -> str:
    return f'<strong class="govuk-tag govuk-tag--{line.colour}">{escape(line.text)}</strong>'
