"""Settings of the portal.

Everything that differs between a developer's laptop and production comes
from environment variables (see ``.env.example``); nothing secret is
committed. Production fails loudly when a required variable is missing.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no variable; empty or unset is ``default``.

    Anything else stops start-up: read as False, a typo such as ``SECURE_SSL_REDIRECT=ture``
    would switch the hardening off without a word.
    """
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value: use 1/0, true/false, yes/no or on/off "
        "(in any case), or leave it empty or unset for the default."
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "khuyenhoc.admin_vi.AxesConfig",  # django-axes, under a Vietnamese name
    "simple_history",
    "khuyenhoc",
    "programmes",
    "reports",
    "tasks",
    "awards",
    "conferences",
    "public",
    "feed",
    # The demo data and the seed_demo command (no models). Installed everywhere, as `make run`
    # and the README load it; no product app imports it (demo/tests/test_layout.py).
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "khuyenhoc.db_router.ReplicaAfterWriteMiddleware",
    "khuyenhoc.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "khuyenhoc.middleware.SessionTimeoutMiddleware",
    "khuyenhoc.middleware.PrivatePagesMiddleware",
    "khuyenhoc.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "khuyenhoc.urls"
WSGI_APPLICATION = "khuyenhoc.wsgi.application"

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
                "khuyenhoc.navigation.navigation",
            ],
        },
    },
]

# Database: PostgreSQL in CI and production; a SQLite file for a first look, in development only,
# so that a production server whose DATABASE_URL went missing stops instead of starting on an
# empty SQLite file of its own.
# No server-side cursors: the select lists of the filter forms are read with QuerySet.iterator(),
# which on PostgreSQL costs three round trips (DECLARE, FETCH, CLOSE) for a few dozen rows on every
# dashboard and queue page; no list here needs one, and a transaction-pooling PgBouncer would not
# keep them anyway.
database_url = os.environ.get("DATABASE_URL", "")
if not database_url:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DATABASE_URL must be set when DEBUG is off, e.g. postgres://user:password@host:5432/khuyenhoc "
            "(only development, DEBUG=1, falls back to the SQLite file db.sqlite3)."
        )
    database_url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        database_url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        disable_server_side_cursors=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica (PostgreSQL streaming replication) for the dashboards and the report lists, when
# DATABASE_REPLICA_URL is set; every other read and every write go to the primary (khuyenhoc/db_router.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        disable_server_side_cursors=True,
    )
READ_REPLICA_ALIAS = "replica" if DATABASE_REPLICA_URL else ""
DATABASE_ROUTERS = ["khuyenhoc.db_router.PrimaryReplicaRouter"]

# Sessions live in the database, shared by every web server: no sticky sessions, and a flushed or
# restarted Redis (a cache and a broker, nothing more) signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Redis is the Celery broker and the cache when REDIS_URL is set. Without
# it, tasks run eagerly in the calling process and the cache is per process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Each parallel test worker has its own database, so its own keys too.
            "KEY_PREFIX": "khuyenhoc" + os.environ.get("PYTEST_XDIST_WORKER", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The login and password-reset counters (khuyenhoc/throttle.py): the same store, its own alias.
CACHES["throttle"] = {**CACHES["default"]}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# No global acks_late: a task is acknowledged after it runs (acks_late=True, redelivered if its worker
# dies) only where running it twice does no harm; tasks/tasks.py says why for each.
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# One static entry: what the sweep sends is data (periods, plans, reminder
# settings), changed in the admin without a deploy. Hourly, because the sweep is
# idempotent and a missed hour (a beat restart) is caught up by the next one.
# A worker builds a period page's totals when a report of the period moves (reports/period_totals.py).
PERIOD_TOTALS_PREBUILD = True
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {"task": "tasks.tasks.sweep_reminders", "schedule": 60 * 60},
    "expired-sessions": {"task": "tasks.tasks.clear_expired_sessions", "schedule": 24 * 60 * 60},
    # Monday 07:00 in CELERY_TIMEZONE (Asia/Ho_Chi_Minh): the feeds of the week before, once per person.
    "feed-weekly-digest": {
        "task": "feed.tasks.send_weekly_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week=1),
    },
}

# Authentication, with repeated failed logins throttled by django-axes.
AUTH_USER_MODEL = "programmes.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# Lock a username on one address, so an attacker cannot lock a colleague out
# from elsewhere and one shared office address does not lock everybody.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "khuyenhoc.views.locked_out"
# A browser that signed in as a username before is not locked out by others' failures
# on the same address; and one address is slowed down across usernames (khuyenhoc/throttle.py).
AXES_WHITELIST_CALLABLE = "khuyenhoc.throttle.is_known_device"
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
PASSWORD_RESET_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_PER_ADDRESS", "5"))
PASSWORD_RESET_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESET_PER_ACCOUNT", "3"))
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Language and formats: Vietnamese first, English second, dd/mm/yyyy.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["khuyenhoc.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

# Static files are served by the portal itself (WhiteNoise); no CDN.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files (evidence, signed scans) on the local disk (MEDIA_ROOT) by default; in an
# S3-compatible bucket when STORAGE_BUCKET is set, so that several web servers share them. The bucket
# stays private: files are only ever served through the portal's permission-checked views, which
# stream them from the storage (programmes/files.py), never by a link to the bucket.
STORAGE_BUCKET = os.environ.get("STORAGE_BUCKET", "")
if STORAGE_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": os.environ.get("STORAGE_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_REGION") or None,
            # Unset: boto3 finds credentials itself (AWS_* variables, an instance role).
            "access_key": os.environ.get("STORAGE_ACCESS_KEY") or None,
            "secret_key": os.environ.get("STORAGE_SECRET_KEY") or None,
            "location": os.environ.get("STORAGE_PREFIX", ""),
            "addressing_style": os.environ.get("STORAGE_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            # Names are generated (programmes/validators.stored_name); never replace a filed file.
            "file_overwrite": False,
            # A download is buffered in memory up to this size, on disk beyond it.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: a signed scan is a PDF or an image, checked by content, at most this size.
PLAN_SCAN_MAX_BYTES = int(os.environ.get("PLAN_SCAN_MAX_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
# Absolute links in e-mails point here.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng phối hợp khuyến học <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening; `manage.py check --deploy` passes with DEBUG off.
SESSION_COOKIE_HTTPONLY = True
# Signed out after this long without a request, and this long after signing in
# (khuyenhoc.middleware.SessionTimeoutMiddleware); the cookie lasts no longer.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", str(8 * 60)))
SESSION_MAX_DAYS = int(os.environ.get("SESSION_MAX_DAYS", "7"))
SESSION_COOKIE_AGE = SESSION_MAX_DAYS * 24 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

PORTAL_NAME = _("Study promotion coordination portal")
