"""Settings of the ZVP portal.

Every knob is an environment variable read by a typed helper from
``zvp_portal.env``. With nothing set, the embedded defaults apply: a SQLite
file next to the code, Celery tasks run eagerly in-process, DEBUG on. A
production deployment sets at least ``DJANGO_SECRET_KEY``, ``DJANGO_DEBUG=false``,
``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL`` and ``CELERY_BROKER_URL``.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-0123456789-abcdefghijklmnop"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "simple_history",
    "axes",
    # The portal's layers, from the bottom up (tests/test_layers.py keeps each importing only from below).
    "core",
    "zones",
    "plans",
    "priorities",
    "actionplans",
    "stats",
    "comments",
    "editor",
    "documents",
    "dashboards",
    "imports",
    "public",
]

# Who holds which role in which zone: the access rule (core/access.py) reads it from this model.
ZVP_ZONE_MEMBERSHIP_MODEL = "zones.ZoneMembership"

MIDDLEWARE = [
    # First: /health/ answers before host checks and HTTPS redirects (container probes speak plain HTTP).
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer (pages, API, files).
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins after repeated failures (password guessing), before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Password reset links: at most this many requests an hour from one IP address, links to one e-mail address.
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "editor:workspace"
LOGOUT_REDIRECT_URL = "home"

ROOT_URLCONF = "zvp_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "zvp_portal.wsgi.application"

# Database: SQLite unless DATABASE_URL names another (postgres://user@host:port/db).
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a Celery worker process started by a test can share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch first, then French and English. Interface strings
# are written in English in the code and translated in locale/.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Front-end libraries come from the npm registry (package.json, installed by `make`) and are
# served from here: no CDN at run time.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/tinymce", NODE_MODULES / "tinymce"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Without DEBUG, static files are served from the manifest that collectstatic writes (hashed names, cached for a
# year), gzip- and Brotli-compressed in advance. DJANGO_STATIC_COMPRESS=false keeps the manifest but skips the
# compression (minutes of CPU for TinyMCE and the API docs): .ci/image-check uses it to stay fast.
STATIC_COMPRESS = env_bool("DJANGO_STATIC_COMPRESS", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_COMPRESS
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}

# Cache of the public pages (invalidated on publication) and of the password-reset limits: in-process memory
# unless CACHE_URL names a Redis. Several web processes (gunicorn workers) need the shared Redis, or a publication
# clears one worker's cache only: `manage.py check --deploy` warns (core.checks). Short socket timeouts: a Redis
# that hangs makes pages uncached (public.cache degrades), never slow.
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "zvp-portal"}
    )
}
# Seconds a public page may be served from the cache (publication clears it sooner).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 10 * 60)

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "zvp-portal@localhost")

# Celery: without a broker, tasks run eagerly in the calling process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or CELERY_BROKER_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 25 * 60)
# A task is acknowledged when it finished; a task whose worker process died is delivered again (core/jobs.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message taken by a worker that vanished whole comes back after this many seconds: longer than any task runs.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 5 * 60)
# A broker that is down answers a request within seconds: short connection timeouts, no retries on publish
# (the job stays queued and the reaper sends it again).
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("CELERY_BROKER_CONNECTION_TIMEOUT", 3)
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    # One more attempt, at once, when a request's first connection fails (the worker retries on its own).
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 3),
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_BROKER_CONNECTION_TIMEOUT
# The reaper (core.tasks.reap_jobs) runs under Celery beat (`celery -A zvp_portal worker --beat`, or `celery beat`):
# it fails jobs still running past their time limit plus ZVP_JOB_GRACE_SECONDS (their worker was lost) and sends
# again jobs queued for ZVP_JOB_RESEND_SECONDS whose message never reached the broker.
ZVP_JOB_REAP_SECONDS = env_int("ZVP_JOB_REAP_SECONDS", 60)
ZVP_JOB_GRACE_SECONDS = env_int("ZVP_JOB_GRACE_SECONDS", 60)
ZVP_JOB_RESEND_SECONDS = env_int("ZVP_JOB_RESEND_SECONDS", 60)
CELERY_BEAT_SCHEDULE = {
    "reap-jobs": {"task": "core.reap_jobs", "schedule": float(ZVP_JOB_REAP_SECONDS)},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

# Imports (imports/): what one file may hold and make. Larger files are refused before they are read.
ZVP_IMPORT_MAX_BYTES = env_int("ZVP_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
ZVP_IMPORT_MAX_ROWS = env_int("ZVP_IMPORT_MAX_ROWS", 300_000)
# The problems a report keeps (the first ones; the rest are counted), and the new series one import may create.
ZVP_IMPORT_MAX_PROBLEMS = env_int("ZVP_IMPORT_MAX_PROBLEMS", 1000)
ZVP_IMPORT_MAX_NEW_SERIES = env_int("ZVP_IMPORT_MAX_NEW_SERIES", 5000)
# The statistics page, its API and the comparison show at most this many series of each kind of a zone.
ZVP_STATISTICS_MAX_SERIES = env_int("ZVP_STATISTICS_MAX_SERIES", 300)

REST_FRAMEWORK = {
    # Token first: an anonymous write then gets 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # The API's viewsets use core.api.Pagination (page_size up to 200); importing it here would be circular.
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
# Personal API tokens, created and revoked by their owner at /account/tokens/.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=365),
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ZVP portal API",
    "DESCRIPTION": (
        "Zonal security plans of Belgian police zones.\n\n"
        "**Access.** Anonymous callers see what citizens see: the public parts of published (and archived) "
        "plans and the indicator values the council approved. Members of a zone also see its drafts and "
        "restricted parts; advisors and the korpschef change their zone's draft plans and, until a plan is "
        "archived, its yearly follow-up (action plans, objectives, actions, milestones, measured values).\n\n"
        "**Authentication.** The browser session, or a personal token created at /account/tokens/ and sent "
        "as `Authorization: Token <key>`.\n\n"
        "**Lists** are paginated: `page`, and `page_size` (50 by default, at most 200). They filter on "
        "`zone`, `plan`, `year`, `domain`, `theme`, `kind`, `status` where these apply, `q` (text search), "
        "and sort with `ordering`.\n\n"
        "**Optimistic locking.** Every row with a `revision` carries it in responses and as the `ETag` of "
        "its detail. An update sends back the revision it loaded, in `If-Match` (stale: 412) or as "
        "`revision` in the body (stale: 409); without it the answer is 428.\n\n"
        "**Nothing is dropped.** A write takes exactly the writable fields of its request body: a field the "
        "endpoint does not know, or one it does not let you change (such as `id`, `created_at` or a plan's "
        "`status`), answers 400 naming the field, and nothing is saved. An update that changes nothing "
        "saves nothing: the revision stays."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_fields.forbid_additional_properties",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status" or "kind"; each choice set gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "plans.models.Plan.Status",
        "PlanKindEnum": "plans.models.Plan.Kind",
        "ChapterKindEnum": "plans.models.Chapter.Kind",
        "PriorityKindEnum": "priorities.models.Priority.Kind",
        "ActionPlanStatusEnum": "actionplans.models.ActionPlan.Status",
        "ActionStatusEnum": "actionplans.models.Action.Status",
        "StatSeriesKindEnum": "stats.models.StatSeries.Kind",
        "IndicatorStatusEnum": "stats.status.IndicatorStatus",
        "DocumentKindEnum": "documents.models.Document.Kind",
        "JobStatusEnum": "core.jobs.JobStatus",
    },
}

# Security headers; the secure-cookie and HSTS knobs are on unless DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
