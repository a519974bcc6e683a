"""What the plans' recorded actions are called in change histories (see core.history), and an
execution period shown as the page's language reads it."""

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from koordinat.core import history

from . import periods
from .deadlines import parse_deadline


def _period(text: str) -> SafeString | str:
    """A period as it was written then, read again (without the plan's dates, which have since moved
    on), shown as the pages show periods: in the page's language, the wording one click away."""
    deadline = parse_deadline(str(text))
    shown = periods.shown(
        text=deadline.text,
        kind=deadline.kind.value,
        start=deadline.start,
        end=deadline.end,
        recurrence=deadline.recurrence,
        offset=deadline.offset,
        anchor=deadline.anchor,
    )
    return shown.html if shown else ""


def register() -> None:
    history.register("legal_act.create", _("Legal act registered"))
    history.register("plan.create", _("Plan registered"))
    history.register("plan.update", _("Plan changed"))
    history.register("plan.publish", _("Plan published on the portal"))
    history.register("plan.unpublish", _("Plan withdrawn from the portal"))
    history.register("plan.import_upload", _("File uploaded for import"))
    history.register("plan.import_purge", _("File uploaded for import and never imported deleted"))
    history.register("plan.import_languages", _("Languages of the imported file chosen"))
    history.register("plan.import", _("Imported from a file"))
    history.register("measure.create", _("Measure added"))
    history.register("measure.update", _("Measure changed"))
    history.register("measure.import", _("Measure imported from a file"))
    history.register("indicator.create", _("Indicator added"), model="plans.Indicator")
    history.register("indicator.update", _("Indicator changed"), model="plans.Indicator")
    history.register("indicator.delete", _("Indicator deleted"), model="plans.Indicator")
    history.register_value("plans.Measure", "deadline_text", _period)
