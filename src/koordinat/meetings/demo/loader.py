"""A year of meetings of the Headquarters and three working groups, replayed through the services.

Monthly Headquarters meetings and quarterly working-group meetings review plan items, record
decisions and give numbered instructions; the chair approves the minutes a few days later and the
instructions go under control, where executors report on them (on time, late or not at all), the
Center reviews, extends and closes them. The newest meetings are still planned or have minutes
out for comments, so every screen has something true to show.
"""

import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.core.translation import texts_of
from koordinat.directory.models import Body, Organization
from koordinat.execution import services as execution_services
from koordinat.execution.demo.loader import DemoHistory
from koordinat.execution.models import ControlItem, ReportingCycle
from koordinat.plans.models import Measure

from .. import services
from ..models import Instruction, Meeting, Minutes

WORKING_GROUPS = 3
HQ_INSTRUCTIONS, GROUP_INSTRUCTIONS = 6, 4

HQ_TITLE = {
    "az": "Qərargahın növbəti iclası",
    "ru": "Очередное заседание Штаба",
    "en": "Regular meeting of the Headquarters",
}
GROUP_TITLE = {
    "az": "İşçi qrupun rüblük iclası",
    "ru": "Квартальное заседание рабочей группы",
    "en": "Quarterly meeting of the working group",
}
PLACE = {
    "az": "Bakı şəhəri, Koordinasiya Qərargahının Mərkəzi, iclas zalı",
    "ru": "г. Баку, Центр Координационного штаба, зал заседаний",
    "en": "Baku, Coordination Headquarters Center, meeting hall",
}
HQ_QUESTIONS = [
    {
        "az": "Nazirliklərin iş qrafiklərinin Fəaliyyət Planına uyğunluğunun nəzərdən keçirilməsi",
        "ru": "Рассмотрение графиков работ министерств на соответствие Плану действий",
        "en": "Review of the ministries' work schedules against the Action Plan",
    },
    {
        "az": "Böyük Qayıdış Dövlət Proqramının icrasının gedişi haqqında",
        "ru": "О ходе исполнения Государственной программы «Великое возвращение»",
        "en": "On the progress of the Great Return State Programme",
    },
    {
        "az": "Strateji Fəaliyyət Planı üzrə müddəti ötmüş tədbirlər haqqında",
        "ru": "О мероприятиях Стратегического плана деятельности с истёкшим сроком",
        "en": "On the overdue measures of the Strategic Activity Plan",
    },
]
GROUP_QUESTIONS = [
    {
        "az": "İşçi qrupun tədbirlərinin icra vəziyyəti haqqında",
        "ru": "О ходе исполнения мероприятий рабочей группы",
        "en": "On the progress of the working group's measures",
    },
    {
        "az": "Növbəti rüb üçün iş planının müzakirəsi",
        "ru": "Обсуждение плана работы на следующий квартал",
        "en": "Discussion of the work plan for the next quarter",
    },
]
# What a secretary writes beside an absent member: free text, in the body's working language, and
# public with the minutes of a public body, so nothing personal.
ABSENCE_REASONS = ("Ezamiyyətdə", "Məzuniyyətdə", "Başqa tədbirdə iştirak edirdi")

DISCUSSION = {
    "az": "Məruzəçinin məlumatı dinlənildi, üzvlərin sual və təklifləri müzakirə olundu.",
    "ru": "Заслушана информация докладчика, обсуждены вопросы и предложения членов.",
    "en": "The speaker's report was heard and the members' questions and proposals discussed.",
}
DECISION = {
    "az": "Məlumat nəzərə alınsın; protokolda göstərilən tapşırıqlar müəyyən edilmiş müddətlərdə icra edilsin.",
    "ru": "Информацию принять к сведению; поручения протокола исполнить в установленные сроки.",
    "en": "Take note of the information; carry out the instructions of the minutes by their control dates.",
}
INSTRUCTIONS = [
    {
        "az": "{item} üzrə işləri sürətləndirmək və icra vəziyyəti barədə Qərargaha məlumat vermək",
        "ru": "Ускорить работы по пункту {item} и проинформировать Штаб о ходе исполнения",
        "en": "Speed up the work on item {item} and inform the Headquarters of progress",
    },
    {
        "az": "{item} üzrə iş qrafikini Fəaliyyət Planına uyğunlaşdırmaq",
        "ru": "Привести график работ по пункту {item} в соответствие с Планом действий",
        "en": "Bring the work schedule for item {item} into line with the Action Plan",
    },
    {
        "az": "{item} üzrə layihə-smeta sənədlərinin hazırlanmasını başa çatdırmaq",
        "ru": "Завершить подготовку проектно-сметной документации по пункту {item}",
        "en": "Complete the design and estimate documentation for item {item}",
    },
    {
        "az": "{item} üzrə aidiyyəti qurumlarla birgə yerində monitorinq keçirmək",
        "ru": "Провести совместно с соответствующими органами мониторинг на месте по пункту {item}",
        "en": "Carry out on-site monitoring of item {item} together with the bodies concerned",
    },
    {
        "az": "{item} ilə bağlı sakinlərin müraciətlərinə baxmaq və nəticələri barədə məlumat təqdim etmək",
        "ru": "Рассмотреть обращения жителей по пункту {item} и представить информацию о результатах",
        "en": "Consider the residents' appeals on item {item} and report on the results",
    },
    {
        "az": "{item} üzrə tədbirin icrası üçün zəruri maliyyə vəsaitini hesablamaq",
        "ru": "Рассчитать финансовые средства, необходимые для исполнения пункта {item}",
        "en": "Calculate the funds needed to carry out item {item}",
    },
]
COMMENT = "2-ci sual üzrə qərarın mətnində icra müddətinin dəqiqləşdirilməsi təklif olunur."


