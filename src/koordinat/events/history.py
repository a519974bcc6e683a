"""What the events' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("event.create", _("Event created"))
    history.register("event.update", _("Event changed"))
    history.register("event.publish", _("Event published on the portal"))
    history.register("event.unpublish", _("Event withdrawn from the portal"))
    history.register("event.agenda_add", _("Agenda item added to the event"))
    history.register("event.agenda_remove", _("Agenda item removed from the event"))
    history.register("event.outcome", _("Event's outcome recorded"))
    history.register("event.proposal_add", _("Proposal added to the event's outcome"))
    history.register("event.proposal_remove", _("Proposal removed from the event's outcome"))
    history.register("registration.create", _("Registration for an event received"))
    history.register("registration.confirm", _("Registration for an event confirmed"))
