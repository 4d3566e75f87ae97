"""The owner node's answers and messages match the protocol's JSON Schemas
(council/federation/schemas/v1, docs/federation.md)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from council.federation.services.owner import handlers, hours_due, hours_payload
from council.federation.services.owner.outgoing import status_changes_due
from council.federation.tests.owner.conftest import apply_body, call
from council.hours.services.entries import hours_log_for_shift
from council.lib.signing import generate_private_key
from council.projects.models import Application
from council.projects.services.applications import application_reject

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "v1"


def check(name: str, document: dict[str, Any]) -> None:
    """Validate `document` against schemas/v1/<name>.json (with the shared definitions);
    nothing to check where the tree has no schemas."""
    if not SCHEMAS.is_dir():
        return
    import jsonschema
    import referencing

    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], referencing.Resource.from_contents(schema)))
    registry = referencing.Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    jsonschema.Draft202012Validator(schema, registry=registry).validate(document)


def test_the_bodies_sent_and_the_answers_given_match_the_schemas(
    peer: Any, first_aid: Any, ru_opportunity: Any, org_admin: Any, settings: Any
) -> None:
    if not SCHEMAS.is_dir():
        pytest.skip("the protocol's schemas are not in this tree")
    settings.NODE_ID, settings.NODE_COUNTRY = "ru", "RU"
    body = apply_body(ru_opportunity)
    check("apply", body)
    answer = call(handlers.apply, peer, **body)
    check("apply.reply", answer)

    application = Application.objects.get(pk=answer["application"])
    shift = application.shift
    now = timezone.now()
    type(shift).objects.filter(pk=shift.pk).update(
        start=now - timedelta(hours=4), end=now - timedelta(hours=1)
    )
    shift.refresh_from_db()
    hours_log_for_shift(actor=org_admin, shift=shift)
    (item,) = hours_due()
    check("hours", hours_payload(item.document, generate_private_key()))

    application_reject(actor=org_admin, application=application, reason="Changed plans.")
    (due,) = status_changes_due()
    check("status", due.payload)

    erase = {"person": body["person"]["ref"], "reason": "account_erased"}
    check("person-erase", erase)
    check("person-erase.reply", call(handlers.person_erase, peer, **erase))
