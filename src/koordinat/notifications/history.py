"""What notifications' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("notification.read", _("Notification marked read"))
    history.register("notification.read_all", _("All notifications marked read"))
    history.register("notification.settings", _("Notification settings changed"))
    history.register("notification.unsubscribe", _("E-mails of a kind stopped from an e-mail's link"))
    history.register("calendar.renew", _("New calendar address made"))
    history.register("calendar.revoke", _("Calendar address revoked"))
