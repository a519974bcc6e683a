from typing import Any

from django.core.management.base import BaseCommand

from koordinat.places.loader import load_districts
from koordinat.places.models import District


class Command(BaseCommand):
    help = (
        "Load or refresh the districts of Azerbaijan (names in az/ru/en, boundaries from "
        "geoBoundaries, CC BY-SA 3.0) shipped with Koordinat. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_districts()
        total = District.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Districts: created {created}; {total} in the registry."))