def _texts(template: dict[str, str], **values: str) -> dict[str, str]:
    return {code: text.format(**values) for code, text in template.items()}


class MeetingHistory:
    def __init__(self, today: datetime.date) -> None:
        self.history = DemoHistory(today)
        self.today, self.rng, self.replay = today, self.history.rng, self.history.replay
        self.instructions_approved = 0  # every 20th instruction is cancelled later, whatever the random draws
        # The Center controls the instructions of the Headquarters and its working groups.
        self.controller = Organization.objects.get(users__email="elchin.ibrahimov@center.koordinat.test")

    def user_of(self, person: Any) -> User | None:
        return User.objects.filter(person=person).first() if person else None

    def measures_for(self, body: Body) -> list[Measure]:
        """Plan items a body reviews: those of its area, or (for the Headquarters) the busiest plan's."""
        items = Measure.objects.filter(area=body, executors__isnull=False).distinct()
        if not items.exists():
            items = Measure.objects.filter(plan__status="in_force", executors__isnull=False).distinct()
        return list(
            items.select_related("plan").prefetch_related("executors").order_by("plan_id", "sort_key")[:40]
        )

    def schedule(
        self, body: Body, months: int, questions: list[dict[str, str]], title: dict[str, str], count: int
    ) -> None:
        measures = self.measures_for(body)
        first = self.today - datetime.timedelta(days=360)
        for index in range(count):
            day = self.history.calendar.next_working_day(
                first + datetime.timedelta(days=30 * months * index + 10)
            )
            self.replay.on(
                day - datetime.timedelta(days=14),
                9,
                partial(self.plan_meeting, body, day, index, questions, title, measures),
            )

    def plan_meeting(
        self,
        body: Body,
        day: datetime.date,
        index: int,
        questions: list[dict[str, str]],
        title: dict[str, str],
        measures: list[Measure],
    ) -> None:
        secretary = self.user_of(body.secretary) or self.history.admin
        starts = datetime.datetime.combine(day, datetime.time(11), tzinfo=timezone.get_current_timezone())
        meeting = services.meeting_create(
            actor=secretary,
            body=body,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            place=PLACE,
        )
        for position, question in enumerate(questions):
            chosen = [measures[(index * 3 + position) % len(measures)]] if measures else []
            services.agenda_item_save(
                actor=secretary,
                meeting=meeting,
                title=question,
                speakers=list(body.members.order_by("pk")[position : position + 1]),
                measures=chosen,
            )
        self.replay.on(day, 13, partial(self.hold, meeting.pk, secretary, measures, index))

    def hold(self, meeting_pk: int, secretary: User, measures: list[Measure], index: int) -> None:
        meeting = Meeting.objects.select_related("body").get(pk=meeting_pk)
        participants = list(meeting.participants.all())
        present = [p.pk for p in participants if self.rng.random() < 0.85]
        meeting = services.meeting_held(
            actor=secretary,
            meeting=meeting,
            version=meeting.version,
            present=present,
            absence_reasons={
                p.pk: ABSENCE_REASONS[p.pk % len(ABSENCE_REASONS)]
                for p in participants
                if p.pk not in present
            },
        )
        for item in meeting.agenda.order_by("position"):
            services.agenda_item_save(
                actor=secretary,
                meeting=meeting,
                item=item,
                title=texts_of(item, "title"),
                speakers=list(item.speakers.all()),
                measures=list(item.measures.all()),
                discussion=DISCUSSION,
                decision=DECISION,
            )
        minutes = services.minutes_start(
            actor=secretary, meeting=meeting, number=f"{meeting.body_id}-{meeting.number}", date=clock.today()
        )
        count = HQ_INSTRUCTIONS if meeting.body.kind == "headquarters" else GROUP_INSTRUCTIONS
        agenda = list(meeting.agenda.order_by("position"))
        for number in range(count if measures else 0):
            measure = measures[(index * count + number) % len(measures)]
            question = agenda[number % len(agenda)]
            executors = [executor.organization for executor in measure.executors.order_by("position")][:2]
            services.instruction_save(
                actor=secretary,
                minutes=minutes,
                number=f"{question.position}.{number // len(agenda) + 1}",
                text=_texts(
                    INSTRUCTIONS[number % len(INSTRUCTIONS)], item=f"{measure.plan.code} {measure.number}"
                ),
                control_date=self.history.calendar.previous_working_day(
                    clock.today() + datetime.timedelta(days=self.rng.choice([30, 45, 60, 90, 120]))
                ),
                controller=self.controller,
                executors=executors,
                agenda_item=question,
                measures=[measure],
            )
        minutes = services.minutes_circulate(actor=secretary, minutes=minutes, version=minutes.version)
        self.replay.on(clock.today() + datetime.timedelta(days=2), 10, partial(self.comment, minutes.pk))
        if clock.today() > self.today - datetime.timedelta(days=25):
            return  # the newest minutes are still out for comments
        self.replay.on(
            self.history.calendar.next_working_day(clock.today() + datetime.timedelta(days=5)),
            12,
            partial(self.approve, minutes.pk),
        )

    def comment(self, minutes_pk: int) -> None:
        minutes = Minutes.objects.select_related("meeting__body").get(pk=minutes_pk)
        member = User.objects.filter(person__in=minutes.meeting.body.members.all()).order_by("pk").first()
        if member is not None and minutes.status == Minutes.Status.CIRCULATED:
            services.minutes_comment(actor=member, minutes=minutes, text=COMMENT)

    def approve(self, minutes_pk: int) -> None:
        minutes = Minutes.objects.select_related("meeting__body", "meeting__chair").get(pk=minutes_pk)
        chair = self.user_of(minutes.meeting.chair) or self.history.admin
        services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
        cycle = ReportingCycle.objects.filter(body=minutes.meeting.body).order_by("-pk").first()
        if cycle is None:
            return
        for report in cycle.reports.select_related("item", "organization").order_by("pk"):
            self.history.schedule_report(report, cycle, last=True)
        for item in ControlItem.objects.filter(instruction__minutes=minutes).order_by("pk"):
            self.instructions_approved += 1
            if self.instructions_approved % 20 == 0:
                self.replay.on(clock.today() + datetime.timedelta(days=20), 16, partial(self.cancel, item.pk))
            else:
                self.history.maybe_extend(item)

    def cancel(self, item_pk: int) -> None:
        item = ControlItem.objects.select_related("instruction").get(pk=item_pk)
        if item.is_open:
            execution_services.item_cancel(
                actor=self.history.reviewer(item),
                item=item,
                version=item.version,
                reason="Tapşırıq Qərargahın sonrakı qərarı ilə öz aktuallığını itirib.",
            )


def load(today: datetime.date | None = None) -> dict[str, int]:
    """Replay the past year of meetings once; the year's e-mails stay in memory: they were "sent" long ago."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _load(today or clock.today())


@transaction.atomic
def _load(today: datetime.date) -> dict[str, int]:
    if Meeting.objects.exists():
        return {"meetings": 0, "instructions": 0}
    history = MeetingHistory(today)
    headquarters = Body.objects.filter(kind="headquarters").order_by("pk").first()
    if headquarters is None:
        return {"meetings": 0, "instructions": 0}
    history.schedule(headquarters, 1, HQ_QUESTIONS, HQ_TITLE, 13)  # the last one still ahead
    groups = Body.objects.filter(kind="working_group", parent=headquarters, secretary__isnull=False)
    for group in groups.order_by("pk")[:WORKING_GROUPS]:
        history.schedule(group, 3, GROUP_QUESTIONS, GROUP_TITLE, 4)
    history.replay.run()
    return {"meetings": Meeting.objects.count(), "instructions": Instruction.objects.count()}
