from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import AuditEvent


class ReadOnlyTranslationAdmin(TranslationAdmin):
    """Domain objects change through their pages, whose services check the rules and audit."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit chain is append-only: administrators read it, nobody edits it."""

    list_display = ["pk", "created_at", "actor_label", "action", "outcome", "target_label"]
    list_filter = ["outcome", "action"]
    search_fields = ["action", "target_label", "actor_label"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
