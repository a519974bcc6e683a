"""Test settings: the database comes from DATABASE_URL (SQLite in var/ when unset)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from .base import *  # noqa: F403
from .base import STORAGES, private_storages

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Jobs a service enqueues run at once, inside the test; the worker's own tests use the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Uploads never land in var/.
KOORDINAT_PRIVATE_DIR = Path(tempfile.mkdtemp(prefix="koordinat-test-private-"))
KOORDINAT_LEGACY_MEDIA_DIR = Path(tempfile.mkdtemp(prefix="koordinat-test-media-"))
STORAGES = {
    **STORAGES,
    **private_storages(KOORDINAT_PRIVATE_DIR),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # type: ignore[assignment]  # whitenoise serves from the finders
WHITENOISE_USE_FINDERS = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DATABASES["default"]["CONN_MAX_AGE"] = 0  # the live server's threads must not keep the test database open  # noqa: F405
_database = DATABASES["default"]  # noqa: F405
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory: concurrent connections then wait for each other's
    # IMMEDIATE transactions (busy timeout) as in production, instead of failing "table is locked".
    _database["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="koordinat-test-db-")) / "test.sqlite3")}
