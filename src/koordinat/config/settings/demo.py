"""The demo (`make demo`): one machine, SQLite, plain HTTP on 127.0.0.1 — and the pages a visitor
would see, friendly 404 and 500 pages included. Django's debug pages only when a developer asks for
them with `DEBUG=1`."""

import os

os.environ.setdefault("SECRET_KEY", "insecure-demo-key-not-for-production")

from .base import *  # noqa: F403
from .base import STORAGES, VAR_DIR, env_bool, env_list

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Served by this process over HTTP: cookies without the Secure flag, no HSTS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Static files straight from the source tree (no collectstatic, no manifest), served by WhiteNoise
# whether or not DEBUG is on.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The demo's mail stays on this machine, readable: each sending is a file under var/mail/ (EMAIL_URL,
# when set, sends it elsewhere).
if "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
