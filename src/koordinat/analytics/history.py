"""What analytics' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("official_report.request", _("Official execution report asked for"))
    history.register("official_report.generate", _("Official execution report made"))
    history.register("official_report.fail", _("Official execution report failed"))
    history.register("official_report.retry", _("Official execution report tried again"))
