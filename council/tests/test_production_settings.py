"""Production settings refuse to start on a dangerous or missing setting."""

from __future__ import annotations

import subprocess
from pathlib import Path

from council.tests.production import run_in_production


def import_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_in_production(tmp_path, "-c", "import council.settings", **env)


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
