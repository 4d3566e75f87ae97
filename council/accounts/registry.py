"""Hooks through which higher apps add to a person's data export, erasure, data page and
consent withdrawal.

The accounts app sits below every app that holds personal data, so it cannot import them;
each such app registers its part in its AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from council.accounts.models import Consent, User

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]
# A part of the person's data page (/me/data/): its HTML, already rendered and marked safe
# (render_to_string does; anything else is escaped), or "" for nothing.
DataSection = Callable[[User], str]
# Called inside the transaction that withdrew the consent.
ConsentWithdrawn = Callable[[User, Consent], None]

EXPORTERS: dict[str, Exporter] = {}
ERASERS: dict[str, Eraser] = {}
DATA_SECTIONS: dict[str, DataSection] = {}
CONSENT_WITHDRAWN: dict[str, ConsentWithdrawn] = {}


def register_exporter(name: str, exporter: Exporter) -> None:
    EXPORTERS[name] = exporter


def register_eraser(name: str, eraser: Eraser) -> None:
    ERASERS[name] = eraser


def register_data_section(name: str, section: DataSection) -> None:
    DATA_SECTIONS[name] = section


def register_consent_withdrawn(name: str, hook: ConsentWithdrawn) -> None:
    CONSENT_WITHDRAWN[name] = hook


def data_sections(user: User) -> list[str]:
    """The registered parts of the person's data page, in the order of their names."""
    return [html for _name, section in sorted(DATA_SECTIONS.items()) if (html := section(user))]
