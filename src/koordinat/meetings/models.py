"""Meetings of collegial bodies, their agendas and minutes, and the instructions minutes give.

An instruction is numbered within its minutes ("Minutes No. 12, item 3.2") or comes from a legal
act or a letter; once the minutes are approved (or the act's instruction registered) it is an item
under execution control like a measure: reports, extensions, closing.
"""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.core.models import BaseModel, TimestampedModel, VersionedModel


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: Any) -> Self:
        """Signed-in users see every meeting; the public sees meetings of public bodies with published minutes."""
        if user.is_authenticated and user.is_active:
            return self
        return self.filter(body__is_public=True, minutes__status="published")


class MeetingSeries(TimestampedModel):
    """A recurring series: the body meets every week, month or quarter."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("every week")
        MONTHLY = "monthly", _("every month")
        QUARTERLY = "quarterly", _("every quarter")

    body = models.ForeignKey("directory.Body", on_delete=models.CASCADE, related_name="meeting_series")
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.title


class Meeting(VersionedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")

    body = models.ForeignKey(
        "directory.Body", verbose_name=_("collegial body"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=500, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    chair = models.ForeignKey(
        "directory.Person",
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        "directory.Person",
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    second_language = models.CharField(
        _("second language of the minutes"),
        max_length=2,
        blank=True,
        help_text=_("For a joint commission: the minutes show this language beside Azerbaijani."),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_number_unique_in_body")
        ]
        indexes = [
            models.Index(fields=["body", "starts_at"], name="meeting_body_time_idx"),
            # The register's order: its first page is read from the index, not by sorting every meeting.
            models.Index(fields=["-starts_at", "id"], name="meeting_newest_first_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])


class Participant(BaseModel):
    """Someone invited to a meeting: a person, an organisation, or a person for an organisation."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        INVITED = "invited", _("invited")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    delegation = models.CharField(
        _("delegation"),
        max_length=2,
        blank=True,
        help_text=_("For a joint commission: the country of the delegation."),
    )
    present = models.BooleanField(pgettext_lazy("attendance", "present"), null=True, blank=True)
    absence_reason = models.CharField(
        _("reason for absence"),
        max_length=300,
        blank=True,
        help_text=_("Recorded with the attendance, for someone who was absent; the minutes show it."),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "delegation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="participant_is_someone",
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.organization)


class AgendaItem(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("question"), max_length=1000)
    speakers = models.ManyToManyField(
        "directory.Person", verbose_name=_("speakers"), blank=True, related_name="+"
    )
    measures = models.ManyToManyField(
        "plans.Measure", verbose_name=_("measures"), blank=True, related_name="agenda_items"
    )
    plans = models.ManyToManyField(
        "plans.Plan", verbose_name=_("plans"), blank=True, related_name="agenda_items"
    )
    instructions: "models.ManyToManyField[Instruction, Any]" = models.ManyToManyField(
        "Instruction", verbose_name=_("earlier instructions"), blank=True, related_name="discussed_in"
    )
    discussion = models.TextField(_("discussed"), blank=True)
    decision = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Minutes(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CIRCULATED = "circulated", _("circulated to members for comments")
        APPROVED = "approved", _("approved by the chair")
        PUBLISHED = "published", _("published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    number = models.CharField(_("minutes number"), max_length=30)
    date = models.DateField(_("minutes date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who started the minutes; they cannot also approve them."),
    )
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"№ {self.number}, {formats.date_format(self.date, 'SHORT_DATE_FORMAT')}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CIRCULATED)


class MinutesComment(BaseModel):
    """A member's remark on circulated minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")
        ordering = ["minutes", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class InstructionQuerySet(models.QuerySet["Instruction"]):
    def visible_to(self, user: Any) -> Self:
        if user.is_authenticated and user.is_active:
            return self
        return self.filter(minutes__status="published")


class Instruction(VersionedModel):
    class Source(models.TextChoices):
        MINUTES = "minutes", _("minutes of a meeting")
        LEGAL_ACT = "legal_act", _("legal act")
        LETTER = "letter", _("letter")

    source = models.CharField(_("given by"), max_length=20, choices=Source.choices, default=Source.MINUTES)
    minutes = models.ForeignKey(
        Minutes,
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="instructions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="given_instructions",
    )
    legal_act = models.ForeignKey(
        "plans.LegalAct",
        verbose_name=_("legal act"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    letter_reference = models.CharField(
        _("letter"), max_length=300, blank=True, help_text=_("Number and date of the letter.")
    )
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("instruction"))
    control_date = models.DateField(_("control date"))
    controller = models.ForeignKey(
        "directory.Organization", verbose_name=_("controller"), on_delete=models.PROTECT, related_name="+"
    )
    measures = models.ManyToManyField(
        "plans.Measure", verbose_name=_("measures concerned"), blank=True, related_name="instructions"
    )
    plans = models.ManyToManyField(
        "plans.Plan", verbose_name=_("plans concerned"), blank=True, related_name="instructions"
    )

    objects = InstructionQuerySet.as_manager()

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["minutes", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"],
                condition=Q(minutes__isnull=False),
                name="instruction_number_in_minutes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:instruction", args=[self.pk])

    @property
    def reference(self) -> str:
        """'Minutes No. 12, item 3.2' — how offices cite an instruction."""
        if self.minutes_id and self.minutes:
            return str(
                _("Minutes No. %(minutes)s, item %(number)s")
                % {"minutes": self.minutes.number, "number": self.number}
            )
        if self.legal_act_id and self.legal_act:
            return f"{self.legal_act}, {self.number}"
        return f"{self.letter_reference}, {self.number}"


class InstructionExecutor(BaseModel):
    """An organisation that must carry out the instruction: the lead first, then co-executors."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead executor")
        CO = "co", _("co-executor")

    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="executors")
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sequence", "order"), default=0)

    class Meta:
        verbose_name = _("executor of an instruction")
        verbose_name_plural = _("executors of instructions")
        ordering = ["instruction", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instruction", "organization"], name="instruction_executor_once"),
        ]

    def __str__(self) -> str:
        return str(self.organization)
