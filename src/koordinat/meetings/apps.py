from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "koordinat.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    demo_loaders = (("meetings", "koordinat.meetings.demo.loader.load"),)
    scale_generator = "koordinat.meetings.scale.generate"

    def ready(self) -> None:
        from . import history, panels

        history.register()
        panels.register()
