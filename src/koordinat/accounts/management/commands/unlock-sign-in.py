from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from koordinat.accounts import services
from koordinat.accounts.models import Role, User


class Command(BaseCommand):
    help = (
        "Lift the sign-in lockout of an e-mail address before its cool-off ends (from every client "
        "address, or from one with --client). Recorded in the audit chain as the administrator's act."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The e-mail address that was locked out.")
        parser.add_argument("--client", default="", help="Only the lockout from this client address.")
        parser.add_argument(
            "--user",
            default="",
            help="E-mail of the administrator unlocking (default: the first administrator).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        administrators = User.objects.filter(is_active=True)
        actor = (
            administrators.filter(email__iexact=options["user"]).first()
            if options["user"]
            else administrators.filter(Q(is_superuser=True) | Q(role=Role.ADMINISTRATOR))
            .order_by("pk")
            .first()
        )
        if actor is None:
            raise CommandError("No such active user; give --user with the e-mail of an administrator.")
        try:
            removed = services.sign_in_unlock(actor=actor, email=options["email"], client=options["client"])
        except PermissionDenied as error:
            raise CommandError(f"{actor.email} is not an administrator; nothing was unlocked.") from error
        self.stdout.write(f"Unlocked {options['email']}: {removed} lockout record(s) removed.")
