"""What the directory's recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("organization.create", _("Organisation added"))
    history.register("organization.update", _("Organisation changed"))
    history.register("organization.abolish", _("Organisation abolished"))
    history.register("body.create", _("Body added"))
    history.register("body.update", _("Body changed"))
    history.register("person.create", _("Person added"))
    history.register("person.update", _("Person's details changed"))
    history.register("membership.create", _("Position added"), model="directory.Membership")
    history.register("membership.end", _("Position ended"), model="directory.Membership")
