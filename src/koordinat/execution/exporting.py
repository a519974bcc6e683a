"""The register of items under control as an XLSX workbook: the rows and columns the page shows."""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from koordinat.core.spreadsheets import xlsx_row

from .models import ExecutionStatus
from .register import RegisterRow

# More rows than this are refused: narrow the filters (a workbook of every item is the open-data export's job).
MAX_ROWS = 20000


def register_xlsx(rows: Iterable[RegisterRow]) -> bytes:
    """One sheet, headed in the page's language; dates are dates, days overdue a number."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Items under control")[:31])
    headers = [
        _("Plan"),
        _("Number"),
        _("Item"),
        _("Executors"),
        _("Controller"),
        _("Control date"),
        _("Control status"),
        _("Status"),
        _("Days overdue"),
        _("Lead executor's status"),
        _("Last report"),
        _("Last report's period until"),
    ]
    sheet.append(xlsx_row(sheet, headers, font=Font(bold=True)))
    labels = dict(ExecutionStatus.choices)
    for row in rows:
        report = row.last_report
        sheet.append(
            xlsx_row(
                sheet,
                [
                    row.plan_code,
                    row.reference if row.instruction_id else row.number,
                    row.text,
                    ", ".join(row.executors),
                    row.controller,
                    row.control_date,
                    row.control_status_display,
                    row.status.text,
                    row.status.days_overdue or None,
                    str(labels.get(row.execution_status, "")),
                    report.status_display if report else "",
                    report.period_end if report else None,
                ],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
