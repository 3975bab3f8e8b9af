"""Production settings (DEBUG off, everything else from the environment) for the two-server test,
except static files: served unhashed, so the test needs no collectstatic first."""

from khuyenhoc.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# The test's users are made with the suite's fast hasher (khuyenhoc/test_settings.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
