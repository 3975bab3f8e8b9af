"""WSGI entry point, used by gunicorn: ``gunicorn khuyenhoc.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")

application = get_wsgi_application()
