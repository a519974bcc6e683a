from django.contrib import admin

from koordinat.core.admin import ReadOnlyTranslationAdmin

from .models import LegalAct, Plan


@admin.register(Plan)
class PlanAdmin(ReadOnlyTranslationAdmin):
    list_display = ["code", "title", "kind", "status", "period_start", "period_end"]
    list_filter = ["kind", "status", "visibility"]
    search_fields = ["code", "title_az", "title_ru", "title_en"]


@admin.register(LegalAct)
class LegalActAdmin(ReadOnlyTranslationAdmin):
    list_display = ["kind", "number", "date", "title"]
    list_filter = ["kind"]
