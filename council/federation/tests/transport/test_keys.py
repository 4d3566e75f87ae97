"""The node's key: made on first use, rotated with the old one still published, and the
commands that print and rotate it."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from council.federation import keys
from council.federation.models import NodeKey
from council.lib import signing

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_key(settings: Any) -> None:
    settings.NODE_SIGNING_KEY = ""


def test_a_node_without_a_configured_key_makes_one_once(database_key: None) -> None:
    first = keys.private_key()

    assert keys.private_key() == first
    assert NodeKey.objects.count() == 1
    assert keys.public_key() == NodeKey.objects.get().public_key


def test_rotation_keeps_the_old_key_published_as_retired(database_key: None) -> None:
    old = keys.public_key()
    out = StringIO()

    call_command("federation_rotate_key", stdout=out)

    assert keys.public_key() != old
    published = keys.node_jwks()["keys"]
    assert [key["kid"] for key in published] == [keys.key_id(keys.public_key()), keys.key_id(old)]
    assert "retired" not in published[0]
    assert published[1]["retired"] is True
    assert keys.fingerprint(keys.public_key()) in out.getvalue()


def test_a_key_from_the_environment_is_rotated_there(settings: Any) -> None:
    with pytest.raises(CommandError) as error:
        call_command("federation_rotate_key")

    assert "NODE_RETIRED_PUBLIC_KEYS=" + signing.public_key_from_private(
        settings.NODE_SIGNING_KEY
    ) in str(error.value)


def test_keygen_prints_a_key_and_its_fingerprint() -> None:
    out = StringIO()

    call_command("federation_keygen", stdout=out)

    line = out.getvalue().splitlines()[0]
    assert line.startswith("NODE_SIGNING_KEY=")
    public = signing.public_key_from_private(line.split("=", 1)[1])
    assert keys.fingerprint(public) in out.getvalue()
