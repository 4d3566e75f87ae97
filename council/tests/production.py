"""Running Python in a fresh process under production settings (the settings module reads
its environment once, at import)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION_ENV = {
    "COUNCIL_ENV": "production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "council.example",
    "MFA_ENCRYPTION_KEYS": "qDgWd6kA7U0EaC1nU7WyN1l0rN9cT0P8Uq3n7yH4bJc=",
}


def run_in_production(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python *args` in the project's folder with production settings, a database and a data
    folder in tmp_path, and `env` on top (DEBUG and DJANGO_ALLOW_ASYNC_UNSAFE of the tests'
    own environment left out)."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "COUNCIL_DATA_DIR": str(tmp_path),
        **PRODUCTION_ENV,
        **env,
    }
    return subprocess.run(  # noqa: S603 (the tests' own arguments)
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
