from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The Dialogue Platform's events and public councils, on the floor above the portal: their
    public pages are portal pages, and the portal's home, district and measure pages show them
    through its extension points."""

    name = "koordinat.events"
    label = "events"
    verbose_name = _("Dialogue Platform events")
    demo_loaders = (("events", "koordinat.events.demo.loader.load"),)

    def ready(self) -> None:
        from . import history, panels

        history.register()
        panels.register()
