import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koordinat.analytics.forecast import backtest, services
from koordinat.analytics.forecast.history import History
from koordinat.analytics.models import ForecastModel
from koordinat.core import clock


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Give a date like 2026-06-30, not {value!r}.") from error


class Command(BaseCommand):
    help = (
        "The at-risk forecast. `train` retrains on the history and rescores every open item (the "
        "workers do it daily); `score` rescores with the last model; `backtest --as-of DATE` trains "
        "on what was known on DATE, scores the items open then and compares with what happened "
        "(writes nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        train = sub.add_parser("train", help="Retrain as of a day (today by default) and rescore.")
        train.add_argument("--as-of", help="Knowledge as of this date (YYYY-MM-DD).")
        score = sub.add_parser("score", help="Rescore every open item with the last model.")
        score.add_argument("--as-of", help="Score as of this date (YYYY-MM-DD).")
        test = sub.add_parser("backtest", help="Train as of a past date and compare with what happened.")
        test.add_argument("--as-of", required=True, help="The past date (YYYY-MM-DD).")
        test.add_argument(
            "--outcomes-as-of", help="Judge outcomes by what was known on this date (today by default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = clock.today()
        as_of = day(options["as_of"]) if options.get("as_of") else today
        if options["subcommand"] == "train":
            result = services.refresh(as_of=as_of)
            if not result["trained"]:
                self.stderr.write(f"No new model: {result['why']}")
            self.stdout.write(f"{result['scored']} open items scored as of {as_of}.")
        elif options["subcommand"] == "score":
            latest = ForecastModel.objects.first()
            if latest is None:
                raise CommandError("No model has been trained yet: run `koordinat forecast train`.")
            scored = services.rescore(history=History.load(), stored_model=latest, as_of=as_of)
            self.stdout.write(f"{scored} open items scored as of {as_of} with the model of {latest.as_of}.")
        else:
            known_on = day(options["outcomes_as_of"]) if options.get("outcomes_as_of") else today
            if as_of >= known_on:
                raise CommandError(f"--as-of must be before {known_on}: outcomes come after it.")
            self.stdout.write(backtest.text(backtest.run(as_of=as_of, known_on=known_on)))
