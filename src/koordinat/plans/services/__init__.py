"""Every change to plans and measures: checked, atomic, audited."""

from .imports import (
    MEASURE_IMPORT_FIELDS,
    NEW_MEASURE_COLUMNS,
    ImportResult,
    plan_import_commit,
    plan_import_into,
)
from .imports import _fill_measure as _fill_measure  # the tests check how a row is written
from .indicators import IndicatorContent, indicator_create, indicator_delete, indicator_update
from .measures import DEADLINE_FIELDS, MeasureContent, apply_deadline, measure_create, measure_update
from .plans import (
    PLAN_FIELDS,
    RESERVED_CODES,
    STATUS_STEPS,
    STATUSES_NEEDING_ACT,
    Party,
    legal_act_create,
    plan_create,
    plan_update,
)
from .publication import plan_publish, plan_unpublish
from .uploads import (
    pending_import_preview,
    plan_import_finish,
    plan_import_languages,
    plan_import_start,
    purge_abandoned_imports,
)

__all__ = [
    "DEADLINE_FIELDS",
    "MEASURE_IMPORT_FIELDS",
    "NEW_MEASURE_COLUMNS",
    "PLAN_FIELDS",
    "RESERVED_CODES",
    "STATUSES_NEEDING_ACT",
    "STATUS_STEPS",
    "ImportResult",
    "IndicatorContent",
    "MeasureContent",
    "Party",
    "apply_deadline",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "legal_act_create",
    "measure_create",
    "measure_update",
    "pending_import_preview",
    "plan_create",
    "plan_import_commit",
    "plan_import_finish",
    "plan_import_into",
    "plan_import_languages",
    "plan_import_start",
    "plan_publish",
    "plan_unpublish",
    "plan_update",
    "purge_abandoned_imports",
]
