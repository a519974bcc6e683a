"""A citizen's sign-in, kept in the session apart from Django's authentication: `request.user` stays
anonymous for the office, whatever a citizen does (decision 70)."""

from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Citizen

SESSION_KEY = "koordinat_citizen"


def _fingerprint(citizen: Citizen) -> str:
    """Changes with the password, so a new password signs out every other session."""
    return salted_hmac("koordinat.dialogue.session", citizen.password).hexdigest()


def sign_in(request: HttpRequest, citizen: Citizen) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"id": citizen.pk, "hash": _fingerprint(citizen)}


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current(request: HttpRequest) -> Citizen | None:
    """The signed-in, confirmed and active citizen, read once a request."""
    if hasattr(request, "_koordinat_citizen"):
        return request._koordinat_citizen
    citizen = None
    stored = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if isinstance(stored, dict) and isinstance(stored.get("id"), int):
        found = Citizen.objects.filter(pk=stored["id"], is_active=True, confirmed_at__isnull=False).first()
        if found is not None and constant_time_compare(str(stored.get("hash", "")), _fingerprint(found)):
            citizen = found
    request._koordinat_citizen = citizen  # type: ignore[attr-defined]  # read once a request
    return citizen
