"""Small helpers for building event payloads (the callers of `webhook_emit` build their own
`data`; docs/webhooks.md lists each event's)."""

from __future__ import annotations

from typing import Any

from council.accounts.models import User


def person_fields_of(person: User) -> dict[str, str]:
    """The person's fields a subscriber that may see them gets (events.py's `person`)."""
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "given_name_latin": person.given_name_latin,
        "family_name_latin": person.family_name_latin,
        "email": person.email,
        "home_country": person.home_country_id or "",
    }


def names_of(obj: Any, field: str = "name") -> dict[str, str]:
    """A translated field in every language: `{"ru": …, "kk": …, "en": …}` (empty where the
    text was not written in that language)."""
    return {code: getattr(obj, f"{field}_{code}", "") or "" for code in ("ru", "kk", "en")}
