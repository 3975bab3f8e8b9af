"""The suite runs in several processes (pytest-xdist): each must have Redis to itself, as it has its
own test database, or one process's cache and Celery queues would answer another's tests."""

import os

import pytest
from django.conf import settings

from khuyenhoc.test_settings import redis_url_of_worker


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "gw0", "redis://127.0.0.1:6379/0"),
        ("redis://127.0.0.1:6379/0", "gw1", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379", "gw3", "redis://127.0.0.1:6379/3"),
        ("redis://:secret@cache.internal:6380/14", "gw3", "redis://:secret@cache.internal:6380/1"),
    ],
)
def test_each_worker_has_its_own_redis_database(url, worker, expected):
    assert redis_url_of_worker(url, worker) == expected


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: Redis is not in use")
def test_the_cache_and_the_broker_of_this_process_use_its_database():
    url = os.environ["REDIS_URL"]
    assert settings.CACHES["default"]["LOCATION"] == url
    assert settings.CELERY_BROKER_URL == url
