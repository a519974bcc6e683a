from typing import Any

from django.core.management.base import BaseCommand

from koordinat.directory.demo import loader


class Command(BaseCommand):
    help = "Load the demo registry: the Headquarters, its working groups, 55 structures and their people."

    def handle(self, *args: Any, **options: Any) -> None:
        result = loader.load()
        created = ", ".join(f"{name}: {count}" for name, count in result.created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (created {created})."))
        self.stdout.write(f"Demo logins (password for all: {loader.DEMO_PASSWORD}):")
        for key, email, role in result.logins:
            self.stdout.write(f"  {key:<12} {email:<45} {role}")
