from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "koordinat.plans"
    label = "plans"
    verbose_name = _("Plans")
    demo_loaders = (("plans", "koordinat.plans.demo.loader.load"),)
    scale_generator = "koordinat.plans.scale.generate"
    daily_jobs = ("koordinat.plans.jobs.purge_abandoned_imports",)

    def ready(self) -> None:
        from . import history

        history.register()
