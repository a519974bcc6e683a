"""Meetings part of the scale data: meetings of every body with agendas, approved minutes and
instructions under control (`--meetings N --instructions M`)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from koordinat.core.scale import ScaleContext
from koordinat.directory.models import Body, Person
from koordinat.execution.models import Assignment, ControlItem
from koordinat.plans.models import Measure

from .models import AgendaItem, Instruction, InstructionExecutor, Meeting, Minutes, Participant

QUESTIONS = [
    (
        "Tədbirlərin icra vəziyyəti haqqında",
        "О ходе исполнения мероприятий",
        "On the progress of the measures",
    ),
    ("İş qrafiklərinin nəzərdən keçirilməsi", "Рассмотрение графиков работ", "Review of the work schedules"),
]
TEXTS = [
    (
        "İşləri sürətləndirmək və məlumat vermək",
        "Ускорить работы и проинформировать",
        "Speed up the work and report",
    ),
    ("Monitorinq keçirmək", "Провести мониторинг", "Carry out monitoring"),
]


def generate(context: ScaleContext) -> None:
    wanted, instructions_wanted = context.counts.get("meetings", 0), context.counts.get("instructions", 0)
    organizations = context.made.get("organizations", [])
    if not wanted or not organizations:
        return
    rng, size = context.rng, context.batch_size
    zone = ZoneInfo(settings.TIME_ZONE)
    bodies = list(Body.objects.order_by("pk"))
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    measures = list(
        Measure.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)[:20000]
    )
    start = datetime.datetime(2024, 1, 15, 11, tzinfo=zone)
    numbers: dict[int, int] = {}
    meetings = []
    for index in range(wanted):
        body = bodies[index % len(bodies)]
        numbers[body.pk] = numbers.get(body.pk, 0) + 1
        when = start + datetime.timedelta(days=index * 1000 // max(1, wanted), hours=index % 5)
        meetings.append(
            Meeting(
                body=body,
                number=numbers[body.pk],
                title=f"İclas №{numbers[body.pk]}",
                title_az=f"İclas №{numbers[body.pk]}",
                title_ru=f"Заседание №{numbers[body.pk]}",
                title_en=f"Meeting No. {numbers[body.pk]}",
                starts_at=when,
                status=Meeting.Status.HELD,
                chair_id=body.chair_id,
                secretary_id=body.secretary_id,
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=size)
    Participant.objects.bulk_create(
        (
            Participant(meeting=meeting, person_id=people[(index * 7 + k) % len(people)], present=True)
            for index, meeting in enumerate(meetings)
            for k in range(3)
        ),
        batch_size=size,
    )
    agenda = AgendaItem.objects.bulk_create(
        (
            AgendaItem(
                meeting=meeting,
                position=position + 1,
                title=question[0],
                title_az=question[0],
                title_ru=question[1],
                title_en=question[2],
                decision="Məlumat nəzərə alınsın.",
                decision_az="Məlumat nəzərə alınsın.",
            )
            for meeting in meetings
            for position, question in enumerate(QUESTIONS)
        ),
        batch_size=size,
    )
    if measures:
        links = AgendaItem.measures.through
        links.objects.bulk_create(
            (
                links(agendaitem_id=item.pk, measure_id=measures[(index * 13) % len(measures)])
                for index, item in enumerate(agenda)
            ),
            batch_size=size,
        )
    minutes = Minutes.objects.bulk_create(
        (
            Minutes(
                meeting=meeting,
                number=f"{meeting.body_id}-{meeting.number}",
                date=meeting.starts_at.date(),
                status=Minutes.Status.APPROVED,
                approved_at=meeting.starts_at + datetime.timedelta(days=5),
            )
            for meeting in meetings
        ),
        batch_size=size,
    )
    per_minutes = max(1, instructions_wanted // len(minutes)) if instructions_wanted else 0
    controller = organizations[0]
    instructions = Instruction.objects.bulk_create(
        (
            Instruction(
                minutes=record,
                number=f"{k // 2 + 1}.{k % 2 + 1}",
                text=TEXTS[k % 2][0],
                text_az=TEXTS[k % 2][0],
                text_ru=TEXTS[k % 2][1],
                text_en=TEXTS[k % 2][2],
                control_date=record.date + datetime.timedelta(days=rng.choice([30, 60, 90, 120])),
                controller=controller,
            )
            for record in minutes
            for k in range(per_minutes)
        ),
        batch_size=size,
    )
    leads = [organizations[rng.randrange(len(organizations))] for _ in instructions]
    InstructionExecutor.objects.bulk_create(
        (
            InstructionExecutor(instruction=instruction, organization=lead, role="lead", position=0)
            for instruction, lead in zip(instructions, leads, strict=True)
        ),
        batch_size=size,
    )
    if measures:
        concerns = Instruction.measures.through
        concerns.objects.bulk_create(
            (
                concerns(instruction_id=i.pk, measure_id=measures[(index * 17) % len(measures)])
                for index, i in enumerate(instructions)
            ),
            batch_size=size,
        )
    items = ControlItem.objects.bulk_create(
        (
            ControlItem(
                instruction=instruction,
                controller=controller,
                control_date=instruction.control_date,
                initial_control_date=instruction.control_date,
                control_status=rng.choice(["on_control", "removed", "removed", "extended"]),
            )
            for instruction in instructions
        ),
        batch_size=size,
    )
    Assignment.objects.bulk_create(
        (
            Assignment(item=item, organization=lead, role="lead")
            for item, lead in zip(items, leads, strict=True)
        ),
        batch_size=size,
    )
    context.report(f"meetings: {len(meetings)} with {len(instructions)} instructions under control")
    context.made.update(meetings=len(meetings), instructions=len(instructions))
