"""Alianza settings: one module, read from the environment (django-environ).

With no environment at all this gives a working local instance: SQLite under
var/, a Celery broker on the filesystem, console e-mail and DEBUG on. The
production variables are listed in README.md.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env(
    "SECRET_KEY",
    default="django-insecure-local-only-never-use-in-production-7a1c9f2e4b",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://localhost:8000")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

DJANGO_APPS = [
    # modeltranslation must come before admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_countries",
    "axes",
    "csp",
    # Two-factor sign-in: a TOTP app, and one-time recovery codes (#14)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "members",
    "consortia",
    "methodology",
    "monitoring",
    "notifications",
    "portal",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # First: /healthz answers before host checks, HTTPS redirects and sign-in (core/health.py).
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every page, partial and export compressed (static files are whitenoise's, compressed
    # ahead). BREACH: Django masks the CSRF token afresh in every response, and no other
    # secret is echoed in a page, so compressing HTML leaks nothing an attacker can guess.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A person who owes a second factor goes to its page before any other.
    "accounts.middleware.TwoFactorMiddleware",
    # After authentication: a signed-in person's stored language wins.
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a refused sign-in of a locked-out account or address into the lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "notifications.context_processors.unread_count",
            ],
            # {% icon "bell" %}, sortable headers and days left/late on every page without a {% load %}.
            "builtins": ["core.templatetags.icons", "core.templatetags.lists", "core.templatetags.days"],
        },
    },
]

# ------------------------------------------------------------------------------
# Database: https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'alianza.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# ------------------------------------------------------------------------------
# Authentication
# ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in (page, admin, API token) while the account or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "core.permissions.RulesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account,
# or from one address, sign-in is refused for LOGIN_LOCKOUT_MINUTES, the right password too.
# A coordinator ("Paused sign-ins", accounts:lockouts) or an admin (Axes in the admin) unlocks
# sooner, and a password reset lifts the account's pause.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Behind a proxy, the client's address is the proxy's: name the header it sets, and how many proxies.
AXES_IPWARE_META_PRECEDENCE_ORDER = env.tuple("CLIENT_IP_HEADERS", default=("REMOTE_ADDR",))
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=None)
AXES_VERBOSE = False
# Failures are counted; successful sign-ins are not logged a second time (User.last_login has them).
AXES_DISABLE_ACCESS_LOG = True
# Two-factor sign-in (django-otp): with TWO_FACTOR_REQUIRED on, admins and coordinators must
# set up an authenticator app before anything else; anyone may turn it on from their profile.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = env("TWO_FACTOR_ISSUER", default="Alianza")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ------------------------------------------------------------------------------
# Languages: https://docs.djangoproject.com/en/5.2/topics/i18n/translation/
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env("TIME_ZONE", default="America/Caracas")
USE_I18N = True
# Per-language number and date formats that differ from Django's (Spanish groups with a dot).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

# ------------------------------------------------------------------------------
# Static files and uploads: https://whitenoise.readthedocs.io/en/stable/django.html
# ------------------------------------------------------------------------------
STATIC_URL = "static/"
# Where `collectstatic` writes (whitenoise serves from there); MEDIA_ROOT: local uploads.
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads: on local disk (MEDIA_ROOT), or with MEDIA_STORAGE=s3 in an S3-compatible bucket
# shared by every web and worker machine (django-storages; AWS, MinIO, Ceph, Spaces…).
# Either way they are read back only through the permission-checked download views,
# never from a public URL: the bucket stays private.
MEDIA_STORAGE = env("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE is {MEDIA_STORAGE!r}: use 'local' or 's3'.")
_MEDIA_BACKEND = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "location": env("S3_PREFIX", default="media"),
            "default_acl": "private",
            "file_overwrite": False,  # two uploads of one name keep both
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
    if MEDIA_STORAGE == "s3"
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": _MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# ------------------------------------------------------------------------------
# E-mail: https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
# ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Alianza <no-reply@alianza.local>")
# Seconds before a silent SMTP server counts as a failed attempt (then retried with backoff).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# ------------------------------------------------------------------------------
# Security (production): `manage.py check --deploy` is clean with DEBUG=false
# ------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# How long a sign-in lasts without signing in again, in seconds (Django's default: two weeks).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=1_209_600)

# Content-Security-Policy (django-csp), in every environment so the browser tests hold the pages
# to it: scripts, styles, fonts and images only from this site, no inline script or <style>
# (inline style="" attributes stay: progress bars set their width), no framing, no plugins.
# CSP_REPORT_ONLY=true sends it as Content-Security-Policy-Report-Only while trying it out.
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# Permissions-Policy (django-permissions-policy): the browser features no page here uses, off.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# ------------------------------------------------------------------------------
# Forms
# ------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
FORM_RENDERER = "core.forms.QuickSelectRenderer"  # <select> written in Python: see its docstring

# ------------------------------------------------------------------------------
# REST API: https://www.django-rest-framework.org/api-guide/settings/
# ------------------------------------------------------------------------------
# An API token older than this many days is refused and deleted (0: tokens never expire).
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)
# The browsable API (HTML pages over the API), for signed-in people only; off unless DEBUG.
API_BROWSABLE = env.bool("API_BROWSABLE", default=DEBUG)
# The OpenAPI schema and its docs page need a signed-in person unless this is on.
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=False)
REST_FRAMEWORK = {
    # Token first: a missing, wrong or expired token gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.KeptCountPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if API_BROWSABLE else []),
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.negotiation.SignedInBrowsableNegotiation",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alianza API",
    "DESCRIPTION": "SME export and origin consortia: registry, review and monitoring.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.AllowAny" if API_DOCS_PUBLIC else "rest_framework.permissions.IsAuthenticated"
    ],
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "django_countries.countries",
        "ConsortiumStatusEnum": "consortia.models.Consortium.Status",
        "ConsortiumKindEnum": "consortia.models.Consortium.Kind",
        "InstitutionKindEnum": "members.models.Institution.Kind",
    },
}

# ------------------------------------------------------------------------------
# Monitoring
# ------------------------------------------------------------------------------
# A six-month report is due this many days after its period ends.
REPORT_GRACE_DAYS = env.int("REPORT_GRACE_DAYS", default=15)
# A submitted report waiting this many days for review reminds the coordinators in scope
# (then again after each further such span, three times at most).
REVIEW_REMINDER_DAYS = env.int("REVIEW_REMINDER_DAYS", default=10)

# ------------------------------------------------------------------------------
# Celery: https://docs.celeryq.dev/en/stable/userguide/configuration.html
# With no broker configured, kombu's filesystem transport under var/ needs no server.
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost/")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
        "polling_interval": 0.25,  # seconds between looks at the queue folder (default 1)
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
# Seconds to reach a broker host that does not answer. A web request queuing an
# e-mail gives up then (notifications.services._enqueue also skips kombu's retry
# loop) and the row waits for the deliver-pending sweep.
CELERY_BROKER_CONNECTION_TIMEOUT = 3

# The beat schedule: every job, when it runs, in one place. `manage.py run_job <name>`
# runs any entry once by the same name (for cron users and debugging).
# JOBS_EVERY_SECONDS replaces every time below by a short interval, for demos and
# the end-to-end test that watches beat, a worker and the mail outbox together.
JOBS_EVERY_SECONDS = env.int("JOBS_EVERY_SECONDS", default=0)


def _when(schedule):
    return datetime.timedelta(seconds=JOBS_EVERY_SECONDS) if JOBS_EVERY_SECONDS else schedule


# Read notices are deleted this many days after they were written (unread ones are kept).
NOTICE_RETENTION_DAYS = env.int("NOTICE_RETENTION_DAYS", default=180)
# Beat leaves a heartbeat in the database (core.models.Heartbeat) for /healthz.
CELERY_BEAT_SCHEDULER = "core.beat:RecordingScheduler"
# /healthz calls e-mail late when a notice has waited this long, and beat late when it has
# not ticked for this long (it ticks at least every 5 minutes: deliver-pending).
HEALTH_EMAIL_LATE_MINUTES = env.int("HEALTH_EMAIL_LATE_MINUTES", default=30)
HEALTH_BEAT_LATE_MINUTES = env.int("HEALTH_BEAT_LATE_MINUTES", default=15)

CELERY_BEAT_SCHEDULE = {
    # Daily at 04:30: rewrite every consortium's kept dashboard figures from its reports (a
    # backstop: the report services keep them as they go), logging any that had drifted.
    "refresh-figures": {"task": "monitoring.refresh_figures", "schedule": _when(crontab(hour=4, minute=30))},
    # Daily at 05:00: open the reporting periods that have started (and their reports).
    "open-periods": {"task": "monitoring.open_periods", "schedule": _when(crontab(hour=5, minute=0))},
    # Daily at 07:00, after the periods are open: reminders 14 and 3 days before a
    # report is due, on the due date, and weekly while overdue (coordinators copied).
    "report-reminders": {"task": "monitoring.report_reminders", "schedule": _when(crontab(hour=7, minute=0))},
    # Daily at 07:10: assignees, 3 days before a task is due, on the day, weekly while overdue (3 times).
    "task-reminders": {"task": "monitoring.task_reminders", "schedule": _when(crontab(hour=7, minute=10))},
    # Daily at 07:15: coordinators, for reports waiting for their review more than REVIEW_REMINDER_DAYS.
    "review-reminders": {"task": "monitoring.review_reminders", "schedule": _when(crontab(hour=7, minute=15))},
    # Mondays at 07:30: each coordinator's weekly digest.
    "coordinator-digest": {
        "task": "monitoring.coordinator_digest",
        "schedule": _when(crontab(day_of_week="mon", hour=7, minute=30)),
    },
    # Daily at 03:30: delete read notices older than NOTICE_RETENTION_DAYS.
    "prune-notices": {"task": "notifications.prune_notices", "schedule": _when(crontab(hour=3, minute=30))},
    # Every 5 minutes: e-mail whatever is still unsent (broker was down, a worker
    # died, SMTP failed and its backoff has passed).
    "deliver-pending": {"task": "notifications.deliver_pending", "schedule": _when(crontab(minute="*/5"))},
}

# ------------------------------------------------------------------------------
# Logging: errors to the console, where the process manager collects them
# ------------------------------------------------------------------------------
# LOG_FORMAT=json writes one JSON object per line (python-json-logger), for a log shipper.
LOG_FORMAT = env("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT is {LOG_FORMAT!r}: use 'text' or 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Axes logs every failed sign-in at INFO; its warnings (a lockout) are what an operator needs.
    "loggers": {"axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")}},
}

# ------------------------------------------------------------------------------
# Error tracking: with SENTRY_DSN set, unhandled errors in web requests and Celery jobs,
# and ERROR log records, go to Sentry (or a compatible service such as GlitchTip).
# No personal data: no cookies, no request bodies, no user e-mail addresses.
# ------------------------------------------------------------------------------
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
