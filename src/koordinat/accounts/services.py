"""Account actions that are not Django's own views: lifting a sign-in lockout."""

from axes.models import AccessAttempt
from django.db import transaction

from koordinat.core import audit

from . import permissions
from .models import User
from .signin import normalise_email


def sign_in_unlock(*, actor: User, email: str, client: str = "") -> int:
    """An administrator lifts the lockout of an e-mail address (from one client address, or from all)
    before its cool-off ends; returns how many attempt records were removed."""
    email = normalise_email(email)
    account = User.objects.filter(email__iexact=email).first()
    data = {"email": email, "client": client}
    audit.require(permissions.can_unlock_sign_in, actor, account, action="auth.unlock", data=data)
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(username=email)
        if client:
            attempts = attempts.filter(ip_address=client)
        _total, by_model = attempts.delete()
        removed = by_model.get(AccessAttempt._meta.label, 0)
        audit.record(actor=actor, action="auth.unlock", target=account, data={**data, "attempts": removed})
    return removed
