"""What several web servers must share comes from the environment: sessions in the database,
uploads on the disk or in an S3-compatible bucket, an optional read replica."""

import json

from .test_settings import run_django

NO_SHARED_STATE = {"STORAGE_BUCKET": "", "DATABASE_REPLICA_URL": ""}
BUCKET = {
    "STORAGE_BUCKET": "khuyenhoc-uploads",
    "STORAGE_ENDPOINT_URL": "https://s3.example.gov.vn",
    "STORAGE_REGION": "hn-1",
    "STORAGE_ACCESS_KEY": "portal-key",
    "STORAGE_SECRET_KEY": "portal-secret",
}


def settings_of(expression: str, setup: str = "", **env: str):
    """``expression`` (``s`` is the settings) as computed in a fresh process with ``env``."""
    code = "; ".join(filter(None, [setup, f"import json; print(json.dumps({expression}))"]))
    result = run_django(code, DEBUG="1", **{**NO_SHARED_STATE, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sessions_are_kept_in_the_database_every_server_reads():
    assert (
        settings_of("s.SESSION_ENGINE", REDIS_URL="redis://cache.internal:6379/1")
        == "django.contrib.sessions.backends.db"
    )


def test_uploads_go_to_the_local_disk_by_default():
    backend, root = settings_of(
        "[s.STORAGES['default']['BACKEND'], str(s.MEDIA_ROOT)]", MEDIA_ROOT="/srv/khuyenhoc/media"
    )
    assert backend == "django.core.files.storage.FileSystemStorage"
    assert root == "/srv/khuyenhoc/media"


def test_a_bucket_in_the_environment_puts_uploads_in_private_s3_compatible_storage():
    storage = "[type(st).__name__, st.bucket_name, st.endpoint_url, st.region_name, st.access_key, st.secret_key, st.default_acl, st.querystring_auth, st.file_overwrite]"
    # Built from the settings without reaching the endpoint: nothing listens there.
    assert settings_of(
        storage, "from django.core.files.storage import storages; st = storages['default']", **BUCKET
    ) == [
        "S3Storage",
        "khuyenhoc-uploads",
        "https://s3.example.gov.vn",
        "hn-1",
        "portal-key",
        "portal-secret",
        "private",
        True,
        False,
    ]


def test_storage_keys_are_read_from_the_environment_only():
    options = settings_of("s.STORAGES['default']['OPTIONS']", STORAGE_BUCKET="khuyenhoc-uploads")
    assert options["bucket_name"] == "khuyenhoc-uploads"
    # Without them boto3 looks for its own (AWS_* variables, an instance role); nothing is committed.
    assert options["access_key"] is None and options["secret_key"] is None and options["endpoint_url"] is None


def test_without_a_replica_url_there_is_one_database():
    aliases, replica = settings_of(
        "[sorted(s.DATABASES), s.READ_REPLICA_ALIAS]", DATABASE_URL="postgres://portal@db.internal:5432/khuyenhoc"
    )
    assert aliases == ["default"]
    assert replica == ""


def test_a_replica_url_adds_the_replica_the_dashboards_read_from():
    aliases, host, replica, routers = settings_of(
        "[sorted(s.DATABASES), s.DATABASES['replica']['HOST'], s.READ_REPLICA_ALIAS, s.DATABASE_ROUTERS]",
        DATABASE_URL="postgres://portal@db.internal:5432/khuyenhoc",
        DATABASE_REPLICA_URL="postgres://portal@replica.internal:5432/khuyenhoc",
    )
    assert aliases == ["default", "replica"]
    assert host == "replica.internal"
    assert replica == "replica"
    assert routers == ["khuyenhoc.db_router.PrimaryReplicaRouter"]
