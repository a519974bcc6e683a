from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koordinat.core import audit


class Command(BaseCommand):
    help = "Work with the tamper-evident audit chain. `koordinat audit verify` checks every row."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Recompute every hash; exit non-zero at the first broken row.")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = audit.verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event #{broken.event_id}: {broken.reason}. "
                f"{checked} events before it are intact."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain holds: {checked} events verified."))
