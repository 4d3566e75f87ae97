"""Short codes that people read out or type: tickets, badges, certificates."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: a code read from a screen or a badge is typed without mix-ups.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def short_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """What a person typed, as stored: upper case, without spaces and dashes."""
    return "".join(text.split()).replace("-", "").upper()
