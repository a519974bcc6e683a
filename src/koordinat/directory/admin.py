from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import Body, Organization, Person


class ReadOnlyAdmin(TranslationAdmin):
    """Registry changes go through the directory pages, whose services check rules and audit."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "abbreviation", "kind", "abolished_on"]
    list_filter = ["kind"]
    search_fields = ["name_az", "name_ru", "name_en", "abbreviation_az"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "email"]
    search_fields = ["last_name_az", "last_name_en", "first_name_az", "email"]


@admin.register(Body)
class BodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
