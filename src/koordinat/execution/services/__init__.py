"""Every step of execution control: checked, atomic, audited on the item's timeline.

Each event is recorded with the item as its target (and the report or extension in its data), so
the item's page reads its whole life from the audit chain, and a refused attempt is kept there too.
"""

from .cycles import (
    CO_EXECUTOR_DAYS_BEFORE,
    cycle_close,
    cycle_open,
    instructions_under_control,
    open_scheduled_cycles,
)
from .evidence import (
    MAX_EVIDENCE_BYTES_DEFAULT,
    MAX_EVIDENCE_UNPACKED_BYTES_DEFAULT,
    evidence_add,
    evidence_remove,
    max_evidence_bytes,
    max_evidence_unpacked_bytes,
    purge_unheld_evidence_files,
)
from .extensions import extension_decide, extension_request
from .filters import saved_filter_create, saved_filter_remove
from .items import (
    control_items_sync,
    item_assign_controller_person,
    item_cancel,
    item_remove_from_control,
    item_set_control_date,
    record_overdue_items,
)
from .publication import measure_publication_save, measure_publication_withdraw
from .reports import report_head_decide, report_review, report_save, report_submit

__all__ = [
    "CO_EXECUTOR_DAYS_BEFORE",
    "MAX_EVIDENCE_BYTES_DEFAULT",
    "MAX_EVIDENCE_UNPACKED_BYTES_DEFAULT",
    "control_items_sync",
    "cycle_close",
    "cycle_open",
    "evidence_add",
    "evidence_remove",
    "extension_decide",
    "extension_request",
    "instructions_under_control",
    "item_assign_controller_person",
    "item_cancel",
    "item_remove_from_control",
    "item_set_control_date",
    "max_evidence_bytes",
    "max_evidence_unpacked_bytes",
    "measure_publication_save",
    "measure_publication_withdraw",
    "open_scheduled_cycles",
    "purge_unheld_evidence_files",
    "record_overdue_items",
    "report_head_decide",
    "report_review",
    "report_save",
    "report_submit",
    "saved_filter_create",
    "saved_filter_remove",
]
