from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from koordinat.core.admin import ReadOnlyTranslationAdmin

from .models import District


@admin.register(District)
class DistrictAdmin(ReadOnlyTranslationAdmin):
    """Districts come from the shipped data (`koordinat load-places`); the admin only lists them."""

    list_display = ["name", "kind", "code", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name_az", "name_ru", "name_en", "code", "search_text"]
    fields = ["name", "kind", "code", "aliases", "boundary", "created_at", "updated_at"]
    readonly_fields = ["boundary", "created_at", "updated_at"]

    @admin.display(description=_("boundary"))
    def boundary(self, obj: District) -> str:
        """A summary instead of the GeoJSON itself, which runs to thousands of coordinates."""
        geometry = obj.geometry or {}
        kind = geometry.get("type", "")
        coordinates = geometry.get("coordinates") or []
        polygons = len(coordinates) if kind == "MultiPolygon" else (1 if kind == "Polygon" else 0)
        return f"{kind or '—'}, {polygons} × polygon"
