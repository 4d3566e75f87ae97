"""The API's operations × callers: every operation of the OpenAPI document, called without
credentials and with a personal token of each persona (a read token for the read-only
member and for a second organiser, write tokens for the others), about the objects of a
party the caller does not belong to (see world.py), must answer what matrix_api.OPERATIONS
says: 401 without credentials on a private operation, 403 for a read token's write, 404 for
another party's object, and the object the path names unchanged by any write (unless
matrix_api.MAY_CHANGE allows it). Writes carry a body that the schema accepts, so that the
access answer is what comes back, not a validation error.

To teach the matrix a new operation: `MATRIX_PRINT=1 pytest tests/security -s -k api_matrix`
prints every operation's observed row; check it, then copy it."""

from __future__ import annotations

import json
import os
import re
import time
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from council.api.models import TokenScope
from council.api.services import api_token_create
from council.api.urls import api
from council.reports.models import ExportJob
from tests.security.matrix_api import BODIES, CALLERS, KNOWN_OPEN, MAY_CHANGE, OPERATIONS
from tests.security.routes import all_routes
from tests.security.test_route_matrix import _export_beyond_country, report, snapshot
from tests.security.world import World

# Path parameter -> object kind of world.py (".attribute" when not the pk).
PATH_PARAMETERS = {
    "organisation_id": "organisation",
    "project_id": "project",
    "opportunity_id": "opportunity",
    "shift_id": "shift",
    "application_id": "application",
    "entry_id": "entry",
    "certificate_id": "certificate",
    "reference_id": "reference",
    "letter_id": "letter",
    "letter_code": "letter.code",
    "code": "certificate.code",
    "forum_id": "forum",
    "session_id": "session",
    "registration_id": "registration",
    "delegation_id": "delegation",
    "member_id": "delegation_member",
    "council_id": "council",
    "agreement_id": "agreement",
    "commitment_id": "commitment",
    "exchange_id": "exchange",
    "assignment_id": "assignment",
    "network_id": "network",
    "company_id": "company",
    "export_id": "export",
    "import_id": "import",
    "duplicate_id": "import_duplicate",
    "contact_id": "contact",
    "endpoint_id": "webhook_endpoint",
    "delivery_id": "webhook_delivery",
    # A literal value in quotes: the same for every caller.
    "name": "'hours'",
    "candidate_id": "duplicate",
    "merge_id": "account_merge",
    "news_id": "news",
    "module_id": "training_module",
    "credential_id": "credential",
    "team_id": "team",
    "handover_id": "handover",
    "invite_token": "team_invite.token",
    "handover_token": "handover.token",
    "quota_id": "quota",
    "message_id": "message",
    "subscription_id": "push_subscription",
}


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = api.get_openapi_schema()
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            found.append((method, path, operation))
    return found


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node:
        return _resolve(schema, next(n for n in node["anyOf"] if n.get("type") != "null"))
    if "allOf" in node:
        return _resolve(schema, node["allOf"][0])
    return node


def minimal(schema: dict[str, Any], node: dict[str, Any]) -> Any:
    """The smallest value the schema accepts: required properties only."""
    node = _resolve(schema, node)
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        properties = node.get("properties", {})
        return {
            name: minimal(schema, properties[name])
            for name in node.get("required", [])
            if name in properties
        }
    if kind == "array":
        return [minimal(schema, node["items"])] * node.get("minItems", 0)
    if kind == "integer":
        return max(1, node.get("minimum", 1))
    if kind == "number":
        return max(1, node.get("minimum", 1))
    if kind == "boolean":
        return True
    text_format = node.get("format")
    if text_format == "date":
        # In the past, so that it fits the dates of plans and of things done alike.
        return (timezone.localdate() - timedelta(days=30)).isoformat()
    if text_format == "date-time":
        return "2027-06-01T10:00:00Z"
    if text_format == "email":
        return "nobody@example.org"
    return "x" * max(1, node.get("minLength", 1))


