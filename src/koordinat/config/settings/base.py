"""Settings read from the environment; defaults give a working single-machine install on SQLite."""

import datetime
import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]
# A source checkout keeps its data in <checkout>/var; an installed package in ./var or KOORDINAT_VAR_DIR.
_CHECKOUT_DIR = PACKAGE_DIR.parents[1] if PACKAGE_DIR.parent.name == "src" else Path.cwd()
VAR_DIR = Path(os.environ.get("KOORDINAT_VAR_DIR", _CHECKOUT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for a local install).")
    SECRET_KEY = "insecure-local-development-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "template_partials",
    "csp",
    # Before our apps: its sign-in signal handlers run first, so ours see whether it locked the attempt.
    "axes",
    "django_tasks",
    "django_tasks_db",
    "koordinat.core",
    "koordinat.accounts",
    "koordinat.directory",
    "koordinat.jobs",
    "koordinat.places",
    "koordinat.plans",
    "koordinat.execution",
    "koordinat.meetings",
    "koordinat.analytics",
    "koordinat.notifications",
    "koordinat.portal",
    "koordinat.events",
    "koordinat.dialogue",
    "koordinat.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "koordinat.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public's repeated requests for a public page end here, from the cache (decision 68).
    "koordinat.portal.caching.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "koordinat.accounts.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "koordinat.core.middleware.RefusalAuditMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "koordinat.config.urls"
WSGI_APPLICATION = "koordinat.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koordinat.core.context_processors.layout",
                "koordinat.notifications.context_processors.unread",
            ],
            # `capfirst`, `upper` and `lower` that know Azerbaijani İ and ı, in place of Django's.
            "builtins": ["koordinat.core.templatetags.text"],
        },
    }
]
FORM_RENDERER = "koordinat.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'koordinat.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
# Koordinat's rules are predicates its services and views call (see docs/decisions.md); Django's own
# model permissions, which only the admin reads, stay with ModelBackend (UserBackend is one).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in before any password check
    "koordinat.accounts.backends.UserBackend",  # Django's ModelBackend, the user read with their names
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "koordinat.accounts.validators.EmailSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "az"
LANGUAGES = [("az", _("Azerbaijani")), ("ru", _("Russian")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "az"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("az", "en", "ru"), "ru": ("ru", "az", "en")}
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Baku")
USE_I18N = True
# Dates in each language's own format (config/formats): "5 dekabr 2026", "5 декабря 2026 г.", "5 December 2026".
FORMAT_MODULE_PATH = ["koordinat.config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Uploaded files (plan documents waiting for confirmation, evidence) live outside STATIC_ROOT and
# any served path and have no URL: only views that check who asks read them. In production the web
# server sends evidence on the view's word (docs/execution.md).
KOORDINAT_PRIVATE_DIR = Path(os.environ.get("KOORDINAT_PRIVATE_DIR", VAR_DIR / "private"))


def private_storages(root: Path) -> dict[str, dict[str, object]]:
    return {
        "default": {
            "BACKEND": "koordinat.core.files.PrivateStorage",
            "OPTIONS": {"location": root / "uploads"},
        },
        "evidence": {
            "BACKEND": "koordinat.core.files.PrivateStorage",
            "OPTIONS": {"location": root / "evidence"},
        },
    }


STORAGES = {
    **private_storages(KOORDINAT_PRIVATE_DIR),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Where uploads lay before they were private (the old MEDIA_ROOT): read only by the migrations that
# move them (execution 0005, plans 0005).
KOORDINAT_LEGACY_MEDIA_DIR = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG  # `make demo` serves static files without collectstatic
# Who sends a private file: "" this process, "x-accel-redirect" nginx (from the internal location
# KOORDINAT_SENDFILE_PREFIX, an alias of KOORDINAT_PRIVATE_DIR), "x-sendfile" Apache mod_xsendfile.
KOORDINAT_SENDFILE = os.environ.get("KOORDINAT_SENDFILE", "").strip().lower()
KOORDINAT_SENDFILE_PREFIX = os.environ.get("KOORDINAT_SENDFILE_PREFIX", "/_private/")
if KOORDINAT_SENDFILE not in ("", "x-accel-redirect", "x-sendfile"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured('KOORDINAT_SENDFILE is "", "x-accel-redirect" or "x-sendfile".')

EMAIL_CONFIG = dj_email_url.parse(os.environ.get("EMAIL_URL", "console://"))
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "koordinat@localhost")
# The installation's public address: links in e-mails and calendar feeds are written on it.
KOORDINAT_BASE_URL = os.environ.get("KOORDINAT_BASE_URL", "http://127.0.0.1:8000")

# Background work (the django.tasks API): jobs wait in the database for `koordinat worker`; no broker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker (koordinat.jobs, docs/operations.md): how often a job that raises is tried in all, the
# first wait before trying again (doubled after each attempt, at most an hour), how long a job's
# lease lasts without its worker's heartbeat before another worker takes the job again, and the
# hour of the day (local time) from which the day's scheduled jobs are due, and how many missed days
# they catch up after downtime.
KOORDINAT_JOB_ATTEMPTS = int(os.environ.get("KOORDINAT_JOB_ATTEMPTS", 5))
KOORDINAT_JOB_BACKOFF_SECONDS = int(os.environ.get("KOORDINAT_JOB_BACKOFF_SECONDS", 60))
KOORDINAT_JOB_LEASE_SECONDS = int(os.environ.get("KOORDINAT_JOB_LEASE_SECONDS", 300))
KOORDINAT_DAILY_JOBS_HOUR = int(os.environ.get("KOORDINAT_DAILY_JOBS_HOUR", 5))
KOORDINAT_SCHEDULE_CATCH_UP_DAYS = int(os.environ.get("KOORDINAT_SCHEDULE_CATCH_UP_DAYS", 7))
# The reminder ladder (docs/notifications.md): reminders this many working days before a control
# date and on it, then this many working days after it; from the "head" step on the head of the
# executing organisation is told too, from the "controller" step on the controller. A plan may set its
# own (its edit form).
KOORDINAT_REMINDER_LADDER = {
    "before": [int(days) for days in env_list("KOORDINAT_REMINDER_DAYS_BEFORE", "10,3")],
    "overdue": [int(days) for days in env_list("KOORDINAT_REMINDER_DAYS_OVERDUE", "1,7")],
    "head": int(os.environ.get("KOORDINAT_REMINDER_HEAD_FROM", 1)),
    "controller": int(os.environ.get("KOORDINAT_REMINDER_CONTROLLER_FROM", 7)),
}
# Working days an organisation has to answer a citizen's accepted question or proposal (docs/dialogue.md);
# a plan may have its own term (the admin site, "Terms to answer").
KOORDINAT_ANSWER_WORKING_DAYS = int(os.environ.get("KOORDINAT_ANSWER_WORKING_DAYS", 10))
# An official execution report of a plan with at most this many items under control is made while
# its request waits; a larger plan's goes to the worker, and its page shows the progress.
KOORDINAT_OFFICIAL_REPORT_INLINE_ITEMS = int(os.environ.get("KOORDINAT_OFFICIAL_REPORT_INLINE_ITEMS", 200))
# Plan files uploaded and never confirmed, and evidence files no report holds, are deleted after this.
KOORDINAT_ABANDONED_UPLOAD_DAYS = int(os.environ.get("KOORDINAT_ABANDONED_UPLOAD_DAYS", 7))

KOORDINAT_MAX_UPLOAD_BYTES = int(os.environ.get("KOORDINAT_MAX_UPLOAD_BYTES", 20 * 2**20))
KOORDINAT_MAX_EVIDENCE_BYTES = int(os.environ.get("KOORDINAT_MAX_EVIDENCE_BYTES", 20 * 2**20))
# How much the evidence checks may unpack of one file (a PDF's streams, an office document's parts).
KOORDINAT_MAX_EVIDENCE_UNPACKED_BYTES = int(
    os.environ.get("KOORDINAT_MAX_EVIDENCE_UNPACKED_BYTES", 200 * 2**20)
)
# What an uploaded XLSX or DOCX may unpack to, and what a plan table may hold (core.archives,
# plans.importing.readers): checked before the file is parsed. A 20,000-item plan unpacks to about 8 MB.
KOORDINAT_MAX_UNPACKED_BYTES = int(os.environ.get("KOORDINAT_MAX_UNPACKED_BYTES", 100 * 2**20))
KOORDINAT_MAX_COMPRESSION_RATIO = int(os.environ.get("KOORDINAT_MAX_COMPRESSION_RATIO", 200))
KOORDINAT_MAX_ARCHIVE_MEMBERS = int(os.environ.get("KOORDINAT_MAX_ARCHIVE_MEMBERS", 1000))
KOORDINAT_MAX_IMPORT_ROWS = int(os.environ.get("KOORDINAT_MAX_IMPORT_ROWS", 100_000))
KOORDINAT_MAX_IMPORT_CELLS = int(os.environ.get("KOORDINAT_MAX_IMPORT_CELLS", 2_000_000))
# The years a date typed or imported may fall in (core.dates): Python's year 1 and 9999 overflow.
KOORDINAT_DATE_MIN_YEAR = int(os.environ.get("KOORDINAT_DATE_MIN_YEAR", 1900))
KOORDINAT_DATE_MAX_YEAR = int(os.environ.get("KOORDINAT_DATE_MAX_YEAR", 2100))
KOORDINAT_HOLIDAYS = env_list("KOORDINAT_HOLIDAYS", "")
KOORDINAT_EXTRA_WORKING_DAYS = env_list("KOORDINAT_EXTRA_WORKING_DAYS", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20

# Trusted reverse proxies in front of the app servers: the client address is then read from
# X-Forwarded-For (counted from the right) and HTTPS from X-Forwarded-Proto.
KOORDINAT_PROXY_COUNT = int(os.environ.get("KOORDINAT_PROXY_COUNT", "0"))
if KOORDINAT_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sign-in lockout (django-axes): a wrong password counts against the e-mail address typed from the
# client address it came from; at the limit that pair is locked for the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("KOORDINAT_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("KOORDINAT_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "koordinat.accounts.signin.attempted_email"
AXES_CLIENT_IP_CALLABLE = "koordinat.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "koordinat.accounts.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429  # Too Many Requests
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins and sign-outs are in the audit chain
AXES_ENABLE_ADMIN = False  # accounts.admin registers the attempts with an audited unlock

# Sessions end after KOORDINAT_IDLE_TIMEOUT_MINUTES without a request, and in any case
# KOORDINAT_SESSION_MAX_HOURS after signing in.
KOORDINAT_IDLE_TIMEOUT_MINUTES = int(os.environ.get("KOORDINAT_IDLE_TIMEOUT_MINUTES", "30"))
KOORDINAT_SESSION_MAX_HOURS = int(os.environ.get("KOORDINAT_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = KOORDINAT_SESSION_MAX_HOURS * 3600
# Sessions are kept in the database and read from the cache (Redis when REDIS_URL is set): a page
# then reads its session without a query, and a cache lost or cleared loses no one's session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)

# No inline script or style anywhere: everything the pages run or wear comes from our static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Sign-ins and lockouts are in the audit chain; axes' own log keeps only its warnings (lockouts).
    # WeasyPrint logs a line per page it lays out: an official report's hundreds of pages in the
    # worker's log say nothing its progress on the document's page does not.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
