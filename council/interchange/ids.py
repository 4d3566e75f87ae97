"""The stable ids this platform gives its records in exchange files, and the pseudonymous
id of a person (docs/exchange-format.md, "Ids")."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.crypto import salted_hmac

_OWN = re.compile(r"^urn:council:(?P<node>[a-z0-9.-]+):(?P<kind>[a-z]+):(?P<pk>[0-9]{1,18})$")
_PERSON_SALT = "council.interchange.person"


def node() -> str:
    """This platform's name: EXCHANGE_NODE, else the host of SITE_URL."""
    configured: str = getattr(settings, "EXCHANGE_NODE", "")
    return configured or (urlsplit(settings.SITE_URL).hostname or "localhost").lower()


def record_id(kind: str, pk: int) -> str:
    return f"urn:council:{node()}:{kind}:{pk}"


def own_pk(value: str, kind: str) -> int | None:
    """The primary key behind one of this platform's own ids of that kind, else None."""
    found = _OWN.match(value)
    if found is None or found["node"] != node() or found["kind"] != kind:
        return None
    return int(found["pk"])


def person_id(user_pk: int) -> str:
    """A person's id in every file this platform issues: an HMAC of their account number with
    the platform's secret key, so the same person has the same id in every file, and nobody
    without the key can tell who it is or link it to the account."""
    digest = salted_hmac(_PERSON_SALT, str(user_pk), algorithm="sha256").hexdigest()[:32]
    return record_id_text("person", digest)


def record_id_text(kind: str, value: str) -> str:
    return f"urn:council:{node()}:{kind}:{value}"
