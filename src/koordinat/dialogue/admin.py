"""A plan's own term to answer citizens, kept by administrators on the admin site; every change audited.
Citizens' accounts are not edited here: a citizen's data is theirs (decision 70)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from koordinat.accounts.permissions import is_administrator
from koordinat.core import audit

from .models import AnswerTerm


@admin.register(AnswerTerm)
class AnswerTermAdmin(admin.ModelAdmin[AnswerTerm]):
    list_display = ["plan", "working_days"]
    autocomplete_fields = ["plan"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        """No bulk deletion: each change goes through `save_model`/`delete_model`, which audit it."""
        return {}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(is_administrator(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(is_administrator(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(is_administrator(request.user))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(is_administrator(request.user))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(is_administrator(request.user))

    def save_model(self, request: HttpRequest, obj: AnswerTerm, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="answer_term.save",
            target=obj,
            data={"plan": obj.plan_id, "working_days": obj.working_days},
        )

    def delete_model(self, request: HttpRequest, obj: AnswerTerm) -> None:
        audit.record(actor=request.user, action="answer_term.delete", target=obj, data={"plan": obj.plan_id})
        super().delete_model(request, obj)
