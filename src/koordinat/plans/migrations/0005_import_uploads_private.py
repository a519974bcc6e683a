"""Plan documents uploaded before uploads were private: move the files of imports still waiting for
confirmation out of the old MEDIA_ROOT into the private default storage, under the same names.

Reversing leaves the files where they are now, since nothing served the old folder.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import migrations, transaction


def forward(apps, schema_editor):
    PlanImport = apps.get_model("plans", "PlanImport")
    old = FileSystemStorage(location=settings.KOORDINAT_LEGACY_MEDIA_DIR)
    moved = []
    for pending in PlanImport.objects.filter(status="pending").exclude(file="").iterator():
        name = pending.file.name
        if old.exists(name) and not default_storage.exists(name):
            with old.open(name, "rb") as source:
                saved = default_storage.save(name, source)
            if saved != name:
                pending.file.name = saved
                pending.save(update_fields=["file"])
            moved.append(name)
    transaction.on_commit(lambda: [old.delete(name) for name in moved])


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_planimport_keeps_its_preview")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
