"""A year of execution control for the demo plans, replayed through the services day by day.

Cycles open when their periods end; focal points write, send and rework reports; the head of a
ministry that asks for it approves first; the Center reviews, grants or refuses extensions and
takes executed items off control. Every step runs on `clock.at(...)` in date order, so reports,
timelines and the audit chain carry the dates they would have had. Outcomes are drawn from a
seeded generator: the same demo every time, with on-time, late, returned and missing reports.
"""

import datetime
import heapq
import io
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from koordinat.accounts.models import Role, User
from koordinat.core import clock
from koordinat.core.calendar import default_calendar
from koordinat.core.translation import texts_of
from koordinat.directory import services as directory_services
from koordinat.directory.models import Organization
from koordinat.directory.selectors import organization_scope
from koordinat.plans.models import Plan

from .. import selectors, services
from ..models import ControlItem, ExecutionStatus, Extension, Report, ReportingCycle
from ..schedule import due_date_after, reporting_periods

SEED = 2026
HISTORY_DAYS = 365
HEAD_APPROVAL = ["asmar.zeynalova@eco.koordinat.test"]  # focal points whose heads approve their reports first

PROGRESS_TEXT = (
    "Hesabat dövründə tədbirin icrası davam etdirilib: aidiyyəti qurumlarla iş görüşləri keçirilib, "
    "texniki sənədlər hazırlanıb və razılaşdırılıb. Nəzərdə tutulan işlərin {progress}%-i yerinə yetirilib."
)
PARTIAL_TEXT = (
    "Tədbir qismən icra olunub: nəzərdə tutulan işlərin {progress}%-i görülüb. Qalan işlərin "
    "növbəti hesabat dövründə tamamlanması planlaşdırılır."
)
DONE_TEXT = (
    "Tədbir tam icra olunub. Görülən işlər barədə yekun məlumat, qəbul aktı və fotoşəkillər "
    "təsdiqedici sənəd kimi əlavə olunur."
)
RETURN_COMMENTS = [
    "Görülən işlər barədə konkret rəqəmlər göstərilməyib; təsdiqedici sənədləri əlavə edin.",
    "Hesabatda göstəricilərin faktiki qiymətləri qeyd olunmayıb. Məlumatı tamamlayıb yenidən göndərin.",
]
EXTENSION_REASONS = [
    "Podratçı təşkilatla müqavilənin bağlanması gecikib; işlərin tamamlanması üçün əlavə vaxt tələb olunur.",
    "Avadanlığın tədarükü gecikir; təchizatçı çatdırılmanı növbəti rübə keçirib.",
    "Layihə-smeta sənədlərinə ekspertiza rəyi əsasında düzəlişlər edilir.",
]
REFUSAL = "Tədbirin müddəti plan ilə müəyyən edilib; icranı sürətləndirin və növbəti hesabatda məlumat verin."
APPROVAL = "Əsaslandırma nəzərə alınaraq yeni müddət təsdiq edilir."
REMOVAL = "Tədbir tam icra olunub, əsas icraçının hesabatı qəbul edilib."

# The smallest valid PDF: evidence attached to reports of completed work.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(order=True)
class _Step:
    moment: datetime.datetime
    order: int
    action: Callable[[], None] = field(compare=False)


