import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from koordinat.core import clock
from koordinat.execution import services


class Command(BaseCommand):
    help = (
        "Open the reporting cycle of every plan in force whose reporting period has just ended. "
        "The workers do it every day (koordinat worker); run it by hand for a given day. A period "
        "already opened is left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else clock.today()
        except ValueError as error:
            raise CommandError(
                f"--today must be a date like 2026-04-01, not {options['today']!r}."
            ) from error
        try:
            opened = services.open_scheduled_cycles(today=today)
        except ValidationError as error:
            raise CommandError(f"--today: {' '.join(error.messages)}") from error
        for cycle in opened:
            self.stdout.write(f"{cycle}: {cycle.reports.count()} reports due {cycle.due_date:%Y-%m-%d}")
        self.stdout.write(f"{len(opened)} cycle(s) opened.")
