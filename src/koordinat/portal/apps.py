from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal: what was published of plans, measures and meetings, read by anyone without
    signing in. It owns no data: it reads through the selectors of the apps below it."""

    name = "koordinat.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from . import caching, urls

        urls.register_public_pages()
        caching.register()
