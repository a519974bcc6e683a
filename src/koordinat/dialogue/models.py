"""Citizens' proposals and questions on published plans and measures, their moderation and the
answers of the organisations they are routed to (decision 70)."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.core.models import TimestampedModel, VersionedModel


class Citizen(VersionedModel):
    """A member of the public with a confirmed e-mail address. Not an office `User`: a citizen signs in
    to the dialogue only, holds no organisation, role or permission, and the office never sees them
    as signed in (decision 70)."""

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    organization_name = models.CharField(_("civil-society organisation"), max_length=200, blank=True)
    password = models.CharField(max_length=128)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consented_at = models.DateTimeField(_("consent given"))
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class AnswerTerm(TimestampedModel):
    """A plan's own number of working days to answer (else settings.KOORDINAT_ANSWER_WORKING_DAYS)."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="answer_term")
    working_days = models.PositiveSmallIntegerField(_("working days to answer"))

    class Meta:
        verbose_name = _("term to answer")
        verbose_name_plural = _("terms to answer")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.working_days}"


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def public(self) -> Self:
        """What the public reads: accepted, on a plan still published or on an event still published
        (an event withdrawn from the portal takes its submissions with it)."""
        return self.filter(status=Submission.Status.ACCEPTED).filter(on_published_target())

    def awaiting_answer(self) -> Self:
        return self.filter(status=Submission.Status.ACCEPTED, answered_at__isnull=True)


PUBLIC_PLAN_STATUSES = ["in_force", "completed"]


def on_published_target() -> Q:
    """A submission whose plan, or whose event, the public may read."""
    return Q(event__isnull=True, plan__visibility="public", plan__status__in=PUBLIC_PLAN_STATUSES) | Q(
        event__isnull=False, event__is_published=True
    )


class Submission(VersionedModel):
    """A proposal or a question of a citizen on one target: a plan, a measure (with its plan) or an
    event (alone: an event may discuss several plans)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        PROPOSAL = "proposal", _("proposal")

    class Target(models.TextChoices):
        PLAN = "plan", _("plan")
        MEASURE = "measure", _("measure")
        EVENT = "event", pgettext_lazy("a round table, a hearing", "event")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Reason(models.TextChoices):
        OFF_TOPIC = "off_topic", _("not about this plan or measure")
        ABUSIVE = "abusive", _("abusive or offensive language")
        PERSONAL_DATA = "personal_data", _("contains personal data")
        ADVERTISING = "advertising", _("advertising or spam")
        DUPLICATE = "duplicate", _("repeats an earlier submission")
        OTHER = "other", _("other reason")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="submissions")
    target = models.CharField(_("on"), max_length=10, choices=Target.choices)
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(
        "plans.Measure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    reason_text = models.CharField(_("reason in your words"), max_length=500, blank=True)
    # Routing, set on acceptance: who answers and by when (decision 70).
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="dialogue_submission_target",
                condition=Q(target="plan", plan__isnull=False, measure__isnull=True, event__isnull=True)
                | Q(target="measure", plan__isnull=False, measure__isnull=False, event__isnull=True)
                | Q(target="event", event__isnull=False, plan__isnull=True, measure__isnull=True),
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "status"], name="dialogue_submission_measure"),
            models.Index(fields=["event", "status"], name="dialogue_submission_event"),
            models.Index(fields=["organization", "status"], name="dialogue_submission_org"),
            models.Index(fields=["status", "answer_due"], name="dialogue_submission_due"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """How pages and the moderation log name it: "D-12"."""
        return f"D-{self.pk}"


class Answer(VersionedModel):
    """The answering organisation's reply, in the languages it writes; public once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="answer")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="+")
    # Explicit columns, as the public summaries: a missing language is said, never filled from another.
    text_az = models.TextField(_("answer in Azerbaijani"), blank=True)
    text_ru = models.TextField(_("answer in Russian"), blank=True)
    text_en = models.TextField(_("answer in English"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.submission_id}"

    def texts(self) -> dict[str, str]:
        return {code: getattr(self, f"text_{code}") for code, _name in settings.LANGUAGES}

    def text_in(self, language: str) -> str:
        value: Any = getattr(self, f"text_{language}", "")
        return str(value or "")
