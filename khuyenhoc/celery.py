"""The Celery application.

Configuration comes from Django settings under the CELERY_ namespace: with
REDIS_URL set, Redis is the broker; without it tasks run eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")

app = Celery("khuyenhoc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
