"""What the dialogue's recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history


def register() -> None:
    history.register("citizen.sign_up", _("Citizen's account created"))
    history.register("citizen.confirm", _("Citizen's e-mail address confirmed"))
    history.register("citizen.sign_in", _("Citizen signed in"))
    history.register("submission.create", _("Citizen's question or proposal sent"))
    history.register("submission.edit", _("Citizen's question or proposal changed"))
    history.register("submission.withdraw", _("Citizen's question or proposal withdrawn"))
    history.register("submission.moderate", _("Citizen's question or proposal moderated"))
    history.register("answer.save", _("Draft answer to a citizen saved"))
    history.register("answer.publish", _("Answer to a citizen published"))
    history.register("answer_term.save", _("Plan's term to answer citizens set"))
    history.register("answer_term.delete", _("Plan's term to answer citizens removed"))
