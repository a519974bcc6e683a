"""Districts of Azerbaijan: the rayons and the cities with the status of a district."""

from typing import Any, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from koordinat.core.models import TimestampedModel


class DistrictQuerySet(models.QuerySet["District"]):
    def visible_to(self, user: Any) -> Self:
        """District names and boundaries are public data: everyone, signed in or not, sees every row."""
        return self


class District(TimestampedModel):
    """One first-level unit under the republic (ADM2 in geoBoundaries).

    Rows come from the shipped data (`koordinat load-places`), keyed on the geoBoundaries
    `shapeID`; `geometry` holds a GeoJSON Polygon or MultiPolygon in WGS 84 (CC BY-SA 3.0,
    "geoBoundaries (wmgeolab), from Wikipedia").
    """

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("city")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)
    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("The geoBoundaries shape ID of the boundary.")
    )
    geometry = models.JSONField(_("boundary"), default=dict, blank=True)
    aliases = models.JSONField(
        _("other spellings"),
        default=list,
        blank=True,
        help_text=_(
            "Other names and spellings people write, in any language; used to recognise the district."
        ),
    )
    search_text = models.TextField(editable=False, default="")

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def feature(self) -> dict[str, Any]:
        """The district as a GeoJSON Feature, for the map layer and open data."""
        return {
            "type": "Feature",
            "id": self.code,
            "geometry": self.geometry,
            "properties": {"id": self.pk, "code": self.code, "name": self.name, "kind": self.kind},
        }