class Replay:
    """Steps in date order; a step may schedule later ones. Nothing after `today` happens."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.steps: list[_Step] = []
        self.counter = itertools.count()
        self.zone = ZoneInfo(settings.TIME_ZONE)

    def on(self, day: datetime.date, hour: int, action: Callable[[], None]) -> None:
        if day > self.today:
            return
        moment = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=self.zone)
        heapq.heappush(self.steps, _Step(moment, next(self.counter), action))

    def run(self) -> int:
        done = 0
        while self.steps:
            step = heapq.heappop(self.steps)
            with clock.at(step.moment):
                step.action()
            done += 1
        return done


class DemoHistory:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.replay = Replay(today)
        self.rng = random.Random(SEED)
        self.calendar = default_calendar()
        self.focal_points = self._users(Role.EXECUTOR)
        self.heads = self._users(Role.HEAD)
        self.extended: set[int] = set()
        self.waiting_for_head = False

    @cached_property
    def admin(self) -> User:
        """The demo's superuser (the directory demo creates it), who acts where no coordinator does;
        looked up when first needed."""
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        if admin is None:
            raise LookupError("The demo history needs a superuser: load the directory demo first.")
        return admin

    @staticmethod
    def _users(role: str) -> dict[int, User]:
        users: dict[int, User] = {}
        for user in User.objects.filter(role=role, organization__isnull=False).order_by("pk"):
            users.setdefault(user.organization_id, user)  # type: ignore[arg-type]
        return users

    def reviewer(self, item: ControlItem) -> User:
        """A coordinator of the controlling organisation, else the administrator."""
        for user in User.objects.filter(role=Role.COORDINATOR, organization__isnull=False).order_by("pk"):
            if item.controller_id in organization_scope(user):
                return user
        return self.admin

    def name_controller_persons(self) -> None:
        """Each open item gets a responsible person of its controller, the staff taking turns."""
        turns: dict[int, Any] = {}
        for item in ControlItem.objects.open().order_by("pk"):
            if item.controller_id not in turns:
                staff = list(selectors.controller_staff(user=self.admin, item=item))
                turns[item.controller_id] = itertools.cycle(staff) if staff else None
            if turns[item.controller_id] is not None:
                services.item_assign_controller_person(
                    actor=self.reviewer(item),
                    item=item,
                    version=item.version,
                    person=next(turns[item.controller_id]),
                )

    # Cycles -------------------------------------------------------------------------------

    def schedule_plan(self, plan: Plan) -> None:
        start = self.today - datetime.timedelta(days=HISTORY_DAYS)
        periods = [
            period
            for period in reporting_periods(
                start=plan.period_start, end=plan.period_end, periodicity=plan.reporting_periodicity
            )
            if start <= period[1] < self.today
        ]
        for index, (period_start, period_end) in enumerate(periods):
            last = index == len(periods) - 1
            opens = period_end + datetime.timedelta(days=1)
            due = due_date_after(period_end, plan.report_due_days, self.calendar)
            self.replay.on(opens, 9, partial(self.open, plan, period_start, period_end, due, opens, last))

    def schedule_request(self, plan: Plan) -> None:
        """A one-off request opened two weeks ago for the Headquarters' next meeting, still running."""
        opens = self.today - datetime.timedelta(days=12)
        due = self.calendar.previous_working_day(self.today + datetime.timedelta(days=8))
        note = "Qərargahın növbəti iclası üçün tədbirlərin icra vəziyyəti barədə qısa məlumat."
        start = datetime.date(self.today.year, 1, 1)
        self.replay.on(
            opens,
            9,
            partial(self.open, plan, start, opens, due, opens, True, ReportingCycle.Kind.ONE_OFF, note),
        )
        self.replay.on(self.today - datetime.timedelta(days=2), 10, partial(self.waiting_request, plan))

    def waiting_request(self, plan: Plan) -> None:
        """An extension request the controller has not decided yet, for the review queue."""
        items = ControlItem.objects.open().filter(plan=plan, control_date__gt=self.today)
        for item in items.order_by("control_date", "pk"):
            lead = item.assignments.filter(role="lead").first()
            author = self.focal_points.get(lead.organization_id) if lead else None
            if author is None or item.control_date is None:
                continue
            if item.extensions.filter(status=Extension.Status.REQUESTED).exists():
                continue
            services.extension_request(
                actor=author,
                item=item,
                new_date=self.calendar.previous_working_day(item.control_date + datetime.timedelta(days=90)),
                reason=EXTENSION_REASONS[0],
                today=clock.today(),
            )
            return

    def open(
        self,
        plan: Plan,
        start: datetime.date,
        end: datetime.date,
        due: datetime.date,
        opens: datetime.date,
        last: bool,
        kind: str = ReportingCycle.Kind.SCHEDULED,
        note: str = "",
    ) -> None:
        cycle = services.cycle_open(
            actor=self.reviewer(ControlItem(controller_id=plan.coordinator_id)),
            plan=plan,
            period_start=start,
            period_end=end,
            due_date=max(due, opens),
            kind=kind,
            note=note,
            today=opens,
        )
        for report in cycle.reports.select_related("item", "organization").order_by("pk"):
            self.schedule_report(report, cycle, last)
        for item in ControlItem.objects.filter(plan=plan, control_date__isnull=False).exclude(
            pk__in=self.extended
        ):
            self.maybe_extend(item)
        if not last:
            self.replay.on(due + datetime.timedelta(days=25), 17, lambda: self.close(cycle.pk, plan))

    def close(self, cycle_pk: int, plan: Plan) -> None:
        cycle = ReportingCycle.objects.get(pk=cycle_pk)
        services.cycle_close(actor=self.reviewer(ControlItem(controller_id=plan.coordinator_id)), cycle=cycle)

    # Reports ------------------------------------------------------------------------------

    def schedule_report(self, report: Report, cycle: ReportingCycle, last: bool) -> None:
        author = self.focal_points.get(report.organization_id)
        if author is None:
            return  # no focal point in the registry: the report stays unfiled, and late
        if cycle.kind == ReportingCycle.Kind.ONE_OFF and cycle.plan_id and author.email in HEAD_APPROVAL:
            # One waits for the head's approval; the rest are left for the demo focal point to write.
            if not self.waiting_for_head:
                self.waiting_for_head = True
                self.replay.on(
                    self.today - datetime.timedelta(days=1), 11, lambda: self.send_to_head(report.pk, author)
                )
            return
        chance = self.rng.random()
        if chance < 0.62:
            day = report.due_date - datetime.timedelta(days=self.rng.randint(0, 6))
        elif chance < 0.85:
            day = report.due_date + datetime.timedelta(days=self.rng.randint(1, 18))
        else:
            return  # never sent
        day = max(day, clock.today() + datetime.timedelta(days=2))
        self.replay.on(day, 11, lambda: self.write_and_send(report.pk, author))

    def claim(self, report: Report) -> tuple[str, int, str]:
        item = report.item
        # An instruction's report is due on its control date: that report says whether it was done.
        due_in_period = item.control_date is not None and (
            item.control_date <= report.cycle.period_end or report.cycle.plan_id is None
        )
        if due_in_period and self.rng.random() < 0.78:
            return ExecutionStatus.COMPLETED, 100, DONE_TEXT
        if due_in_period:
            progress = self.rng.choice([60, 70, 80, 90])
            return ExecutionStatus.PARTIALLY_COMPLETED, progress, PARTIAL_TEXT.format(progress=progress)
        progress = self.rng.choice([20, 30, 40, 50, 60, 70])
        return ExecutionStatus.IN_PROGRESS, progress, PROGRESS_TEXT.format(progress=progress)

    def send_to_head(self, report_pk: int, author: User) -> None:
        report = Report.objects.get(pk=report_pk)
        report = services.report_save(
            actor=author,
            report=report,
            version=report.version,
            narrative=PROGRESS_TEXT.format(progress=50),
            narrative_language="az",
            claimed_status=ExecutionStatus.IN_PROGRESS,
            progress=50,
        )
        services.report_submit(actor=author, report=report, version=report.version)

    def completion_day(self, report: Report) -> datetime.date:
        """Mostly before the control date; one in four late, but never after today."""
        control = report.item.control_date or report.cycle.period_end
        if self.rng.random() < 0.75:
            day = control - datetime.timedelta(days=self.rng.randint(0, 40))
        else:
            day = control + datetime.timedelta(days=self.rng.randint(1, 25))
        return max(report.cycle.period_start, min(day, clock.today()))

    def write_and_send(self, report_pk: int, author: User) -> None:
        report = Report.objects.select_related("item", "cycle", "organization").get(pk=report_pk)
        if (
            not report.item.is_open
            or report.cycle.status != ReportingCycle.Status.OPEN
            or not report.is_editable
        ):
            return
        status, progress, text = self.claim(report)
        report = services.report_save(
            actor=author,
            report=report,
            version=report.version,
            narrative=text,
            narrative_language="az",
            claimed_status=status,
            progress=progress,
            completed_on=self.completion_day(report) if status == ExecutionStatus.COMPLETED else None,
        )
        if status == ExecutionStatus.COMPLETED:
            services.evidence_add(
                actor=author,
                report=report,
                title="Qəbul aktı",
                upload=io.BytesIO(EVIDENCE_PDF),
                filename="qebul-akti.pdf",
            )
            report.refresh_from_db()
        report = services.report_submit(actor=author, report=report, version=report.version)
        day = clock.today()
        if report.status == Report.Status.AWAITING_APPROVAL:
            head = self.heads.get(report.organization_id)
            if head is not None:
                self.replay.on(
                    self.calendar.next_working_day(day + datetime.timedelta(days=1)),
                    10,
                    lambda: self.head_approves(report.pk, head),
                )
            return
        self.schedule_review(report, day)

    def head_approves(self, report_pk: int, head: User) -> None:
        report = Report.objects.get(pk=report_pk)
        report = services.report_head_decide(actor=head, report=report, version=report.version, approve=True)
        self.schedule_review(report, clock.today())

    def schedule_review(self, report: Report, sent: datetime.date) -> None:
        day = self.calendar.next_working_day(sent + datetime.timedelta(days=self.rng.randint(2, 9)))
        returned = self.rng.random() < 0.16
        self.replay.on(day, 15, lambda: self.review(report.pk, returned))

    def review(self, report_pk: int, returned: bool) -> None:
        report = Report.objects.select_related("item").get(pk=report_pk)
        if report.status != Report.Status.SUBMITTED or not report.item.is_open:
            return
        reviewer = self.reviewer(report.item)
        report = services.report_review(
            actor=reviewer,
            report=report,
            version=report.version,
            accept=not returned,
            comment=self.rng.choice(RETURN_COMMENTS) if returned else "",
        )
        day = clock.today()
        if returned:
            author = self.focal_points[report.organization_id]
            self.replay.on(
                day + datetime.timedelta(days=self.rng.randint(2, 7)),
                12,
                lambda: self.rework(report.pk, author),
            )
        elif report.is_lead and report.is_final and self.rng.random() < 0.8:
            self.replay.on(
                day + datetime.timedelta(days=self.rng.randint(3, 12)), 16, lambda: self.remove(report.pk)
            )

    def rework(self, report_pk: int, author: User) -> None:
        report = Report.objects.select_related("item", "cycle").get(pk=report_pk)
        if (
            report.status != Report.Status.RETURNED
            or report.cycle.status != ReportingCycle.Status.OPEN
            or not report.item.is_open
        ):
            return
        report = services.report_save(
            actor=author,
            report=report,
            version=report.version,
            narrative=report.narrative
            + " Qurulmuş obyektlərin siyahısı və göstəricilərin faktiki qiymətləri əlavə olunub.",
            narrative_language="az",
            claimed_status=report.claimed_status,
            progress=report.progress,
            completed_on=report.completed_on,
        )
        report = services.report_submit(actor=author, report=report, version=report.version)
        if report.status == Report.Status.SUBMITTED:
            self.schedule_review_after_rework(report)

    def schedule_review_after_rework(self, report: Report) -> None:
        day = self.calendar.next_working_day(clock.today() + datetime.timedelta(days=self.rng.randint(1, 5)))
        self.replay.on(day, 15, lambda: self.review(report.pk, False))

    def remove(self, report_pk: int) -> None:
        report = Report.objects.select_related("item").get(pk=report_pk)
        item = report.item
        if not item.is_open:
            return
        services.item_remove_from_control(
            actor=self.reviewer(item), item=item, version=item.version, reason=REMOVAL, reports=[report]
        )

    # Extensions ---------------------------------------------------------------------------

    def maybe_extend(self, item: ControlItem) -> None:
        self.extended.add(item.pk)
        if item.control_date is None or self.rng.random() > 0.2:
            return
        asked = item.control_date - datetime.timedelta(days=self.rng.randint(20, 100))
        lead = item.assignments.filter(role="lead").first()
        author = self.focal_points.get(lead.organization_id) if lead else None
        if author is None or asked < clock.today():
            return
        approve = self.rng.random() < 0.7
        new_date = self.calendar.previous_working_day(
            item.control_date + datetime.timedelta(days=self.rng.choice([60, 90, 120]))
        )
        self.replay.on(asked, 10, lambda: self.ask(item.pk, author, new_date, approve))

    def ask(self, item_pk: int, author: User, new_date: datetime.date, approve: bool) -> None:
        item = ControlItem.objects.get(pk=item_pk)
        if not item.is_open or (item.control_date and new_date <= item.control_date):
            return
        extension = services.extension_request(
            actor=author,
            item=item,
            new_date=new_date,
            reason=self.rng.choice(EXTENSION_REASONS),
            today=clock.today(),
        )
        day = self.calendar.next_working_day(clock.today() + datetime.timedelta(days=self.rng.randint(1, 4)))
        self.replay.on(day, 14, lambda: self.decide(extension.pk, approve))

    def decide(self, extension_pk: int, approve: bool) -> None:
        extension = Extension.objects.select_related("item").get(pk=extension_pk)
        services.extension_decide(
            actor=self.reviewer(extension.item),
            extension=extension,
            approve=approve,
            comment=APPROVAL if approve else REFUSAL,
        )


