from __future__ import annotations

import enum
import re
import typing
from typing import Any

import openapi_spec_validator
from django.contrib.staticfiles import finders
from django.test import Client
from pydantic import BaseModel

from council.api.errors import Problem
from council.api.urls import api


def test_it_publishes_a_valid_openapi_document(client: Client, db: None) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    openapi_spec_validator.validate(document)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/organisations" in document["paths"]
    assert "/api/v1/reference/sdg-goals" in document["paths"]


def test_it_documents_problems_and_optional_auth(client: Client, db: None) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert "Problem" in document["components"]["schemas"]
    listing = document["paths"]["/api/v1/organisations"]["get"]
    register = document["paths"]["/api/v1/organisations"]["post"]
    assert "application/problem+json" in listing["responses"]["4XX"]["content"]
    assert {} in listing["security"]
    assert {} not in register["security"]
    assert {"ApiTokenAuth": []} in register["security"]
    assert set(document["components"]["securitySchemes"]) == {"ApiTokenAuth", "SessionAuth"}


def test_operation_ids_do_not_move_with_the_router_modules(client: Client, db: None) -> None:
    """Clients generated from the schema keep their names when a router becomes a package
    or is split out of another."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    ids = {
        ("get", "/api/v1/projects"): "council_api_routers_projects_project_list",
        ("patch", "/api/v1/shifts/{shift_id}"): "council_api_routers_projects_shift_update",
        ("get", "/api/v1/reports/council"): "council_api_routers_reports_council_report",
        ("get", "/api/v1/exchanges"): "council_api_routers_cooperation_exchange_list",
        ("get", "/api/v1/assignments"): "council_api_routers_cooperation_assignment_list",
    }
    assert {key: paths[key[1]][key[0]]["operationId"] for key in ids} == ids
    every = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(every) == len(set(every))


def test_it_serves_the_docs_page_without_a_cdn(client: Client, db: None) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)
    assets = re.findall(r"(?:src|href)=\"/static/([^\"]+)\"", html)
    assert "ninja/swagger-ui-bundle.js" in assets
    for asset in assets:
        assert finders.find(asset), asset
    assert '"validatorUrl": null' in html


def _named_types(annotation: Any, seen: set[type]) -> None:
    """Every pydantic model and enum reachable from a type annotation."""
    for arg in typing.get_args(annotation):
        _named_types(arg, seen)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return
    if isinstance(annotation, type) and annotation not in seen:
        if issubclass(annotation, enum.Enum):
            seen.add(annotation)
        elif issubclass(annotation, BaseModel):
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _named_types(field.annotation, seen)


def test_every_schema_has_a_name_of_its_own(client: Client, db: None) -> None:
    """Two classes of one name would share one component, so that one operation is documented
    with the other's schema (as /reference/countries was with the statistics' `CountryOut`)."""
    seen: set[type] = set()
    _named_types(Problem, seen)
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _named_types(model, seen)
                for response in operation.response_models.values():
                    _named_types(response, seen)
    by_name: dict[str, set[str]] = {}
    for cls in seen:
        if cls.__name__.startswith("Ninja") or cls.__module__.startswith("ninja."):
            continue
        by_name.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    duplicates = {name: where for name, where in by_name.items() if len(where) > 1}
    assert duplicates == {}
    document = client.get("/api/v1/openapi.json").json()
    components = document["components"]["schemas"]
    assert set(components) <= set(by_name)
    countries = document["paths"]["/api/v1/reference/countries"]["get"]["responses"]["200"]
    item = countries["content"]["application/json"]["schema"]["items"]["$ref"].split("/")[-1]
    assert {"code", "code3", "numeric", "is_council_member"} <= set(components[item]["properties"])
