"""The settings of more than one machine: PgBouncer before the primary, the replica with its
router, uploads on S3-compatible storage (built here without touching the network)."""

from __future__ import annotations

import runpy
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

SETTINGS = str(settings.BASE_DIR / "council" / "settings" / "__init__.py")
PRIMARY = "postgres://postgres@127.0.0.1:6432/council"


def settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """The settings module's names as a process with `env` would have them."""
    for name in (
        "DATABASE_POOLER",
        "REPLICA_DATABASE_URL",
        "MEDIA_STORAGE",
        "AWS_S3_CUSTOM_DOMAIN",
        "AWS_S3_ENDPOINT_URL",
        "COUNCIL_ENV",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS)


def test_through_pgbouncer_nothing_is_prepared_and_no_cursor_outlives_a_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = settings_with(monkeypatch, DATABASE_URL=PRIMARY, DATABASE_POOLER="pgbouncer")
    default = names["DATABASES"]["default"]
    assert default["PORT"] == 6432
    assert default["OPTIONS"] == {"prepare_threshold": None}
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert "replica" not in names["DATABASES"]
    assert "DATABASE_ROUTERS" not in names


def test_an_unknown_pooler_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOLER"):
        settings_with(monkeypatch, DATABASE_URL=PRIMARY, DATABASE_POOLER="pgpool")


def test_a_replica_adds_its_database_the_router_and_the_middleware(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = settings_with(
        monkeypatch,
        DATABASE_URL=PRIMARY,
        REPLICA_DATABASE_URL="postgres://postgres@10.0.0.7:5432/council",
    )
    copy = names["DATABASES"]["replica"]
    assert (copy["HOST"], copy["PORT"], copy["NAME"]) == ("10.0.0.7", 5432, "council")
    assert copy["TEST"] == {"MIRROR": "default"}
    assert copy["OPTIONS"]["connect_timeout"] == 2
    assert names["DATABASE_ROUTERS"] == ["council.lib.replica.ReplicaRouter"]
    # The last of the project's own (django-prometheus's timer closes the list after it).
    assert names["MIDDLEWARE"][-2:] == [
        "council.lib.replica.ReplicaMiddleware",
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]


def test_uploads_on_s3_compatible_storage(monkeypatch: pytest.MonkeyPatch) -> None:
    names = settings_with(
        monkeypatch,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="council-media",
        PRIVATE_STORAGE_BUCKET_NAME="council-private",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="kz-1",
        AWS_S3_CUSTOM_DOMAIN="council.example.org/media",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret-example",
    )
    storages = names["STORAGES"]
    media = import_string(storages["default"]["BACKEND"])(**storages["default"]["OPTIONS"])
    private = import_string(storages["private"]["BACKEND"])(**storages["private"]["OPTIONS"])
    assert (media.bucket_name, media.endpoint_url) == ("council-media", "https://s3.example.org")
    # Public pictures on the site's own address (nginx passes /media/ to the bucket).
    assert media.url("covers/1.jpg") == "https://council.example.org/media/covers/1.jpg"
    assert private.bucket_name == "council-private"
    assert private.default_acl == "private"
    # A private file's address is signed and expires; the views read the file themselves.
    url = private.url("agreements/1.pdf")
    assert url.startswith("https://s3.example.org/council-private/agreements/1.pdf?")
    assert "Signature=" in url or "X-Amz-Signature=" in url
    assert storages["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_s3_needs_two_buckets(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="two different buckets"):
        settings_with(
            monkeypatch,
            MEDIA_STORAGE="s3",
            AWS_STORAGE_BUCKET_NAME="council",
            PRIVATE_STORAGE_BUCKET_NAME="council",
        )