@transaction.atomic
def load(today: datetime.date | None = None) -> dict[str, int]:
    """Replay the past year once; a database that already has cycles is left as it is."""
    if ReportingCycle.objects.exists():
        return {"cycles": 0, "steps": 0}
    history = DemoHistory(today or clock.today())
    for organization in Organization.objects.filter(users__email__in=HEAD_APPROVAL):
        directory_services.organization_update(
            actor=history.admin,
            organization=organization,
            version=organization.version,
            kind=organization.kind,
            name=texts_of(organization, "name"),
            short_name=texts_of(organization, "short_name"),
            abbreviation=texts_of(organization, "abbreviation"),
            parent=organization.parent,
            country=organization.country,
            reports_need_head_approval=True,
        )
    plans = list(Plan.objects.filter(status=Plan.Status.IN_FORCE).order_by("period_start", "pk"))
    for plan in plans:
        history.schedule_plan(plan)
    # The one-off request goes to the plan where the demo focal point's ministry executes most.
    demo_organizations = Organization.objects.filter(users__email__in=HEAD_APPROVAL)
    busiest = max(
        plans,
        key=lambda plan: (
            plan.measures.filter(executors__organization__in=demo_organizations).count(),
            plan.pk,
        ),
        default=None,
    )
    if busiest is not None:
        history.schedule_request(busiest)
    steps = history.replay.run()
    history.name_controller_persons()
    return {"cycles": ReportingCycle.objects.count(), "steps": steps}
