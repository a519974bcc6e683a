"""The data tables the dashboards and the comparison page draw (and download), built from their
selectors' figures: every count cell carries the register link of its items."""

import datetime

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from .comparison import BY_BODY, Compared, Counts
from .dashboards import Dashboard, Figure, Timeliness
from .periods import Period
from .tables import Cell, DataTable, Row, rate


def _cell(figure: Figure | None) -> Cell:
    return Cell(figure.value, figure.url) if figure else Cell(None)


def dashboard_tables(board: Dashboard, *, today: datetime.date) -> dict[str, DataTable]:
    """The dashboard's tables by name: status (charted), trend (charted), comparison, latest."""
    tables = {
        "status": DataTable(
            key="status",
            caption=_("Items by control status"),
            headers=[_("Control status"), _("Items")],
            rows=[Row(figure.label, [_cell(figure)]) for figure in board.by_status],
            chart="bar",
            series=[1],
        ),
        "trend": DataTable(
            key="trend",
            caption=_("Trend by quarter, %(year)s") % {"year": board.period.year},
            headers=_TIMELINESS_HEADERS(),
            rows=[Row(each.period.label, _timeliness_cells(each)) for each in board.trend],
            chart="bar",
            series=[2, 3],
            stacked=True,
        ),
        "comparison": DataTable(
            key="comparison",
            caption=_("%(quarter)s compared with the quarter before and a year before")
            % {"quarter": board.comparison[0].period.label},
            headers=[_("Figure"), *(each.period.label for each in board.comparison)],
            rows=_comparison_rows(board.comparison),
        ),
        "latest": DataTable(
            key="latest",
            caption=_("Latest reports from executors"),
            headers=[_("Sent"), _("Organisation"), _("Item"), _("Report"), _("Status")],
            rows=[
                Row(
                    formats.date_format(report.submitted_at, "SHORT_DATETIME_FORMAT"),
                    [
                        Cell(report.organization),
                        Cell(report.reference, reverse("execution:item", args=[report.item_id])),
                        Cell(
                            _("lead executor's report") if report.is_lead else _("co-executor's input"),
                            reverse("execution:report", args=[report.pk]),
                        ),
                        Cell(report.status_display),
                    ],
                )
                for report in board.latest
            ],
        ),
    }
    if board.plans:
        tables["plans"] = DataTable(
            key="plans",
            caption=_("Plans"),
            headers=[_("Plan"), _("All items"), _("Overdue now"), _("Due in the next 30 days")],
            rows=[
                Row(
                    f"{row.code} — {row.title}",
                    [_cell(row.total), _cell(row.overdue), _cell(row.due_soon)],
                    url=reverse("analytics:dashboard_plan", args=[row.code]),
                )
                for row in board.plans
            ],
        )
    return tables


def _TIMELINESS_HEADERS() -> list[str]:
    return [
        _("Quarter"),
        _("Completions due"),
        _("Completed on time"),
        _("Not completed on time"),
        _("On-time completion"),
        _("Reports due"),
        _("Reports on time"),
        _("Reports late or not sent"),
        _("On-time submission"),
    ]


def _timeliness_cells(each: Timeliness) -> list[Cell]:
    if not each.begun:
        return [Cell(None)] * 8
    return [
        _cell(each.completions_due),
        _cell(each.completed_on_time),
        _cell(each.completed_late),
        rate(each.completed_on_time.value, each.completions_due.value),
        Cell(each.reports_due, each.report_items_due.url if each.report_items_due else ""),
        Cell(each.reports_on_time, each.report_items_on_time.url if each.report_items_on_time else ""),
        Cell(each.reports_late, each.report_items_late.url if each.report_items_late else ""),
        rate(each.reports_on_time, each.reports_due),
    ]


def _comparison_rows(compared: list[Timeliness]) -> list[Row]:
    columns = [_timeliness_cells(each) for each in compared]
    return [
        Row(header, [cells[index] for cells in columns])
        for index, header in enumerate(_TIMELINESS_HEADERS()[1:])
    ]


def comparison_tables(rows: list[Compared], compared: list[Period], *, by: str) -> list[DataTable]:
    """Two tables, completions and reports: per row, each quarter's due, on time and share."""
    headers = [_("Area") if by == BY_BODY else _("Organisation")]
    for period in compared:
        headers += [
            _("%(period)s: due") % {"period": period.label},
            _("%(period)s: on time") % {"period": period.label},
            _("%(period)s: share on time") % {"period": period.label},
        ]

    def cells(counts: list[Counts]) -> list[Cell]:
        found: list[Cell] = []
        for each in counts:
            found += [
                Cell(each.due, each.due_url),
                Cell(each.on_time, each.on_time_url),
                rate(each.on_time, each.due),
            ]
        return found

    return [
        DataTable(
            key="completions",
            caption=_("Completion by the control date"),
            headers=headers,
            rows=[Row(row.name, cells(row.completions), url=row.url) for row in rows],
        ),
        DataTable(
            key="reports",
            caption=_("Reports sent on time"),
            headers=headers,
            rows=[Row(row.name, cells(row.reports), url=row.url) for row in rows],
        ),
    ]
