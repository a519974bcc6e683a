from django.contrib import admin

from koordinat.core.admin import ReadOnlyTranslationAdmin

from .models import Body, Organization, Person


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyTranslationAdmin):
    list_display = ["name", "abbreviation", "kind", "abolished_on"]
    list_filter = ["kind"]
    search_fields = ["name_az", "name_ru", "name_en", "abbreviation_az"]


@admin.register(Person)
class PersonAdmin(ReadOnlyTranslationAdmin):
    list_display = ["last_name", "first_name", "email"]
    search_fields = ["last_name_az", "last_name_en", "first_name_az", "email"]


@admin.register(Body)
class BodyAdmin(ReadOnlyTranslationAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
