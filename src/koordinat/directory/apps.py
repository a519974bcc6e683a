from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "koordinat.directory"
    label = "directory"
    verbose_name = _("Directory")
    demo_loaders = (("directory", "koordinat.directory.demo.loader.load"),)
    scale_generator = "koordinat.directory.scale.generate"

    def ready(self) -> None:
        from . import history

        history.register()
