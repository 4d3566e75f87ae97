"""Production settings refuse to start on a dangerous or missing setting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION_ENV = {
    "COUNCIL_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "council.example",
    "MFA_ENCRYPTION_KEYS": "qDgWd6kA7U0EaC1nU7WyN1l0rN9cT0P8Uq3n7yH4bJc=",
}


def import_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "COUNCIL_DATA_DIR": str(tmp_path),
        **PRODUCTION_ENV,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import council.settings"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_starts_with_debug_off(tmp_path: Path) -> None:
    result = import_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    result = import_settings(tmp_path, DEBUG="false")
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_with_debug_on(tmp_path: Path) -> None:
    for value in ("true", "1", "on"):
        result = import_settings(tmp_path, DEBUG=value)
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "DEBUG must be off when COUNCIL_ENV=production." in result.stderr


def test_production_refuses_to_start_without_mfa_encryption_keys(tmp_path: Path) -> None:
    result = import_settings(tmp_path, MFA_ENCRYPTION_KEYS="")
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS must be set when COUNCIL_ENV=production." in result.stderr
    result = import_settings(tmp_path, MFA_ENCRYPTION_KEYS="not-a-key")
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS: each key is 32 url-safe base64-encoded bytes" in result.stderr


def test_production_refuses_a_malformed_trusted_proxy(tmp_path: Path) -> None:
    result = import_settings(tmp_path, TRUSTED_PROXIES="10.0.0.0/8,proxy.example")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr
