"""What every block of the settings reads: where the code and the data are, the environment
(development or production), the helpers that read variables, and the site's address and
country."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("COUNCIL_DATA_DIR", BASE_DIR / "data"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


COUNCIL_ENV = os.environ.get("COUNCIL_ENV", "development")
PRODUCTION = COUNCIL_ENV == "production"


# The address in links that leave the page (mail, PDFs and their QR codes, the iCal feed, the
# signed record book's issuer); `make run` sets it from HOST and PORT.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The country this platform serves as a national node ("" for the council's shared platform).
EXCHANGE_COUNTRY = os.environ.get("EXCHANGE_COUNTRY", "").strip().upper()
