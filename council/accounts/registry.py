"""Hooks through which higher apps add to a person's data export and erasure.

The accounts app sits below every app that holds personal data, so it cannot import them;
each such app registers its part in its AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from council.accounts.models import User

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]

EXPORTERS: dict[str, Exporter] = {}
ERASERS: dict[str, Eraser] = {}


def register_exporter(name: str, exporter: Exporter) -> None:
    EXPORTERS[name] = exporter


def register_eraser(name: str, eraser: Eraser) -> None:
    ERASERS[name] = eraser
