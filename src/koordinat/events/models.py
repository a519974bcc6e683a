"""The Dialogue Platform's events: round tables, public hearings and public council meetings, their
agenda on plans and measures, the public's registrations and what came out of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.core import clock
from koordinat.core.models import BaseModel, TimestampedModel, VersionedModel
from koordinat.directory.models import Body, Organization
from koordinat.places.models import District
from koordinat.plans.models import Measure

TITLE_LENGTH = 300
TEXT_LENGTH = 5000  # a description, a summary: a page, not a report
ITEM_LENGTH = 1000  # an agenda item, a proposal


class Event(VersionedModel):
    class Kind(models.TextChoices):
        ROUND_TABLE = "round_table", _("round table")
        PUBLIC_HEARING = "public_hearing", _("public hearing")
        COUNCIL_MEETING = "council_meeting", _("public council meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("event", "planned")
        HELD = "held", pgettext_lazy("event", "held")
        CANCELLED = "cancelled", pgettext_lazy("event", "cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    starts_at = models.DateTimeField(_("date and time"))
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="events"
    )
    address = models.CharField(_("address"), max_length=TITLE_LENGTH, blank=True)
    organizers = models.ManyToManyField(
        Organization, verbose_name=_("organisers"), related_name="organized_events"
    )
    partners = models.ManyToManyField(
        Organization,
        verbose_name=_("partner civil society organisations"),
        blank=True,
        related_name="partner_events",
    )
    council = models.ForeignKey(
        Body,
        verbose_name=_("public council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Registration of the public.
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    # What came out of it, once held.
    summary = models.TextField(_("outcome"), max_length=TEXT_LENGTH, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    # Publication: drafts are never public.
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "starts_at"], name="event_public_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def takes_registrations(self) -> bool:
        """Whether the registration form is offered at all (full or not: the form page says)."""
        return (
            self.registration_open
            and self.status == self.Status.PLANNED
            and (self.registration_deadline is None or self.registration_deadline > clock.now())
            and self.starts_at > clock.now()
        )


class AgendaItem(BaseModel):
    """An item of an event's agenda, on a measure of a plan (or on nothing the register knows)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(_("position"))
    text = models.CharField(_("agenda item"), max_length=ITEM_LENGTH)
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Proposal(BaseModel):
    """A proposal made at a held event, and the measure it concerns where there is one."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveIntegerField(_("position"))
    text = models.CharField(_("proposal"), max_length=ITEM_LENGTH)
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Registration(TimestampedModel):
    """A visitor's registration: counted once confirmed through the link sent to the address. The
    address is never shown to the public, only to the organisers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organization_name = models.CharField(_("organisation"), max_length=300, blank=True)
    language = models.CharField(max_length=5, default="az")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="registration_once_per_address"),
        ]
        indexes = [
            models.Index(
                fields=["event"], condition=Q(confirmed_at__isnull=False), name="registration_confirmed_idx"
            )
        ]

    def __str__(self) -> str:
        return self.name
