from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "koordinat.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # SQLite connections learn the alphabets' collations as they open.
        # Fields learn `__any_of` (lookups.AnyOf).
        from . import collation, history, lookups  # noqa: F401

        history.register("scale.generate", _("Scale data generated"))
