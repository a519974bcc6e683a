from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "koordinat.analytics"
    label = "analytics"
    verbose_name = _("Analytics")
    demo_loaders = (("forecast", "koordinat.analytics.forecast.demo.load"),)
    daily_jobs = ("koordinat.analytics.forecast.jobs.refresh_forecast",)

    def ready(self) -> None:
        from . import history, panels

        history.register()
        panels.register()
