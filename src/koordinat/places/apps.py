from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "koordinat.places"
    label = "places"
    verbose_name = _("Places")
    demo_loaders = (("districts", "koordinat.places.loader.load_districts"),)

    def ready(self) -> None:
        from . import history

        history.register()
