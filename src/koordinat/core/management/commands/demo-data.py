from typing import Any

from django.core.management.base import BaseCommand

from koordinat.core import demo


class Command(BaseCommand):
    help = (
        "Load the demo: the Headquarters, its working groups, 55 structures, their people and the districts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[tuple[str, str, str]] = []

        def report(name: str, result: Any) -> None:
            if isinstance(result, demo.LoadResult):
                logins.extend(result.logins)
                result = result.created
            counts = (
                ", ".join(f"{key}: {value}" for key, value in result.items())
                if isinstance(result, dict)
                else result
            )
            self.stdout.write(f"{name}: created {counts}")

        demo.load_all(report)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for key, email, role in logins:
            self.stdout.write(f"  {key:<12} {email:<45} {role}")
