"""A meeting's agenda: its questions, what was discussed and decided."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Person
from koordinat.plans.models import Measure, Plan

from .. import permissions
from ..models import AgendaItem, Instruction, Meeting, Minutes


def _editable_minutes(meeting: Meeting) -> None:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and not minutes.is_editable:
        raise ValidationError(
            _("The minutes of this meeting are %(status)s; the agenda and decisions can no longer change.")
            % {"status": minutes.get_status_display()}
        )


def agenda_item_save(
    *,
    actor: User,
    meeting: Meeting,
    title: Texts,
    item: AgendaItem | None = None,
    speakers: Sequence[Person] = (),
    measures: Sequence[Measure] = (),
    plans: Sequence[Plan] = (),
    instructions: Sequence[Instruction] = (),
    discussion: Texts | None = None,
    decision: Texts | None = None,
) -> AgendaItem:
    """Add a question to the agenda, or change one: its speakers, links, what was discussed and decided."""
    audit.require(permissions.can_manage_meeting, actor, meeting, action="agenda.save", record=meeting)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        _editable_minutes(meeting)
        if item is None:
            position = (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1
            item = AgendaItem(meeting=meeting, position=position)
        assign_texts(item, "title", title)
        assign_texts(item, "discussion", discussion or texts_of(item, "discussion"))
        assign_texts(item, "decision", decision or texts_of(item, "decision"))
        item.full_clean()
        item.save()
        item.speakers.set(speakers)
        item.measures.set(measures)
        item.plans.set(plans)
        item.instructions.set(instructions)
        audit.record(
            actor=actor,
            action="agenda.save",
            target=meeting,
            data={
                "agenda_item": item.position,
                "title": texts_of(item, "title"),
                "measures": sorted(measure.pk for measure in measures),
            },
        )
    return item
