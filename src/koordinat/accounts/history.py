"""What the accounts' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("auth.login", _("Signed in"))
    history.register("auth.logout", _("Signed out"))
    history.register("auth.lockout", _("Sign-in locked after failed attempts"))
    history.register("auth.unlock", _("Sign-in unlocked"))
    history.register("user.create", _("User account created"))
    history.register("user.update", _("User account changed"))
