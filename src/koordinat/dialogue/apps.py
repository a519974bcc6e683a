from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """Citizens' proposals and questions on published plans and measures, moderated in public and
    answered under execution control by the organisations they are routed to (decision 70). On its own
    floor above the portal, whose pages it adds to through the portal's extension points."""

    name = "koordinat.dialogue"
    label = "dialogue"
    verbose_name = _("Dialogue with citizens")
    demo_loaders = (("dialogue", "koordinat.dialogue.demo.load"),)
    daily_jobs = ("koordinat.dialogue.reminders.send_answer_reminders",)

    def ready(self) -> None:
        from . import history, panels

        history.register()
        panels.register()