def body_for(schema: dict[str, Any], operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return json.dumps(minimal(schema, content["application/json"]["schema"]))


def outcome(response: Any) -> str:
    if 200 <= response.status_code < 300:
        return "ok"
    return str(response.status_code)


def test_every_api_route_is_an_operation() -> None:
    """The resolver's API routes and the OpenAPI document's operations are the same list, so
    the matrix below, walking the document, walks every API route."""
    paths = {path for _method, path, _operation in operations()}
    pages = {"api/v1/openapi.json", "api/v1/docs", "api/v1/", "api/v1/^(?P<path>.*)$"}
    for route in all_routes():
        if route.pattern.startswith("api/v1/") and route.pattern not in pages:
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.pattern)
            assert path in paths, f"route {route.pattern} is not an operation of the document"


def test_api_matrix(world: World, db: None, capsys: Any) -> None:
    printing = bool(os.environ.get("MATRIX_PRINT"))
    schema = api.get_openapi_schema()
    keys: dict[str, str | None] = {"anonymous": None}
    for caller in CALLERS[1:]:
        persona, _, scope = caller.partition(":")
        user = world.people[persona]
        _token, keys[caller] = api_token_create(
            user=user, name="matrix", scope=scope or TokenScope.WRITE
        )
    client = Client()
    started = time.monotonic()
    failures: list[str] = []
    printed: list[str] = []
    requests = 0
    for method, path, operation in operations():
        operation_id = operation["operationId"]
        name = f"{method.upper()} {path}"
        if not printing and name not in OPERATIONS:
            failures.append(f"operation {name} ({operation_id}) is not in the matrix")
            continue
        expected = OPERATIONS.get(name, "").split()
        body = json.dumps(BODIES[name]) if name in BODIES else body_for(schema, operation)
        observed = []
        for index, caller in enumerate(CALLERS):
            persona = caller.partition(":")[0]
            kinds = re.findall(r"\{(\w+)\}", path)
            objects = []
            url = path
            for parameter in kinds:
                if PATH_PARAMETERS[parameter].startswith("'"):
                    url = url.replace("{" + parameter + "}", PATH_PARAMETERS[parameter][1:-1])
                    continue
                kind, _, attribute = PATH_PARAMETERS[parameter].partition(".")
                obj = world.object_for(persona, kind)
                objects.append(obj)
                url = url.replace("{" + parameter + "}", str(getattr(obj, attribute or "pk")))
            headers = {}
            if keys[caller]:
                headers["Authorization"] = f"Bearer {keys[caller]}"
            before = snapshot(objects) if method != "get" else []
            last_export = ExportJob.objects.order_by("-pk").values_list("pk", flat=True).first()
            response = client.generic(
                method.upper(),
                url,
                body or "",
                content_type="application/json",
                headers=headers,
            )
            requests += 1
            got = outcome(response)
            observed.append(got)
            if printing:
                continue
            want = expected[index]
            cell = (name, caller)
            if method != "get" and got == want and world.people[persona] is not None:
                got = _export_beyond_country(world, persona, last_export) or got
            if got != want:
                if cell not in KNOWN_OPEN:
                    failures.append(
                        f"{method.upper()} {url} as {caller}: {got}, the matrix says {want}"
                    )
            elif cell in KNOWN_OPEN:
                failures.append(f"{cell} is closed now: remove it from KNOWN_OPEN")
            if before and snapshot(objects) != before and cell not in MAY_CHANGE:
                failures.append(
                    f"{method.upper()} {url} as {caller} ({got}) changed the object, which "
                    "the matrix does not allow (MAY_CHANGE)"
                )
        printed.append(f"    {name!r}: {' '.join(observed)!r},")
    summary = (
        f"operations × tokens = {len(operations())} operations × {len(CALLERS)} callers = "
        f"{requests} requests in {time.monotonic() - started:.0f} s"
    )
    report(capsys, summary, failures, printed if printing else None)
