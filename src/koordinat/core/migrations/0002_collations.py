"""The collations `koordinat_az`, `koordinat_ru` and `koordinat_en` that order lists by each
language's alphabet (core.collation). PostgreSQL gets ICU's; a server built without ICU gets the
operating system's locale of the language, or "C". SQLite registers them on each connection."""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

LOCALES = {"az": ("az_AZ", "az"), "ru": ("ru_RU", "ru"), "en": ("en_US", "en_GB", "en")}


def create_collations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')")
        icu = cursor.fetchone()[0]
        for language, locales in LOCALES.items():
            name = f"koordinat_{language}"
            if icu:
                cursor.execute(f"CREATE COLLATION IF NOT EXISTS {name} (provider = icu, locale = '{language}')")
                continue
            cursor.execute(
                "SELECT collname FROM pg_collation WHERE collprovider = 'c' AND collname = ANY(%s) ORDER BY collname",
                [[f"{locale}.utf8" for locale in locales] + [f"{locale}.UTF-8" for locale in locales]],
            )
            row = cursor.fetchone()
            source = row[0] if row else "C"
            logger.warning("PostgreSQL has no ICU: %s copies the collation %s.", name, source)
            cursor.execute(f'CREATE COLLATION IF NOT EXISTS {name} FROM "{source}"')


def drop_collations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for language in LOCALES:
            cursor.execute(f"DROP COLLATION IF EXISTS koordinat_{language}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_collations, drop_collations, elidable=False)]
