from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "koordinat.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    demo_loaders = (("reminders", "koordinat.notifications.demo.load"),)
    # After execution's and meetings' daily jobs (the apps' order): reminders see the day's cycles
    # opened and items marked overdue.
    daily_jobs = (
        "koordinat.notifications.reminders.send_reminders",
        "koordinat.notifications.reminders.send_digests_for",
    )

    def ready(self) -> None:
        from koordinat.accounts.extensions import annotate_signed_in_user
        from koordinat.core import extensions

        from . import events, history, selectors

        history.register()
        extensions.audit_recorded.register(events.on_audit_event)
        annotate_signed_in_user("unread_notifications", selectors.unread_count_expression)
