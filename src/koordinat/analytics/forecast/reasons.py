"""A score's reasons in words, in the reader's language, from the keys and numbers kept with it."""

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _late_share(params: dict[str, Any]) -> str:
    return ngettext(
        "the lead executor sent %(late)d of its last %(count)d report late",
        "the lead executor sent %(late)d of its last %(count)d reports late",
        params["count"],
    ) % {"late": params["late"], "count": params["count"]}


def _progress(params: dict[str, Any]) -> str:
    if not params["reported"]:
        return _("no progress reported yet, with %(left)d %% of the time left") % {"left": params["left"]}
    return _("%(progress)d %% progress with %(left)d %% of the time left") % {
        "progress": params["progress"],
        "left": params["left"],
    }


def _lead_report(params: dict[str, Any]) -> str:
    if not params["due"]:
        return _("the lead executor's last report is not sent")
    due = formats.date_format(datetime.date.fromisoformat(params["due"]), "DATE_FORMAT")
    return _("the lead executor has not sent its report due %(date)s") % {"date": due}


def _co_inputs(params: dict[str, Any]) -> str:
    return ngettext(
        "the input of %(count)d co-executor is missing",
        "the inputs of %(count)d co-executors are missing",
        params["count"],
    ) % {"count": params["count"]}


def _moves(params: dict[str, Any]) -> str:
    return ngettext(
        "the control date was moved %(count)d time already",
        "the control date was moved %(count)d times already",
        params["count"],
    ) % {"count": params["count"]}


def _requests(params: dict[str, Any]) -> str:
    return ngettext(
        "%(count)d request for more time not granted",
        "%(count)d requests for more time not granted",
        params["count"],
    ) % {"count": params["count"]}


def _returned(params: dict[str, Any]) -> str:
    return ngettext(
        "%(count)d report returned for rework",
        "%(count)d reports returned for rework",
        params["count"],
    ) % {"count": params["count"]}


def _days(params: dict[str, Any]) -> str:
    return ngettext(
        "%(days)d day left to the control date",
        "%(days)d days left to the control date",
        params["days"],
    ) % {"days": params["days"]}


def _instruction(params: dict[str, Any]) -> str:
    return _("an instruction from a meeting")


def _co_executors(params: dict[str, Any]) -> str:
    return ngettext(
        "shared with %(count)d co-executor",
        "shared with %(count)d co-executors",
        params["count"],
    ) % {"count": params["count"]}


WORDS: dict[str, Callable[[dict[str, Any]], str]] = {
    "lead_late_share": _late_share,
    "progress_behind": _progress,
    "lead_report_missing": _lead_report,
    "co_inputs_missing": _co_inputs,
    "date_moves": _moves,
    "extensions_not_granted": _requests,
    "returned_reports": _returned,
    "days_to_control": _days,
    "is_instruction": _instruction,
    "co_executors": _co_executors,
}


def words(reasons: list[dict[str, Any]]) -> list[str]:
    """Each kept reason as a phrase in the active language (a key a newer model dropped is skipped)."""
    return [WORDS[reason["key"]](reason["params"]) for reason in reasons if reason["key"] in WORDS]


def percent(probability: float) -> str:
    """The chance as a whole percentage, written as the language writes it."""
    return _("%(percent)d %%") % {"percent": round(100 * probability)}
