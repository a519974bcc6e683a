"""Plans as legal documents: acts, plans, numbered measures, executors, indicators."""

import datetime
from typing import Any, Self, TypeVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.core.models import BaseModel, VersionedModel
from koordinat.core.text import capfirst

from . import numbering, periods

_M = TypeVar("_M", bound=models.Model)


def outline_sort_key(number: str) -> str:
    """String order is outline order: see `numbering.sort_key`."""
    return numbering.sort_key(number)


class LegalAct(VersionedModel):
    class Kind(models.TextChoices):
        DECREE = "decree", _("decree")
        ORDER = "order", _("order")
        RESOLUTION = "resolution", _("resolution")
        LAW = "law", _("law")
        MINUTES = "minutes", _("minutes")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    issuer = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_acts",
    )
    title = models.CharField(_("title"), max_length=1000)
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{capfirst(self.get_kind_display())}{number}, {formats.date_format(self.date, 'SHORT_DATE_FORMAT')}"


PUBLISHED_STATUSES = ["in_force", "completed"]
# A plan may be published once approved; the public sees it while it is in force or completed.
PUBLISHABLE_STATUSES = ["approved", "in_force", "completed"]


class PublishedQuerySet(models.QuerySet[_M]):
    """Signed-in users see every plan; anonymous visitors only published plans in force or completed."""

    plan_path = ""  # how the rows reach their plan: "" for plans, "plan__" for measures

    def published(self) -> Self:
        """What the public sees, whoever reads: published by the plan's coordinator, in force or completed."""
        return self.filter(
            **{f"{self.plan_path}visibility": "public", f"{self.plan_path}status__in": PUBLISHED_STATUSES}
        )

    def visible_to(self, user: Any) -> Self:
        if user.is_authenticated and user.is_active:
            return self
        return self.published()


class MeasureQuerySet(PublishedQuerySet[_M]):
    plan_path = "plan__"


class Plan(VersionedModel):
    class Kind(models.TextChoices):
        STATE_PROGRAMME = "state_programme", _("state programme")
        STRATEGIC_PLAN = "strategic_plan", _("strategic plan")
        ACTION_PLAN = "action_plan", _("action plan")
        NATIONAL_ACTION_PLAN = "national_action_plan", _("national action plan")
        JOINT_ACTION_PLAN = "joint_action_plan", _("joint action plan of two countries")
        WORK_PLAN = "work_plan", _("work plan of a body")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        IN_FORCE = "in_force", _("in force")
        COMPLETED = "completed", _("completed")
        ARCHIVED = "archived", _("archived")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        INTERNAL = "internal", _("internal")

    class Periodicity(models.TextChoices):
        QUARTERLY = "quarterly", _("quarterly")
        SEMI_ANNUAL = "semi_annual", _("semi-annual")
        ANNUAL = "annual", _("annual")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=50, unique=True, help_text=_("A short unique code, e.g. OGP-NAP-2020.")
    )
    title = models.CharField(_("title"), max_length=1000)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    approved_by = models.ForeignKey(
        LegalAct,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_plans",
    )
    amended_by = models.ManyToManyField(
        LegalAct, verbose_name=_("amended by"), blank=True, related_name="amended_plans"
    )
    coordinator = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("coordinating organisation"),
        on_delete=models.PROTECT,
        related_name="coordinated_plans",
    )
    owning_body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("owning body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Public only through `plan_publish` (its coordinator's decision, audited); see `published_plans`.
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        editable=False,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reporting_periodicity = models.CharField(
        _("reporting periodicity"), max_length=20, choices=Periodicity.choices, default=Periodicity.QUARTERLY
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("reports due, days after the period"),
        default=10,
        validators=[MinValueValidator(0)],
        help_text=_("For example 10: reports are due by the 10th day after each period."),
    )
    reminder_ladder = models.JSONField(
        _("reminder ladder"),
        null=True,
        blank=True,
        help_text=_("The plan's own reminder days; empty: the installation's."),
    )
    search_text = models.TextField(editable=False, default="")

    objects = PublishedQuerySet["Plan"].as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.code])

    @property
    def is_published(self) -> bool:
        """`PublishedQuerySet.published` for a plan already read: for reads that take the instance a
        public page has just read, rather than check its publication in SQL again."""
        return self.visibility == self.Visibility.PUBLIC and self.status in PUBLISHED_STATUSES

    @property
    def period_context(self) -> dict[str, Any]:
        """What its execution periods are read with (`parse_deadline`): the date of the approving act,
        which durations count from, and the plan's period, which gives a year to "IV rüb"."""
        return {
            "adopted_on": self.approved_by.date if self.approved_by else None,
            "period": (self.period_start, self.period_end),
        }


