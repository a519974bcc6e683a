"""Instructions: written into minutes, or registered from a legal act or a letter."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.core.translation import Texts, assign_texts, in_each_language, texts_of
from koordinat.directory.models import Organization
from koordinat.directory.services import refuse_abolished
from koordinat.execution import services as execution_services
from koordinat.plans.models import LegalAct, Measure, Plan

from .. import permissions
from ..models import AgendaItem, Instruction, InstructionExecutor, Minutes
from ._common import _day


def _instruction_rules(
    *, executors: Sequence[Organization], control_date: datetime.date | None, not_before: datetime.date | None
) -> datetime.date:
    """Refuse an instruction without executors or control date, or due before it was given."""
    errors: dict[str, str] = {}
    if not executors:
        errors["executors"] = _("Name at least one executor: the first one leads.")
    if control_date is None:
        errors["control_date"] = _("Give the control date.")
    elif not_before is not None and control_date < not_before:
        errors["control_date"] = _("The control date %(date)s is before the meeting (%(meeting)s).") % {
            "date": formats.date_format(control_date),
            "meeting": formats.date_format(not_before),
        }
    if len({organization.pk for organization in executors}) != len(executors):
        errors["executors"] = _("Each executor is named once.")
    if errors:
        raise ValidationError(errors)
    for organization in executors:
        refuse_abolished(organization, "executors")
    assert control_date is not None  # refused above
    return control_date


def _save_executors(instruction: Instruction, executors: Sequence[Organization]) -> None:
    instruction.executors.all().delete()
    InstructionExecutor.objects.bulk_create(
        InstructionExecutor(
            instruction=instruction,
            organization=organization,
            role=InstructionExecutor.Role.LEAD if position == 0 else InstructionExecutor.Role.CO,
            position=position,
        )
        for position, organization in enumerate(executors)
    )


def _instruction_fields(instruction: Instruction) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": instruction.number,
        "control_date": instruction.control_date,
        "controller_id": instruction.controller_id,
        "executors": list(
            instruction.executors.order_by("position").values_list("organization_id", flat=True)
        ),
    }
    data.update({f"text_{code}": value for code, value in texts_of(instruction, "text").items()})
    return data


@dates_in_range
def instruction_save(
    *,
    actor: User,
    minutes: Minutes,
    number: str,
    text: Texts,
    control_date: datetime.date | None,
    controller: Organization,
    executors: Sequence[Organization],
    instruction: Instruction | None = None,
    version: int | None = None,
    agenda_item: AgendaItem | None = None,
    measures: Sequence[Measure] = (),
    plans: Sequence[Plan] = (),
) -> Instruction:
    """Write an instruction into minutes still being drafted; it goes under control when they are approved."""
    meeting = minutes.meeting
    audit.require(permissions.can_manage_meeting, actor, meeting, action="instruction.save", record=meeting)
    with transaction.atomic():
        current_minutes: Minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if not current_minutes.is_editable:
            raise ValidationError(
                _("The minutes are %(status)s; their instructions can no longer change.")
                % {"status": current_minutes.get_status_display()}
            )
        due = _instruction_rules(
            executors=executors, control_date=control_date, not_before=_day(meeting.starts_at)
        )
        number = number.strip()
        taken = Instruction.objects.filter(minutes=current_minutes, number=number)
        if instruction is not None:
            taken = taken.exclude(pk=instruction.pk)
        if not number or taken.exists():
            raise ValidationError(
                {
                    "number": _("Give each instruction its own number in the minutes, e.g. 3.2.")
                    if not number
                    else _("The minutes already have an instruction %(number)s.") % {"number": number}
                }
            )
        if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
            raise ValidationError({"agenda_item": _("That question is on another meeting's agenda.")})
        if instruction is None:
            current = Instruction(source=Instruction.Source.MINUTES, minutes=current_minutes)
            before: dict[str, Any] = {}
        else:
            current = lock_version(instruction, version or 0)
            before = _instruction_fields(current)
            current.version += 1
        current.number, current.control_date, current.controller = number, due, controller
        current.agenda_item = agenda_item
        assign_texts(current, "text", text)
        current.full_clean()
        current.save()
        _save_executors(current, executors)
        current.measures.set(measures)
        current.plans.set(plans)
        audit.record(
            actor=actor,
            action="instruction.save",
            target=meeting,
            data={"instruction": current.pk, "changes": audit.diff(before, _instruction_fields(current))},
        )
    return current


@dates_in_range
def instruction_register(
    *,
    actor: User,
    number: str,
    text: Texts,
    control_date: datetime.date | None,
    controller: Organization,
    executors: Sequence[Organization],
    legal_act: LegalAct | None = None,
    letter_reference: str = "",
    measures: Sequence[Measure] = (),
    plans: Sequence[Plan] = (),
) -> Instruction:
    """An instruction given by a legal act or a letter goes under control as soon as it is registered."""
    audit.require(
        permissions.can_register_instruction, actor, None, action="instruction.register", record=None
    )
    if (legal_act is None) == (not letter_reference.strip()):
        raise ValidationError(
            {"legal_act": _("Name the legal act or the letter that gives the instruction, one of the two.")}
        )
    today = clock.today()
    with transaction.atomic():
        due = _instruction_rules(executors=executors, control_date=control_date, not_before=today)
        if not number.strip():
            raise ValidationError({"number": _("Give the instruction's number in its act or letter.")})
        instruction = Instruction(
            source=Instruction.Source.LEGAL_ACT if legal_act else Instruction.Source.LETTER,
            legal_act=legal_act,
            letter_reference=letter_reference.strip(),
            number=number.strip(),
            control_date=due,
            controller=controller,
        )
        assign_texts(instruction, "text", text)
        instruction.full_clean()
        instruction.save()
        _save_executors(instruction, executors)
        instruction.measures.set(measures)
        instruction.plans.set(plans)
        execution_services.instructions_under_control(
            actor=actor,
            instructions=[instruction],
            body=None,
            opened_on=today,
            note=in_each_language(lambda: instruction.reference),
        )
        audit.record(
            actor=actor,
            action="instruction.register",
            target=instruction,
            data=_instruction_fields(instruction),
        )
    return instruction
