"""Settings for the negotiation tracker.

Twelve-factor: everything that differs between a laptop and production comes from the environment.
Every variable read here is documented in the README ("Configuration"). Bad values raise
ImproperlyConfigured at start-up instead of being silently replaced.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The embedded default (no DATABASE_URL: a SQLite file, a local run) is a development setup:
# DEBUG defaults to on there, as `make run` sets it, so `manage.py <command>` works as it is.
# With a DATABASE_URL it defaults to off (production).
EMBEDDED_DEFAULT = not os.environ.get("DATABASE_URL")
DEBUG = env_bool("DEBUG", EMBEDDED_DEFAULT)

# SECRET_KEY, else the file `make run` generates (var/secret_key; SECRET_KEY_FILE names another).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE") or BASE_DIR / "var" / "secret_key")
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. It is required when DEBUG is off; "
            "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Development only (DEBUG on): never used when DEBUG is off, see above.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names)"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "tracker.apps.TrackerAdminConfig",  # django.contrib.admin with the workbench's URLs
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from here, not from a CDN
    "django_celery_beat",
    "simple_history",
    "import_export",
    "negotiations",
]

# Prepared statements for repeated reads (tracker/prepared.py). Off by default: behind a pooler in
# transaction mode (PgBouncer), the usual production setup, a statement prepared on one server
# connection is missing on the next. Turn on only when connecting directly or in session mode.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", False)

MIDDLEWARE = [
    # Repeated reads run as prepared statements on PostgreSQL (tracker/prepared.py).
    *(["tracker.prepared.PreparedReadsMiddleware"] if DATABASE_PREPARED_STATEMENTS else []),
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

# --- Database -------------------------------------------------------------------------------------
# The embedded default is a SQLite file in the project; production and the tests use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Longest a database statement of a web request may run, in milliseconds (0: no limit). Web
# processes only: gunicorn marks its workers TRACKER_PROCESS=web (tracker/gunicorn_conf.py);
# Celery workers and commands run long batch statements and keep no limit.
WEB_STATEMENT_TIMEOUT = env_int("WEB_STATEMENT_TIMEOUT", 30_000)
if (
    os.environ.get("TRACKER_PROCESS") == "web"
    and WEB_STATEMENT_TIMEOUT > 0
    and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={WEB_STATEMENT_TIMEOUT}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security (production defaults when DEBUG is off; `manage.py check --deploy` passes) ---------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Load balancers and the compose health check probe over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("USE_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself (it strips any value a client sends).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")
if not SECURE_HSTS_PRELOAD:
    # security.W021 only reminds that HSTS preloading is off. Preloading is a commitment of the
    # operator's whole domain (subdomains included, slow to undo), so it stays an explicit opt-in
    # (SECURE_HSTS_PRELOAD=1) and its reminder does not fail `check --deploy`.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# --- Cache --------------------------------------------------------------------------------------
# API throttling and sessions' cache share it: with several web processes it must be shared too.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL={CACHE_URL!r} must be a redis:// URL")
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ---------------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
# Without a broker, tasks run in-process and eagerly: the embedded default needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Ingestion ------------------------------------------------------------------------------------
# Safe fetching of feeds and pages (see negotiations/services/fetch.py).
INGEST_USER_AGENT = os.environ.get(
    "INGEST_USER_AGENT",
    "NegotiationTracker/0.1 (+https://github.com/negotiation-tracker; research use)",
)
INGEST_CONNECT_TIMEOUT = env_int("INGEST_CONNECT_TIMEOUT", 5)  # seconds
INGEST_READ_TIMEOUT = env_int("INGEST_READ_TIMEOUT", 15)  # seconds between bytes
INGEST_MAX_BODY_BYTES = env_int("INGEST_MAX_BODY_BYTES", 5 * 1024 * 1024)  # as sent on the wire
INGEST_MAX_DECOMPRESSED_BYTES = env_int("INGEST_MAX_DECOMPRESSED_BYTES", 10 * 1024 * 1024)
INGEST_MAX_REDIRECTS = env_int("INGEST_MAX_REDIRECTS", 5)
# Loopback (127.0.0.0/8, ::1) is refused like any private address unless this is on: the tests
# turn it on for their local HTTP server. Private, link-local, multicast and reserved addresses
# are always refused.
INGEST_ALLOW_LOOPBACK = env_bool("INGEST_ALLOW_LOOPBACK", False)
INGEST_FETCH_MAX_RETRIES = env_int("INGEST_FETCH_MAX_RETRIES", 5)
# Longest time one fetch may take, redirects and body included (seconds): a slower page is a
# failure with that reason, not retried.
INGEST_FETCH_DEADLINE = env_int("INGEST_FETCH_DEADLINE", 60)
# A 429 or 503 with Retry-After is retried after that many seconds, at most this many.
INGEST_RETRY_AFTER_MAX = env_int("INGEST_RETRY_AFTER_MAX", 600)
# Backoff between fetch retries: BACKOFF * 2**retry seconds, at most BACKOFF_MAX.
INGEST_FETCH_RETRY_BACKOFF = env_int("INGEST_FETCH_RETRY_BACKOFF", 2)
INGEST_FETCH_RETRY_BACKOFF_MAX = env_int("INGEST_FETCH_RETRY_BACKOFF_MAX", 600)
# Articles per re-analysis task: each task must finish within its time limit.
INGEST_REPROCESS_CHUNK = env_int("INGEST_REPROCESS_CHUNK", 50)
INGEST_FEED_MAX_ENTRIES = env_int("INGEST_FEED_MAX_ENTRIES", 100)
# A job stuck in "analysing" longer than this was lost with its worker and may be claimed again.
INGEST_STALE_CLAIM_SECONDS = env_int("INGEST_STALE_CLAIM_SECONDS", 600)
# Shortest extracted text (characters) that counts as an article.
INGEST_MIN_ARTICLE_CHARS = env_int("INGEST_MIN_ARTICLE_CHARS", 250)
# Longest text stored and analysed (characters; 0: no cap). A longer text is cut at a paragraph
# break and the article records the cut (Article.text_note); news articles are far shorter.
INGEST_MAX_ANALYSED_CHARS = env_int("INGEST_MAX_ANALYSED_CHARS", 200_000)

# --- Review ---------------------------------------------------------------------------------------
# Four eyes: a record written by a person is approved by another reviewer (superusers included).
# A one-person team turns this on to approve its own records (services/four_eyes.py).
REVIEW_ALLOW_SELF_APPROVAL = env_bool("REVIEW_ALLOW_SELF_APPROVAL", False)

# --- REST API (Django REST framework, drf-spectacular) --------------------------------------------
# Anonymous clients get nothing unless API_ANONYMOUS_READ is on; then they may read (never write).
API_ANONYMOUS_READ = env_bool("API_ANONYMOUS_READ", False)
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
# Longest nested list one write takes (a statement's reports or tracks, evidence, stages).
API_MAX_NESTED_ITEMS = env_int("API_MAX_NESTED_ITEMS", 100)
# A larger ?page_size= is refused with a 400 that names the limit (never silently capped).
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 500)
if not 1 <= API_PAGE_SIZE <= API_MAX_PAGE_SIZE:
    raise ImproperlyConfigured("API_PAGE_SIZE must be between 1 and API_MAX_PAGE_SIZE")
# Rows fetched per database round trip by the streamed exports.
API_EXPORT_CHUNK_SIZE = env_int("API_EXPORT_CHUNK_SIZE", 2000)
# Request bodies above this size get a 400 (the API and Django's form parsing share the limit).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's TokenAuthentication, plus the user's permissions in the same query (PostgreSQL).
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["negotiations.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        # django-filter's backend, minus building the FilterSet when no filter is asked for.
        "negotiations.api.filters.SkippingDjangoFilterBackend",
        "negotiations.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "negotiations.api.pagination.CappedCursorPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_PARSER_CLASSES": [
        "negotiations.api.parsers.BoundedJSONParser",
    ],
    "DEFAULT_RENDERER_CLASSES": (
        [
            "negotiations.api.renderers.FastJSONRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ]
        if DEBUG
        else ["negotiations.api.renderers.FastJSONRenderer"]
    ),
    "DEFAULT_THROTTLE_CLASSES": [
        "negotiations.api.throttling.AnonThrottle",
        "negotiations.api.throttling.UserThrottle",
        "negotiations.api.throttling.ScopedThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
        "export": os.environ.get("API_THROTTLE_EXPORT", "30/minute"),
        "ingest": os.environ.get("API_THROTTLE_INGEST", "60/minute"),
    },
    # Reverse proxies in front of the web process: anonymous clients are throttled by the address
    # that many hops back in X-Forwarded-For. 0 ignores the header, which any client can forge.
    "NUM_PROXIES": env_int("API_TRUSTED_PROXIES", 0),
    "EXCEPTION_HANDLER": "negotiations.api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # ?format= is not a renderer switch here: the exports use it for csv / jsonl.
    "URL_FORMAT_OVERRIDE": None,
    "ORDERING_PARAM": "ordering",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Negotiation tracker API",
    "DESCRIPTION": (
        "The curated record of negotiations on security guarantees for Ukraine: parties, "
        "officials, outlets, articles, tracks with their status history, statements with every "
        "outlet's wording, and commitments. Reads show approved material unless a reviewer asks "
        "for ?review_state=pending. Errors share one JSON shape (see the Error schema)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "negotiations.api.schema.add_error_responses",
        "negotiations.api.schema.mark_empty_query_values",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStateEnum": "negotiations.models.base.ReviewState",
        "DatePrecisionEnum": "negotiations.models.base.DatePrecision",
        "ChannelEnum": "negotiations.models.record.Channel",
        "StatementKindEnum": "negotiations.models.record.Statement.Kind",
        "StatusEnum": "negotiations.models.record.StatusChange.Status",
        "CategoryEnum": "negotiations.models.record.Commitment.Category",
        "TrackKindEnum": "negotiations.models.record.Track.Kind",
    },
}