class PlanParty(BaseModel):
    """One country's side of a joint plan: its lead organisation and its coordinator."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="parties")
    country = models.CharField(_("country"), max_length=2)
    lead = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        "directory.Organization", verbose_name=_("coordinator"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [models.UniqueConstraint(fields=["plan", "country"], name="plan_party_country_unique")]

    def __str__(self) -> str:
        return f"{self.country}: {self.lead}"


class ReadsPeriod:
    """What a measure's number and period read as, for the model and for the rows of a plan's table
    (`selectors.MeasureRow`), which carry the same attributes without being model instances."""

    number: str
    deadline_text: str
    deadline_kind: str
    deadline_start: datetime.date | None
    deadline_end: datetime.date | None
    deadline_recurrence: str
    deadline_offset: str
    deadline_anchor: str

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @property
    def deadline_needs_review(self) -> bool:
        return bool(self.deadline_text) and self.deadline_kind == "unparseable"

    @property
    def needs_control_date(self) -> bool:
        """No control date can be read from the period (see `periods`): set by hand once under control."""
        return self.deadline_needs_review or periods.needs_control_date(
            kind=self.deadline_kind if self.deadline_text else "",
            end=self.deadline_end,
            anchor=self.deadline_anchor,
        )

    @property
    def deadline_shown(self) -> periods.Shown | None:
        """The period as pages show it: read in the page's language, the plan's wording one click away."""
        return periods.shown(
            text=self.deadline_text,
            kind=self.deadline_kind,
            start=self.deadline_start,
            end=self.deadline_end,
            recurrence=self.deadline_recurrence,
            offset=self.deadline_offset,
            anchor=self.deadline_anchor,
        )

    @property
    def deadline_reading(self) -> str:
        """How a period without one due date was read ("every year, by 1 March"), in words."""
        return periods.rule_words(
            kind=self.deadline_kind, recurrence=self.deadline_recurrence, anchor=self.deadline_anchor
        )


class Measure(ReadsPeriod, VersionedModel):
    """A numbered plan item; sections are measures with children and usually no executors."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="measures")
    number = models.CharField(_("number"), max_length=30)
    sort_key = models.CharField(max_length=120, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    text = models.TextField(_("measure"))
    expected_result = models.TextField(_("expected result"), blank=True)
    area = models.ForeignKey(
        "directory.Body",
        verbose_name=_("working group or area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    other_executors = models.CharField(_("other executors"), max_length=1000, blank=True)
    deadline_text = models.CharField(_("execution period"), max_length=300, blank=True)
    deadline_kind = models.CharField(_("kind of period"), max_length=20, blank=True)
    deadline_start = models.DateField(_("period starts"), null=True, blank=True)
    deadline_end = models.DateField(_("due by"), null=True, blank=True)
    deadline_recurrence = models.CharField(_("recurrence"), max_length=40, blank=True)
    deadline_offset = models.CharField(_("offset"), max_length=20, blank=True)
    deadline_anchor = models.CharField(_("counted from"), max_length=40, blank=True)
    budget = models.DecimalField(_("budget, AZN"), max_digits=16, decimal_places=2, null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=500, blank=True)
    districts = models.ManyToManyField(
        "places.District", verbose_name=_("districts"), blank=True, related_name="measures"
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # What Decidim said of the item when it came from there: {"status": {"key", "name": {az, ru, en},
    # "progress"}, "progress", "reference", "external_id", "url"}. Not Koordinat's execution
    # status (accepted reports give that): kept to show and to write back in the Decidim export.
    decidim = models.JSONField(_("Decidim result"), default=dict, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    objects = MeasureQuerySet["Measure"].as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_number_unique_in_plan")
        ]
        indexes = [models.Index(fields=["plan", "sort_key"], name="measure_outline_idx")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:measure", args=[self.plan.code, self.number])


class MeasureNumber(BaseModel):
    """A number the measure had before an amendment renumbered it; old references still resolve."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="former_numbers")
    number = models.CharField(_("former number"), max_length=30)
    changed_by = models.ForeignKey(
        LegalAct,
        verbose_name=_("amending act"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("former number")
        verbose_name_plural = _("former numbers")
        indexes = [models.Index(fields=["number"], name="measure_former_number_idx")]

    def __str__(self) -> str:
        return self.number


class Executor(BaseModel):
    """An organisation executing a measure: the lead first, then co-executors in order."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead executor")
        CO = "co", _("co-executor")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="executors")
    # The measure's plan, copied (a measure never changes plans): "who executes this plan" is then
    # read from one index instead of joining every measure of the plan.
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="executors", editable=False, db_index=False
    )  # indexed with the organisation below
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="executions",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sequence", "order"), default=0)
    # Taking part by agreement ("razılaşdırılmaqla", "по согласованию"): a body the plan's approver
    # cannot instruct (the parliament, courts, municipalities, companies), so it is asked, not ordered.
    by_agreement = models.BooleanField(_("by agreement"), default=False)

    class Meta:
        verbose_name = _("executor")
        verbose_name_plural = _("executors")
        ordering = ["measure", "position"]
        indexes = [models.Index(fields=["plan", "organization"], name="executor_plan_organization_idx")]
        constraints = [
            models.UniqueConstraint(fields=["measure", "organization"], name="executor_once_per_measure"),
            models.UniqueConstraint(
                fields=["measure"], condition=Q(role="lead"), name="one_lead_executor_per_measure"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Indicator(VersionedModel):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=500)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    source_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("data source organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_system = models.CharField(_("data source system"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure", "pk"]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(BaseModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


def _import_upload_path(instance: "PlanImport", filename: str) -> str:
    return f"imports/{instance.token}/{filename}"


class PlanImport(BaseModel):
    """An uploaded plan file waiting for a person to check its preview and confirm it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        COMMITTED = "committed", _("imported")

    token = models.UUIDField(unique=True, editable=False)
    file = models.FileField(_("file"), upload_to=_import_upload_path)
    filename = models.CharField(_("file name"), max_length=255)
    plan_code = models.CharField(_("plan code"), max_length=50)
    plan_title = models.CharField(_("plan title"), max_length=1000, blank=True)
    columns = models.JSONField(default=dict, blank=True)
    # The preview parsed from the file at upload, in the language and with the columns it was read
    # in (see `services.pending_import_preview`); emptied once the import is committed.
    preview = models.JSONField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
