"""What the places' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("places.load", _("Districts loaded"))
