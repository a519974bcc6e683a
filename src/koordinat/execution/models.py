"""Execution control: items under control, their executors, reporting cycles, reports, extensions.

A measure (and, from the meetings app on, an instruction) becomes a ControlItem when it is put
under control. Each executing organisation of the item has an Assignment; each reporting cycle
gives every assignment of every open item a Report to file. Only the item's controller accepts
reports, decides extensions and takes the item off control.
"""

import datetime
from typing import Any, Self
from uuid import uuid4

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.accounts.models import Role
from koordinat.core.models import BaseModel, TimestampedModel, VersionedModel
from koordinat.directory.selectors import organization_scope
from koordinat.plans.periods import UNDATED_KINDS


class ExecutionStatus(models.TextChoices):
    """How far one executor got, as it claims in a report and as the controller accepted it."""

    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", pgettext_lazy("execution status", "completed")
    PARTIALLY_COMPLETED = "partially_completed", _("partially completed")
    NOT_COMPLETED = "not_completed", _("not completed")


def late_condition(today: datetime.date) -> Q:
    """The condition of `ControlItemQuerySet.late`, for a count among others (the dashboards)."""
    return Q(control_status__in=ControlItem.RUNNING_STATUSES, control_date__lt=today)


def due_within_condition(today: datetime.date, days: int) -> Q:
    """The condition of `ControlItemQuerySet.due_within`."""
    return Q(
        control_status__in=ControlItem.RUNNING_STATUSES,
        control_date__gte=today,
        control_date__lte=today + datetime.timedelta(days=days),
    )


class ControlItemQuerySet(models.QuerySet["ControlItem"]):
    def visible_to(self, user: Any) -> Self:
        """Control is internal work of the government: every signed-in user reads it, the public does not."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self

    def open(self) -> Self:
        return self.filter(control_status__in=ControlItem.OPEN_STATUSES)

    def late(self, today: datetime.date) -> Self:
        """Past the control date and not executed: the items whose status line says "overdue"."""
        return self.filter(late_condition(today))

    def due_within(self, today: datetime.date, days: int) -> Self:
        """Not executed, with a control date from today to `days` days ahead."""
        return self.filter(due_within_condition(today, days))

    def needing_control_date(self) -> Self:
        """Open items on a measure with no control date, whose period is not one reported on every
        cycle: their controller must set the date (see `plans.periods`)."""
        return (
            self.open()
            .filter(control_date__isnull=True, measure__isnull=False)
            .exclude(measure__deadline_kind__in=UNDATED_KINDS)
        )


class ControlItem(VersionedModel):
    class Status(models.TextChoices):
        ON_CONTROL = "on_control", _("on control")
        EXTENDED = "extended", _("extended")
        EXECUTED = "executed", _("executed, awaiting removal from control")
        REMOVED = "removed", _("removed from control")
        CANCELLED = "cancelled", _("cancelled")

    OPEN_STATUSES = (Status.ON_CONTROL, Status.EXTENDED, Status.EXECUTED)
    # Open and not yet executed: the only items that can be due or overdue (see execution.status).
    RUNNING_STATUSES = (Status.ON_CONTROL, Status.EXTENDED)

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    measure = models.OneToOneField(
        "plans.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="control",
    )
    instruction = models.OneToOneField(
        "meetings.Instruction",
        verbose_name=_("instruction"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="control",
    )
    controller = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("controller"),
        on_delete=models.PROTECT,
        related_name="controlled_items",
    )
    controller_person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("responsible person of the controller"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    control_status = models.CharField(
        _("control status"), max_length=20, choices=Status.choices, default=Status.ON_CONTROL
    )
    control_date = models.DateField(_("control date"), null=True, blank=True)
    initial_control_date = models.DateField(_("first control date"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_reason = models.TextField(_("reason"), blank=True)
    closing_reports: "models.ManyToManyField[Report, Any]" = models.ManyToManyField(
        "Report", verbose_name=_("reports the decision rests on"), blank=True, related_name="+"
    )

    objects = ControlItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("item under control")
        verbose_name_plural = _("items under control")
        ordering = ["control_date", "pk"]
        indexes = [
            models.Index(fields=["controller", "control_status"], name="item_controller_status_idx"),
            models.Index(fields=["plan", "control_status"], name="item_plan_status_idx"),
            models.Index(fields=["control_date", "id"], name="item_control_date_idx"),  # the register's order
        ]

    def __str__(self) -> str:
        return f"{self.reference}. {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("execution:item", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.control_status in self.OPEN_STATUSES

    @property
    def needs_control_date(self) -> bool:
        """Under control with no control date, though not reported on every cycle (as
        `ControlItemQuerySet.needing_control_date`); reads the measure."""
        return (
            self.is_open
            and self.control_date is None
            and self.measure_id is not None
            and self.measure is not None
            and self.measure.deadline_kind not in UNDATED_KINDS
        )

    @property
    def reference(self) -> str:
        """How the item is cited: "EQ-TP-2025 1.2" for a measure, "Minutes No. 12, item 3.2" for an instruction."""
        if self.measure_id and self.measure:
            return f"{self.measure.plan.code} {self.measure.number}"
        if self.instruction_id and self.instruction:
            return self.instruction.reference
        return f"#{self.pk}"

    @property
    def text(self) -> str:
        source = self.measure or self.instruction
        return source.text if source else ""

    @property
    def source_url(self) -> str:
        source = self.measure or self.instruction
        return source.get_absolute_url() if source else ""


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class Assignment(BaseModel):
    """One executing organisation of an item: the lead or a co-executor, with its own status."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead executor")
        CO = "co", _("co-executor")

    item = models.ForeignKey(ControlItem, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sequence", "order"), default=0)
    execution_status = models.CharField(
        _("execution status"),
        max_length=20,
        choices=ExecutionStatus.choices,
        default=ExecutionStatus.NOT_STARTED,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "organization"], name="assignment_once_per_item"),
            models.UniqueConstraint(
                fields=["item"], condition=Q(role="lead"), name="one_lead_assignment_per_item"
            ),
        ]
        indexes = [models.Index(fields=["organization", "item"], name="assignment_org_item_idx")]

    def __str__(self) -> str:
        return f"{self.organization} — {self.get_role_display()}"


