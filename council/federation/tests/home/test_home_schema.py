"""What the home node sends matches the protocol's schemas (the owner checks them)."""

from __future__ import annotations

from typing import Any

from council.federation.services.home.applications import apply_payload, remote_apply
from council.federation.tests.wire import violations


def test_the_apply_body_matches_the_schema(aliya: Any, ru_opportunity: Any, ru_shift: Any) -> None:
    application = remote_apply(
        volunteer=aliya,
        opportunity=ru_opportunity,
        shift=ru_shift,
        motivation="Мен жағалауды тазалауға қатыстым.",
        answers=[{"question": "Gloves?", "answer": "Yes"}],
    )
    payload = apply_payload(application)
    assert violations("apply", payload) == []
    assert payload["shift"] == ru_shift.origin_key
