from typing import Any, cast

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from koordinat.core import audit

from . import services
from .models import User
from .permissions import is_administrator

AUDITED_FIELDS = ["email", "role", "organization_id", "person_id", "is_active", "is_staff", "is_superuser"]
# What makes a user who they are in the rules: nobody changes these on their own account.
OWN_LOCKED_FIELDS = [
    "person",
    "organization",
    "role",
    "is_active",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are kept by administrators here; every save leaves an audit event.

    Only a Koordinat administrator opens them, whatever Django permissions a staff user was given, and
    nobody changes their own person, organisation, role or access: another administrator does."""

    ordering = ["email"]
    list_display = ["email", "person", "organization", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email"]
    autocomplete_fields = ["person", "organization"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Who"), {"fields": ("person", "organization", "role")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "created_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "person", "organization", "role", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "created_at"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += OWN_LOCKED_FIELDS
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = {}
        if change:
            before = {name: getattr(User.objects.get(pk=obj.pk), name) for name in AUDITED_FIELDS}
        super().save_model(request, obj, form, change)
        after = {name: getattr(obj, name) for name in AUDITED_FIELDS}
        action = "user.update" if change else "user.create"
        audit.record(
            actor=request.user, action=action, target=obj, data={"changes": audit.diff(before, after)}
        )


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    """Failed sign-ins by e-mail address and client address. Deleting a row lifts that lockout,
    through the service, so the unlock is refused to non-administrators and audited."""

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        # The admin site lets in only active staff (AdminSite.has_permission): never AnonymousUser.
        actor = cast(User, request.user)
        services.sign_in_unlock(actor=actor, email=obj.username or "", client=obj.ip_address or "")

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for attempt in queryset:
            self.delete_model(request, attempt)