class ControlDateChange(BaseModel):
    """The item's control date before and after a change; the dates' history stays on the item."""

    item = models.ForeignKey(ControlItem, on_delete=models.CASCADE, related_name="date_changes")
    old_date = models.DateField(_("old control date"), null=True, blank=True)
    new_date = models.DateField(_("new control date"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    extension = models.ForeignKey(
        "Extension", null=True, blank=True, on_delete=models.SET_NULL, related_name="date_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("change of control date")
        verbose_name_plural = _("changes of control date")
        ordering = ["item", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_date} → {self.new_date}"


class ReportingCycleQuerySet(models.QuerySet["ReportingCycle"]):
    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class ReportingCycle(TimestampedModel):
    """One reporting period of a plan (scheduled), or a coordinator's one-off request."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        ONE_OFF = "one_off", _("one-off request")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cycles",
    )
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("collegial body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cycles",
        help_text=_("For the instructions of a body's minutes."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SCHEDULED)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_date = models.DateField(_("lead executors' reports due"))
    co_executor_due_date = models.DateField(_("co-executors' inputs due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("what is asked"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ReportingCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-period_end", "plan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period_start", "period_end"],
                condition=Q(kind="scheduled"),
                name="one_scheduled_cycle_per_period",
            ),
            models.CheckConstraint(
                condition=Q(co_executor_due_date__lte=models.F("due_date")),
                name="co_executors_due_first",
                violation_error_message=_("Co-executors' inputs cannot be due after the lead's report."),
            ),
        ]

    def __str__(self) -> str:
        owner = self.plan.code if self.plan else str(self.body or self.note)
        start, end = (
            formats.date_format(day, "SHORT_DATE_FORMAT") for day in (self.period_start, self.period_end)
        )
        return f"{owner}: {start} — {end}"

    def get_absolute_url(self) -> str:
        return reverse("execution:cycle", args=[self.pk])


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Any) -> Self:
        """A report is its organisation's until it is first sent, and then read, as it was last sent
        (see `shown_to` and selectors.report_content), by the office's own readers (coordinators,
        observers, body secretaries, administrators) and by the organisations with a part in the
        item: its executors (the lead reads its co-executors' inputs) and its controller. Executors
        and heads of other organisations do not read it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        mine = organization_scope(user)
        sent = Q(first_submitted_at__isnull=False) | ~Q(status__in=Report.PRIVATE_STATUSES)
        if user.has_role(Role.EXECUTOR, Role.HEAD) and not user.is_superuser:
            items = Assignment.objects.filter(organization_id__in=mine).values("item_id")
            sent &= Q(item__controller_id__in=mine) | Q(item_id__in=items)
        return self.filter(Q(organization_id__in=mine) | sent)

    def owed_known_to(self, user: Any) -> Self:
        """Reports whose due date and sending the reader knows of: those it reads once they are sent
        (see `visible_to`), sent or not. A report not sent yet is known to be missing by the readers
        that will read it, never its text: the dashboards count them (decision 62)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_role(Role.EXECUTOR, Role.HEAD) and not user.is_superuser:
            mine = organization_scope(user)
            items = Assignment.objects.filter(organization_id__in=mine).values("item_id")
            return self.filter(
                Q(organization_id__in=mine) | Q(item__controller_id__in=mine) | Q(item_id__in=items)
            )
        return self

    def shown_to(self, user: Any) -> Self:
        """Each report with `shown_status`, what pages show this reader as its status."""
        return self.annotate(shown_status=shown_status(user))


def shown_status(user: Any) -> Case:
    """A report's status as this reader may know it. Outside the organisation, a report reworked
    after a return (saved, with its head, or given back by the head) stays "returned", and one never
    sent is a "draft", whatever step of the organisation's own work it is at."""
    mine = organization_scope(user) if user.is_authenticated else set()
    return Case(
        When(organization_id__in=mine, then=F("status")),
        When(
            status__in=Report.PRIVATE_STATUSES,
            first_submitted_at__isnull=False,
            then=Value(Report.Status.RETURNED.value),
        ),
        When(status__in=Report.PRIVATE_STATUSES, then=Value(Report.Status.DRAFT.value)),
        default=F("status"),
        output_field=models.CharField(),
    )


class Report(VersionedModel):
    """Information on execution: one executor's report on one item for one cycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report status", "draft")
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting the head's approval")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for rework")
        ACCEPTED = "accepted", _("accepted")

    PRIVATE_STATUSES = (Status.DRAFT, Status.AWAITING_APPROVAL)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
    # Locked after sending: the working copy is exactly what was sent, so every reader may read it.
    SENT_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)

    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("reporting cycle"), on_delete=models.CASCADE, related_name="reports"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    item = models.ForeignKey(ControlItem, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    is_lead = models.BooleanField(_("lead executor's report"), default=False)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("what was done"), blank=True)
    narrative_language = models.CharField(_("written in"), max_length=2, default="az")
    claimed_status = models.CharField(
        _("execution status"),
        max_length=20,
        choices=ExecutionStatus.choices,
        default=ExecutionStatus.IN_PROGRESS,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField(
        _("work completed on"),
        null=True,
        blank=True,
        help_text=_("For a report of completed work: the day the measure was done."),
    )
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "assignment"], name="one_report_per_cycle_and_executor")
        ]
        indexes = [
            models.Index(fields=["organization", "status", "due_date"], name="report_org_status_due_idx"),
            models.Index(fields=["status", "submitted_at"], name="report_status_submitted_idx"),
            models.Index(fields=["assignment", "cycle"], name="report_assignment_cycle_idx"),
            models.Index(fields=["item", "cycle"], name="report_item_cycle_idx"),
            models.Index(
                fields=["-submitted_at", "-id"], name="report_latest_sent_idx"
            ),  # dashboards' latest
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("execution:report", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_final(self) -> bool:
        """A report claiming the work done; only such a report, accepted, can close an item."""
        return self.claimed_status == ExecutionStatus.COMPLETED


class ReportVersion(BaseModel):
    """What a report said each time it was sent, returned or accepted: nothing sent is ever lost.

    Versions kept at the organisation's own steps (to its head, given back by its head) hold unsent
    text and stay the organisation's; the others (SHARED_EVENTS) are what other readers see."""

    SHARED_EVENTS = ("submitted", "resubmitted", "head_approved", "returned", "accepted")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    event = models.CharField(_("event"), max_length=20)
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"

    @property
    def is_shared(self) -> bool:
        return self.event in self.SHARED_EVENTS


class IndicatorActual(BaseModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="actuals")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.CASCADE, related_name="actuals")
    value = models.DecimalField(_("actual value"), max_digits=18, decimal_places=4)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_actual_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


def _evidence_path(instance: "Evidence", filename: str) -> str:
    """A random name with nothing of the original in it (that is kept in `original_name`)."""
    name = uuid4().hex
    return f"{name[:2]}/{name}"


def evidence_storage() -> Storage:
    """Outside every served path (settings.STORAGES["evidence"]): only the download view reads it."""
    return storages["evidence"]


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def visible_to(self, user: Any) -> Self:
        """Evidence of a report the user may read: all of it for the organisation, and for everyone
        else only what was part of a sent version (draft evidence stays inside the organisation)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(report__organization_id__in=organization_scope(user)) | Q(sent_in__isnull=False),
            report__in=Report.objects.visible_to(user),
        )

    def current(self) -> Self:
        """The working copy's evidence: not removed since it was sent."""
        return self.filter(removed_at__isnull=True)


class Evidence(BaseModel):
    """A file or a link that proves what the report says.

    Evidence that was part of a sent version is never deleted: removing it from the working copy
    only marks it removed, so every version that carried it can still show and serve it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=_evidence_path, storage=evidence_storage, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size, bytes"), default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"))
    sent_in = models.PositiveIntegerField(_("first sent in version"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_link")
        ]

    def __str__(self) -> str:
        return self.title


class ExtensionQuerySet(models.QuerySet["Extension"]):
    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class Extension(BaseModel):
    """An executor's request for a new control date; only the item's controller decides it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    item = models.ForeignKey(ControlItem, on_delete=models.CASCADE, related_name="extensions")
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"))
    current_date = models.DateField(_("control date at the time"), null=True, blank=True)
    new_date = models.DateField(_("new control date asked for"))
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("controller's comment"), blank=True)

    objects = ExtensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="requested"), name="one_open_extension_request_per_item"
            )
        ]
        indexes = [models.Index(fields=["organization", "requested_at"], name="extension_org_time_idx")]

    def __str__(self) -> str:
        return f"{self.item}: {self.new_date}"


