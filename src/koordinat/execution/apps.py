from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "koordinat.execution"
    label = "execution"
    verbose_name = _("Execution control")
    demo_loaders = (("execution history", "koordinat.execution.demo.loader.load"),)
    scale_generator = "koordinat.execution.scale.generate"

    def ready(self) -> None:
        from . import history, panels

        history.register()
        panels.register()
