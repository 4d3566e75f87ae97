from __future__ import annotations

import re

import openapi_spec_validator
from django.contrib.staticfiles import finders
from django.test import Client


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
