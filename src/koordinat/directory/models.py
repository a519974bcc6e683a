"""The registry of structures: organisations, people, their memberships and collegial bodies."""

from typing import Any, Self, TypeVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from koordinat.core import clock
from koordinat.core.collation import label_indexes
from koordinat.core.models import SignedInQuerySet, VersionedModel

_M = TypeVar("_M", bound=models.Model)


class OrganizationQuerySet(SignedInQuerySet["Organization"]):
    def active(self) -> Self:
        return self.filter(abolished_on__isnull=True)


class Organization(VersionedModel):
    class Kind(models.TextChoices):
        PRESIDENTIAL_ADMINISTRATION = "presidential_administration", _("presidential administration")
        CABINET_OF_MINISTERS = "cabinet_of_ministers", _("cabinet of ministers")
        MINISTRY = "ministry", _("ministry")
        STATE_COMMITTEE = "state_committee", _("state committee")
        STATE_AGENCY = "state_agency", _("state agency or service")
        PUBLIC_LEGAL_ENTITY = "public_legal_entity", _("public legal entity")
        LOCAL_EXECUTIVE_AUTHORITY = "local_executive_authority", _("local executive authority")
        MUNICIPALITY = "municipality", _("municipality")
        CIVIL_SOCIETY_ORGANISATION = "civil_society_organisation", _("civil society organisation")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
        FOREIGN_GOVERNMENT_BODY = "foreign_government_body", _("foreign government body")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    country = models.CharField(_("country"), max_length=2, default="AZ", help_text=_("Two-letter ISO code."))
    name = models.CharField(_("full name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    reports_need_head_approval = models.BooleanField(
        _("reports need the head's approval"),
        default=False,
        help_text=_(
            "The focal point's execution reports go to the head of the organisation before they are sent."
        ),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    search_text = models.TextField(editable=False, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind"], name="org_kind_idx"),
            *label_indexes("short_name", "name", name="org_label"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organization", args=[self.pk])

    @property
    def is_abolished(self) -> bool:
        return self.abolished_on is not None

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name


class Person(VersionedModel):
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = SignedInQuerySet["Person"].as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.pk])

    @property
    def full_name(self) -> str:
        """ "Rashad Mammadov" in English; "Məmmədov Rəşad Əli oğlu" in Azerbaijani and Russian usage."""
        if get_language() == "en":
            return f"{self.first_name} {self.last_name}"
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)


class MembershipQuerySet(SignedInQuerySet["Membership"]):
    def current(self, on: Any = None) -> Self:
        day = on or clock.today()
        return self.filter(Q(start_date__lte=day) | Q(start_date__isnull=True)).filter(
            Q(end_date__gte=day) | Q(end_date__isnull=True)
        )


class Membership(VersionedModel):
    """A person holding a position in an organisation for a period."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.CharField(_("position"), max_length=300)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_period_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}, {self.organization.display_short_name}"

    @property
    def is_current(self) -> bool:
        today = clock.today()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )


class Body(VersionedModel):
    """A collegial body: the Headquarters, a working group, an executive group, a council ..."""

    class Kind(models.TextChoices):
        HEADQUARTERS = "headquarters", _("headquarters")
        WORKING_GROUP = "working_group", _("working group")
        EXECUTIVE_GROUP = "executive_group", _("executive group")
        PUBLIC_COUNCIL = "public_council", _("public council")
        DIALOGUE_PLATFORM = "dialogue_platform", _("dialogue platform")
        JOINT_COMMISSION = "joint_commission", _("joint commission")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=500)
    area = models.CharField(_("area of work"), max_length=500, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    chair = models.ForeignKey(
        Person,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_bodies",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies_as_secretary",
    )
    member_organizations = models.ManyToManyField(
        Organization, verbose_name=_("member organisations"), blank=True, related_name="bodies"
    )
    members = models.ManyToManyField(Person, verbose_name=_("members"), blank=True, related_name="bodies")
    advises = models.ForeignKey(
        Organization,
        verbose_name=_("authority it advises"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_councils",
        help_text=_("For a public council: the executive authority it is attached to."),
    )
    is_public = models.BooleanField(
        _("public body"),
        default=False,
        help_text=_("The approved minutes of a public body are published for everyone to read."),
    )
    search_text = models.TextField(editable=False, default="")

    objects = SignedInQuerySet["Body"].as_manager()

    class Meta:
        verbose_name = _("collegial body")
        verbose_name_plural = _("collegial bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:body", args=[self.pk])