class SavedFilterQuerySet(models.QuerySet["SavedFilter"]):
    def visible_to(self, user: Any) -> Self:
        """A saved filter is its owner's alone."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user)


class SavedFilter(BaseModel):
    """A register query a user keeps under a name, shown as a link beside the register."""

    LIMIT = 20  # per user: a short list of links, not a second register

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=1000)
    created_at = models.DateTimeField(_("created"))

    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_once_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return (
            f"{reverse('execution:register')}?{self.query}" if self.query else reverse("execution:register")
        )


class PublicStatus(models.TextChoices):
    """The few words the public reads of how a measure stands, chosen by its controller: not the
    control statuses, which are the office's own."""

    NOT_STARTED = "not_started", pgettext_lazy("public status", "not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("public status", "in progress")
    COMPLETED = "completed", pgettext_lazy("public status", "completed")
    DELAYED = "delayed", pgettext_lazy("public status", "delayed")
    CANCELLED = "cancelled", pgettext_lazy("public status", "cancelled")


class MeasurePublication(VersionedModel):
    """What the public sees of one measure under control: a public status, a summary in each language
    the controller wrote (taken from an accepted report; a language left empty is said to be missing,
    never filled from another) and evidence chosen from that report. Shown only while the measure's
    plan is published (`plans.Plan.visibility`)."""

    item = models.OneToOneField(ControlItem, on_delete=models.CASCADE, related_name="publication")
    # The item's measure and plan, copied (they never change): the portal reads a plan's entries from
    # one index, without joining the items.
    measure = models.OneToOneField(
        "plans.Measure", on_delete=models.CASCADE, related_name="publication", editable=False
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+", editable=False)
    status = models.CharField(_("public status"), max_length=20, choices=PublicStatus.choices)
    summary_az = models.TextField(_("public summary in Azerbaijani"), blank=True)
    summary_ru = models.TextField(_("public summary in Russian"), blank=True)
    summary_en = models.TextField(_("public summary in English"), blank=True)
    source_report = models.ForeignKey(
        Report,
        verbose_name=_("accepted report it is taken from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence: "models.ManyToManyField[Evidence, Any]" = models.ManyToManyField(
        Evidence, verbose_name=_("public evidence"), blank=True, related_name="publications"
    )
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("public entry of a measure")
        verbose_name_plural = _("public entries of measures")
        indexes = [models.Index(fields=["plan", "status"], name="publication_plan_status_idx")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_status_display()}"
