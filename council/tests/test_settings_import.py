"""Importing the settings writes nothing: the development secrets are written by `make run`'s
setup step (scripts/dev_secrets.py) and only read by the settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "dev_secrets.py"


def run(tmp_path: Path, *command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command against a data folder under tmp_path that does not exist yet."""
    leave_out = {"DATABASE_URL", "SECRET_KEY", "MFA_ENCRYPTION_KEYS", "COUNCIL_ENV", "DEBUG"}
    environment = {
        **{k: v for k, v in os.environ.items() if k not in leave_out},
        "COUNCIL_DATA_DIR": str(tmp_path / "data"),
        **env,
    }
    return subprocess.run(  # noqa: S603 (this interpreter, the repository's own files)
        [sys.executable, *command],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_importing_the_settings_writes_no_secret(tmp_path: Path) -> None:
    code = "import sys; sys.path.insert(0, sys.argv[1]); import council.settings as s; "
    code += "print(len(s.SECRET_KEY), len(s.MFA_ENCRYPTION_KEYS))"
    result = run(tmp_path, "-c", code, str(settings.BASE_DIR))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["67", "1"]
    assert list(tmp_path.iterdir()) == []


def test_makemigrations_check_writes_nothing(tmp_path: Path) -> None:
    manage = str(settings.BASE_DIR / "manage.py")
    result = run(tmp_path, manage, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_settings_read_the_secrets_that_the_setup_step_wrote(tmp_path: Path) -> None:
    assert run(tmp_path, str(SCRIPT)).returncode == 0
    data = tmp_path / "data"
    assert sorted(path.name for path in data.iterdir()) == [
        "mfa_encryption_key",
        "secret_key",
        "vapid_private_key",
    ]
    assert (data / "secret_key").stat().st_mode & 0o777 == 0o600
    before = {path.name: path.read_text() for path in data.iterdir()}
    assert run(tmp_path, str(SCRIPT)).returncode == 0  # a second run keeps them
    assert {path.name: path.read_text() for path in data.iterdir()} == before
    code = "import sys; sys.path.insert(0, sys.argv[1]); import council.settings as s; "
    code += "print(s.SECRET_KEY); print(s.MFA_ENCRYPTION_KEYS[0])"
    result = run(tmp_path, "-c", code, str(settings.BASE_DIR))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [before["secret_key"], before["mfa_encryption_key"]]
    # The web push key pair: the public key (the browser's applicationServerKey) is derived.
    code = "import sys; sys.path.insert(0, sys.argv[1]); import council.settings as s; "
    code += "print(s.VAPID_PRIVATE_KEY); print(len(s.VAPID_PUBLIC_KEY))"
    result = run(tmp_path, "-c", code, str(settings.BASE_DIR))
    assert result.stdout.split() == [before["vapid_private_key"], "87"]


def test_the_setup_step_writes_nothing_in_production(tmp_path: Path) -> None:
    result = run(tmp_path, str(SCRIPT), COUNCIL_ENV="production")
    assert result.returncode == 0
    assert list(tmp_path.iterdir()) == []
