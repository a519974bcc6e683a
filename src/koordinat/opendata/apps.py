from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: every public list of the portal as CSV, XLSX and JSON with a Frictionless Data
    Package, an Atom feed and Popolo JSON. It owns no data: it reads through the public_* selectors,
    so it publishes exactly what the portal shows. On the top floor, so the apps added beside the
    portal can declare their lists here with one declaration each."""

    name = "koordinat.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from . import datasets, dialogue_datasets, links

        datasets.register_all()
        dialogue_datasets.register_all()
        links.register()
