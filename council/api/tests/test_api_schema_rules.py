"""The OpenAPI document states what the endpoints accept, and they accept what it states:
ids are ids (not `false`, not a number past what a key can be), filters are documented."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from council.api.pagination import encode_cursor
from council.api.tests.conftest import API, assert_problem, bearer, fields_of
from council.api.tests.conftest import api_post as post
from council.api.tests.test_api_applications import key_for
from council.orgs.models import Organisation


def test_false_is_not_an_id(client: Client, org_admin: Any, org: Organisation) -> None:
    key = key_for(org_admin)
    problem = assert_problem(
        post(client, f"/organisations/{org.pk}/hours/verify", {"entries": [False]}, key), 422
    )
    assert fields_of(problem) == {"entries.0"}
    problem = assert_problem(
        post(client, f"/organisations/{org.pk}/hours/verify", {"entries": ["7"]}, key), 422
    )
    assert fields_of(problem) == {"entries.0"}
    # 7.0 is the whole number 7 in JSON Schema, so the document allows it.
    for entries in ([7], [7.0]):
        verified = post(client, f"/organisations/{org.pk}/hours/verify", {"entries": entries}, key)
        assert verified.status_code == 200, verified.content
        assert verified.json() == {"verified": 0}


def test_booleans_and_numbers_of_a_body_are_json_ones(
    client: Client, org_admin: Any, org: Organisation
) -> None:
    key = key_for(org_admin)
    body = {"owner": org.pk, "title_en": "Shores", "is_flagship": "yes"}
    problem = assert_problem(post(client, "/projects", body, key), 422)
    assert fields_of(problem) == {"is_flagship"}
    problem = assert_problem(post(client, "/projects", {**body, "owner": True}, key), 422)
    assert "owner" in fields_of(problem)


def test_an_id_past_any_key_is_refused_naming_it(client: Client, org_admin: Any) -> None:
    key = key_for(org_admin)
    huge = 2**65
    for url in (
        f"/reports/networks/{huge}",
        f"/projects/{huge}",
        f"/organisations/{huge}",
        f"/projects?owner={huge}",
    ):
        response = client.get(API + url, headers=bearer(key))
        assert_problem(response, 422)
    problem = assert_problem(
        post(client, "/organisations/1/hours/verify", {"entries": [huge]}, key), 422
    )
    assert fields_of(problem) == {"entries.0"}


def _parameters(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each parameter's schema, the optional ones' (`anyOf` with null) merged."""
    found = {}
    for parameter in operation.get("parameters", []):
        schema = dict(parameter["schema"])
        for option in schema.pop("anyOf", []):
            schema.update(option if option.get("type") != "null" else {})
        found[parameter["name"]] = schema
    return found


def test_the_document_states_the_filters_and_limits(client: Client, db: None) -> None:
    document = client.get(f"{API}/openapi.json").json()
    paths = document["paths"]
    council = _parameters(paths[f"{API}/reports/council"]["get"])
    assert set(council) >= {"year", "month", "country", "region", "organisation", "cause", "goal"}
    assert council["month"]["maximum"] == 12
    assert set(_parameters(paths[f"{API}/statistics"]["get"])) == {"year", "month"}
    search = _parameters(paths[f"{API}/opportunities/search"]["get"])
    assert search["country"]["maxLength"] == 2
    assert search["radius"]["maximum"] == 2000
    project = document["components"]["schemas"]["ProjectIn"]["properties"]
    assert project["owner"]["maximum"] == 2**63 - 1
    export = document["components"]["schemas"]["ExportIn"]["properties"]
    assert "$ref" in json.dumps(export["kind"])  # an enum of the kinds, not any string


def test_a_forged_cursor_is_refused_naming_it(client: Client, db: None) -> None:
    for url, cursor in (
        ("/reference/cities", encode_cursor("-population", "many", 1)),
        ("/reference/cities", encode_cursor("-population", {"a": 1}, [1])),
        ("/organisations", encode_cursor("created_at", "yesterday", 1)),
        ("/organisations", encode_cursor("created_at", "2026-01-01T00:00:00+00:00", 2**70)),
        ("/opportunities/search", encode_cursor("search-date", 10**30, 0)),
    ):
        problem = assert_problem(client.get(f"{API}{url}", {"cursor": cursor}), 422)
        assert fields_of(problem) == {"cursor"}, (url, problem)
