"""Plans part of the scale data: plans with numbered sections and measures, executors, deadlines."""

import datetime

from koordinat.core.scale import ScaleContext
from koordinat.core.text import fold

from .deadlines import parse_deadline
from .models import Executor, Measure, Plan, outline_sort_key

DEADLINES = [
    "2026-cı ilin II rübü",
    "2026-2027-ci illər",
    "mütəmadi",
    "hər il",
    "2027-ci ilin dekabr ayı",
    "IV квартал 2026 г.",
    "ежегодно, до 1 марта",
    "by Q2 2027",
    "daimi",
    "2026-cı il ərzində",
]
VERBS = [
    ("Tədbirlərin görülməsi", "Принятие мер", "Taking measures"),
    ("Layihənin hazırlanması", "Подготовка проекта", "Preparing a project"),
    ("Monitorinqin aparılması", "Проведение мониторинга", "Carrying out monitoring"),
    ("Bərpa işlərinin aparılması", "Проведение восстановительных работ", "Carrying out restoration works"),
]
SECTION_SIZE = 20


def generate(context: ScaleContext) -> None:
    rng, size = context.rng, context.batch_size
    organizations = context.made.get("organizations", [])
    plan_count, measure_count = context.counts.get("plans", 0), context.counts.get("measures", 0)
    if not plan_count or not organizations:
        return
    coordinator = organizations[0]
    plans = Plan.objects.bulk_create(
        Plan(
            code=f"SCALE-{index:04d}",
            kind=rng.choice(Plan.Kind.values),
            title=f"Tədbirlər Planı №{index}",
            title_az=f"Tədbirlər Planı №{index}",
            title_ru=f"План мероприятий №{index}",
            title_en=f"Action Plan No. {index}",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2027, 12, 31),
            coordinator=coordinator,
            status=Plan.Status.IN_FORCE,
            visibility=rng.choice(Plan.Visibility.values),
            search_text=fold(f"SCALE-{index:04d} Tədbirlər Planı №{index}"),
        )
        for index in range(1, plan_count + 1)
    )
    parsed = {
        text: parse_deadline(text, **plans[0].period_context) for text in DEADLINES
    }  # one period for all
    per_plan = [
        measure_count // plan_count + (1 if i < measure_count % plan_count else 0) for i in range(plan_count)
    ]
    made = 0
    for plan, count in zip(plans, per_plan, strict=True):
        measures: list[Measure] = []
        sections: dict[str, Measure] = {}
        for index in range(count):
            section_number, item = divmod(index, SECTION_SIZE)
            number = str(section_number + 1) if item == 0 else f"{section_number + 1}.{item}"
            verb = rng.choice(VERBS)
            deadline = parsed[rng.choice(DEADLINES)] if item else None
            measure = Measure(
                plan=plan,
                number=number,
                sort_key=outline_sort_key(number),
                text=f"{verb[0]} ({number})",
                text_az=f"{verb[0]} ({number})",
                text_ru=f"{verb[1]} ({number})",
                text_en=f"{verb[2]} ({number})",
                deadline_text=deadline.text if deadline else "",
                deadline_kind=deadline.kind.value if deadline else "",
                deadline_start=deadline.start if deadline else None,
                deadline_end=deadline.end if deadline else None,
                deadline_recurrence=(deadline.recurrence or "") if deadline else "",
                search_text=fold(f"{number} {verb[0]} {verb[1]} {verb[2]}"),
            )
            if item == 0:
                sections[number] = measure
            measures.append(measure)
        Measure.objects.bulk_create(
            sections.values(), batch_size=size
        )  # parents first: children point at them
        items = [measure for measure in measures if "." in measure.number]
        for measure in items:
            measure.parent = sections[measure.number.split(".")[0]]
        Measure.objects.bulk_create(items, batch_size=size)
        executors = []
        for measure in measures:
            if measure.parent is None:
                continue
            for position, organization in enumerate(
                rng.sample(organizations, min(len(organizations), rng.randint(1, 3)))
            ):
                role = Executor.Role.LEAD if position == 0 else Executor.Role.CO
                executors.append(
                    Executor(
                        measure=measure,
                        plan_id=measure.plan_id,
                        organization=organization,
                        role=role,
                        position=position,
                    )
                )
        Executor.objects.bulk_create(executors, batch_size=size)
        made += len(measures)
    context.report(f"plans: {len(plans)} with {made} measures")
    context.made.update(plans=plans)
