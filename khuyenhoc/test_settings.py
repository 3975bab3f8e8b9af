"""Settings for the test suite: the real settings with fast hashing and in-memory mail."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-with-enough-length-and-variety-0123456789")
# Without DATABASE_URL (CI's SQLite pass) the suite uses the SQLite file that the settings fall back to
# only with DEBUG on; the suite runs with DEBUG off, like production.
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parent.parent / 'db.sqlite3'}")


def redis_url_of_worker(url: str, worker: str) -> str:
    """Under pytest-xdist, worker ``gwN`` uses the Redis database N places after the one configured
    (wrapping at 16), as it uses its own test database: its cache and its Celery queues are its own."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + int(worker.removeprefix('gw'))) % 16}"))


# Set in the environment, so that the servers and workers a test starts in other processes use it too.
if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["REDIS_URL"] = redis_url_of_worker(os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"])

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="khuyenhoc-test-media-"))
# The login and password-reset counters, cleared before every test (conftest.py).
CACHES = {**CACHES, "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}}  # noqa: F405
# The read replica as a mirror of the test database (khuyenhoc/db_router.py). Nothing reads from it
# unless a test sets READ_REPLICA_ALIAS = "replica" (and, as the replica is another connection, the
# test commits what it writes: django_db(transaction=True)).
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}  # noqa: F405
READ_REPLICA_ALIAS = ""
# No period totals built ahead by a worker (reports/period_totals.py): the suite's changes are mostly
# rolled back, and no worker runs to take the tasks, except in the test of it, which switches it on.
PERIOD_TOTALS_PREBUILD = False
