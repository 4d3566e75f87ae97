"""The demo's world, made once for the security matrix (see world.py), rolled back at the end
of the package."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from council.demo.seed import seed_demo
from council.lib.memo import memo_clear
from tests.security.world import World, build_world

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="package")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    private = tmp_path_factory.mktemp("private")
    storages = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(
            PASSWORD_HASHERS=FAST_HASHER,
            LANGUAGE_CODE="en",
            STORAGES=storages,
            MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
            # The matrix asks every operation as every caller: its answers are the access
            # rules', not the rate limits' (council/api/tests/test_api_throttling.py).
            API_THROTTLE_ANON="",
            API_THROTTLE_TOKEN="",
        ),
    ):
        seed_demo()
        yield build_world()
        transaction.set_rollback(True)
    memo_clear()  # reference rows cached from the rolled-back transaction
