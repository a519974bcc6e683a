"""`make demo` (settings.demo) shows visitors' pages: friendly 404 and 500 pages unless a developer
sets DEBUG=1 (issue 14, 7). Read in a fresh interpreter: settings are read once per process."""

import json
import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings

PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "finders": settings.WHITENOISE_USE_FINDERS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
}))
"""


def demo_settings(**environment: str) -> dict:
    # Only what finds Python and the checkout: settings from this process's environment stay out.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "KOORDINAT_VAR_DIR") if key in os.environ}
    env.update(DJANGO_SETTINGS_MODULE="koordinat.config.settings.demo", **environment)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_demo_runs_without_debug_by_default():
    settings = demo_settings()
    assert settings["debug"] is False
    assert settings["hosts"] == ["127.0.0.1", "localhost"]
    # Static files from the source tree, over plain HTTP, with or without DEBUG.
    assert settings["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert settings["finders"] is True
    assert settings["secure_cookies"] is False


def test_a_developer_asks_for_debug():
    assert demo_settings(DEBUG="1")["debug"] is True


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_without_debug_a_missing_page_is_the_friendly_one():
    response = Client().get("/en/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Go to the home page" in page


@pytest.mark.django_db
def test_without_debug_an_error_is_the_friendly_page(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page or "xidmətin işində problem yaranıb" in page
    assert "Traceback" not in page
