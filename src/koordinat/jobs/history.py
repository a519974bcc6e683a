"""What the jobs' recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("job.retry", _("Failed background job tried again"))
