"""What an execution period was read as, in words, and whether its item needs a control date set by hand.

An item under control needs a control date unless it is reported on every cycle. It needs one set by
its controller ("needs a control date") when none can be read from its period:
- the period is unreadable, or ambiguous (`Deadline.needs_review`);
- no period is written at all;
- the period is relative and its end cannot be computed: it counts from the act's entry into force or
  from an event named in the text, whose dates Koordinat does not know. A period counted from the
  plan's approval ends that long after the date of the plan's approving act, and needs none.
Continuous and recurring items ("mütəmadi", "hər il") are reported on every cycle and are never
flagged; nor are sections (items without executors), which are not put under control.
"""

import datetime
import re
from calendar import monthrange

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

UNDATED_KINDS = frozenset({"continuous", "recurring"})  # reported on every cycle: no single due date


def needs_control_date(*, kind: str, end: datetime.date | None, anchor: str | None) -> bool:
    """Whether no control date can be read from a period (see the module's docstring); `kind` is ""
    when no period is written."""
    if kind in UNDATED_KINDS or end is not None:
        return False
    return not (kind == "relative" and anchor == "approval")


def relative_end(offset: str | None, since: datetime.date) -> datetime.date | None:
    """The day a period "within 6 months" (`P6M`) counted from `since` ends; a month later than the
    31st ends on the last day of the shorter month."""
    match = re.fullmatch(r"P([0-9]+)([DWMY])", offset or "")
    if not match:
        return None
    count, unit = int(match.group(1)), match.group(2)
    if unit in "DW":
        return since + datetime.timedelta(days=count * (7 if unit == "W" else 1))
    months = since.month - 1 + count * (12 if unit == "Y" else 1)
    year, month = since.year + months // 12, months % 12 + 1
    if year > datetime.MAXYEAR:
        return None
    return datetime.date(year, month, min(since.day, monthrange(year, month)[1]))


def _duration(offset: str | None) -> str:
    match = re.fullmatch(r"P([0-9]+)([DWMY])", offset or "")
    if not match:
        return ""
    count = int(match.group(1))
    words = {
        "D": ngettext("%(count)d day", "%(count)d days", count),
        "W": ngettext("%(count)d week", "%(count)d weeks", count),
        "M": ngettext("%(count)d month", "%(count)d months", count),
        "Y": ngettext("%(count)d year", "%(count)d years", count),
    }
    return words[match.group(2)] % {"count": count}


def rule_words(*, kind: str, recurrence: str | None, anchor: str | None) -> str:
    """How a period without one due date was read ("every year, by 1 March"), in words."""
    if kind == "continuous":
        return _("continuous, with no single due date")
    if kind == "relative":
        anchors = {
            "approval": _("counted from the approval of the plan"),
            "entry_into_force": _("counted from the entry into force of the act"),
        }
        return anchors.get(anchor or "", _("counted from the event named in the text"))
    if kind != "recurring":
        return ""
    unit, _sep, due = (recurrence or "").partition(":")
    every = {
        "yearly": _("every year"),
        "half_yearly": _("every half-year"),
        "quarterly": _("every quarter"),
        "monthly": _("every month"),
        "as_needed": _("as needed"),
    }.get(unit, unit)
    if due.startswith("+"):
        return _("%(every)s, within %(days)s days after each period") % {"every": every, "days": due[1:]}
    if due:
        month, day = (int(part) for part in due.split("-"))
        return _("%(every)s, by %(day)s") % {
            "every": every,
            "day": formats.date_format(datetime.date(2000, month, day), "j E"),
        }
    return every


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _dates(start: datetime.date | None, end: datetime.date) -> str:
    if start is None:
        return _("by %(date)s") % {"date": _day(end)}
    if start == end:
        return _day(end)
    return f"{_day(start)} – {_day(end)}"


def reading(
    *,
    kind: str,
    start: datetime.date | None,
    end: datetime.date | None,
    recurrence: str | None,
    offset: str | None,
    anchor: str | None,
) -> str:
    """The dates (or the rule) a readable period was read as, in the active language: "1 Oct 2026 –
    31 Dec 2026", "by 30 June 2026", "every year, by 1 March", "6 months after the approval of the plan"."""
    if kind == "relative" and end is None:
        if anchor == "approval":
            return _("%(duration)s after the approval of the plan") % {"duration": _duration(offset)}
        return rule_words(kind=kind, recurrence=recurrence, anchor=anchor)
    if kind in UNDATED_KINDS:
        bounds = f" ({_dates(start, end)})" if end else ""
        return rule_words(kind=kind, recurrence=recurrence, anchor=anchor) + bounds
    return _dates(start, end) if end else ""
