"""What the meetings' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("meeting.create", _("Meeting scheduled"))
    history.register("meeting.update", _("Meeting changed"))
    history.register("meeting_series.create", _("Series of meetings scheduled"))
    history.register("meeting.invite", _("Invitations sent"))
    history.register("meeting.held", _("Meeting held"))
    history.register("meeting.cancel", _("Meeting cancelled"))
    history.register("agenda.save", _("Agenda item saved"))
    history.register("minutes.start", _("Minutes started"))
    history.register("minutes.circulate", _("Minutes sent to members for comments"))
    history.register("minutes.comment", _("Comment on the minutes"))
    history.register("minutes.approve", _("Minutes approved"))
    history.register("minutes.publish", _("Minutes published"))
    history.register(
        "instruction.save", _("Instruction written into the minutes"), model="meetings.Instruction"
    )
    history.register("instruction.register", _("Instruction registered"))
