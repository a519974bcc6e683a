"""Users sign in with their e-mail address, act for one organisation and hold one role."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koordinat.core.history import upper_first
from koordinat.core.models import TimestampedModel


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    COORDINATOR = "coordinator", _("coordinator")
    BODY_SECRETARY = "body_secretary", _("body secretary")
    EXECUTOR = "executor", _("executor (focal point)")
    HEAD = "head", _("head of organisation")
    OBSERVER = "observer", _("observer")


def site_language() -> str:
    """A new user's language: the installation's own until they choose."""
    return str(settings.LANGUAGE_CODE)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        """E-mail addresses are stored lower-case; people type them in any case."""
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", Role.ADMINISTRATOR)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin, TimestampedModel):
    email = models.EmailField(_("e-mail"), unique=True)
    person = models.OneToOneField(
        "directory.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The organisation this user acts for."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OBSERVER)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=site_language,
        help_text=_("The language of the e-mails Koordinat sends you."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.get_full_name()

    # What `display_name` reads: select them with the users a page names.
    DISPLAY_RELATED = ("person", "organization")

    @property
    def display_name(self) -> str:
        """How pages name the user: the linked person's full name; without one, the role and the
        organisation acted for. Never the e-mail address, which is a sign-in name, not a name."""
        if self.person_id and self.person:
            return self.person.full_name
        role = upper_first(str(self.get_role_display()))
        if self.organization_id and self.organization:
            return gettext("%(role)s, %(organization)s") % {"role": role, "organization": self.organization}
        return role

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles
