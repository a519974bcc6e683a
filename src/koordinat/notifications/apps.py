from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "koordinat.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from koordinat.core import extensions

        from . import events, history

        history.register()
        extensions.audit_recorded.register(events.on_audit_event)
