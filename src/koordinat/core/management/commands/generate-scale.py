from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from koordinat.core import scale


class Command(BaseCommand):
    help = (
        "Fill an empty database with generated data at national scale, reproducible by --seed. "
        "Example: koordinat generate-scale --seed 1 --organizations 500 --people 20000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument("--organizations", type=int, default=500)
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument(
            "--bodies", type=int, default=None, help="Collegial bodies (default: organizations / 10)."
        )
        parser.add_argument("--plans", type=int, default=0)
        parser.add_argument("--measures", type=int, default=0, help="Measures, shared out over the plans.")
        parser.add_argument(
            "--reports", type=int, default=0, help="Execution reports, in quarterly cycles over the measures."
        )
        parser.add_argument("--meetings", type=int, default=0, help="Meetings of the collegial bodies.")
        parser.add_argument(
            "--instructions", type=int, default=0, help="Instructions, shared out over the meetings' minutes."
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--force", action="store_true", help="Generate even if the database has data.")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in (
            "organizations",
            "people",
            "plans",
            "measures",
            "reports",
            "meetings",
            "instructions",
            "batch_size",
        ):
            if options[name] < (1 if name == "batch_size" else 0):
                raise CommandError(
                    f"--{name.replace('_', '-')} must be a positive number, not {options[name]}."
                )
        with translation.override(None):  # an operator's command: its messages are in English
            holding = [
                str(model._meta.verbose_name_plural)
                for config in scale.generator_apps()
                for model in config.get_models()
                if model._default_manager.exists()
            ]
        if holding and not options["force"]:
            raise CommandError(
                f"This database already holds {', '.join(holding)}. Generate into an empty database "
                "(for example DATABASE_URL=postgres://.../koordinat_scale koordinat migrate), or pass --force."
            )
        counts = {name: options[name] for name in ("organizations", "people", "plans", "measures")}
        if options["bodies"] is not None:
            counts["bodies"] = options["bodies"]
        for name in ("reports", "meetings", "instructions"):
            if options[name]:
                counts[name] = options[name]
        scale.generate(
            seed=options["seed"], counts=counts, batch_size=options["batch_size"], report=self.stdout.write
        )
