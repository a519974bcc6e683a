from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "koordinat.execution"
    label = "execution"
    verbose_name = _("Execution control")
    demo_loaders = (
        ("execution history", "koordinat.execution.demo.loader.load"),
        ("public entries of measures", "koordinat.execution.demo.publication.load"),
    )
    scale_generator = "koordinat.execution.scale.generate"
    daily_jobs = (
        "koordinat.execution.jobs.open_due_cycles",
        "koordinat.execution.jobs.mark_overdue_items",
        "koordinat.execution.jobs.purge_abandoned_evidence",
    )

    def ready(self) -> None:
        from . import history, panels

        history.register()
        panels.register()
