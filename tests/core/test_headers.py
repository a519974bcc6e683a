"""The security headers every answer carries, and pages without inline script or style (issue #11 item 7)."""

import re
from pathlib import Path

from django.urls import reverse

import koordinat

TEMPLATES = Path(koordinat.__file__).parent / "templates"
# Rendered to PDF by WeasyPrint, never served to a browser.
PDF_SOURCES = ("meetings/documents", "analytics/documents")


def test_every_page_sends_the_security_headers(client, db):
    response = client.get(reverse("plans:plans"))
    assert set(response["Content-Security-Policy"].split("; ")) == {
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    }
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert "Strict-Transport-Security" not in response  # plain HTTP: browsers ignore it there


def test_hsts_is_sent_over_https(client, db):
    response = client.get(reverse("plans:plans"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_error_pages_carry_them_too(client, db):
    response = client.get("/az/plans/NO-SUCH-PLAN/", follow=True)  # to the portal, which has no such plan
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_behind_a_trusted_proxy_https_is_read_from_the_proxy(client, db, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(reverse("plans:plans"), HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" in response


def test_no_template_has_inline_script_handlers_or_style():
    offences = []
    for path in TEMPLATES.rglob("*.html"):
        if path.relative_to(TEMPLATES).as_posix().startswith(PDF_SOURCES):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\sstyle\s*=", r"<style\b"):
            offences += [f"{path.relative_to(TEMPLATES)}: {match}" for match in re.findall(pattern, text)]
    assert offences == []


def test_the_pages_start_govuk_frontend_and_htmx_from_static_files(client, db):
    html = client.get(reverse("home")).content.decode()
    assert '<script src="/static/koordinat/js-enabled.js"></script>' in html
    assert '<script type="module" src="/static/koordinat/start.js"></script>' in html
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html)
    assert config is not None
    assert '"allowEval": false' in config.group(1)
    assert '"includeIndicatorStyles": false' in config.group(1)
