"""The installable app's shell: the manifest (in the reader's language), the service worker
(from the root, versioned, what it keeps) and the offline page, linked from every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.conftest import reader

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name", "short_name", "shortcut"),
    [
        ("en", "Volunteer Council", "Volunteers", "My applications"),
        ("ru", "Волонтёрский совет", "Волонтёры", "Мои заявки"),
        ("kk", "Еріктілер кеңесі", "Еріктілер", "Менің өтінімдерім"),
    ],
)
def test_the_manifest_speaks_the_readers_language(
    language: str, name: str, short_name: str, shortcut: str
) -> None:
    response = reader(language).get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert "Accept-Language" in response["Vary"]
    manifest = response.json()
    assert manifest["name"] == name
    assert manifest["short_name"] == short_name
    assert manifest["lang"] == language
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5cad"
    assert manifest["shortcuts"][0] == {"name": shortcut, "url": "/me/applications/"}
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert icons[("192x192", "any")] == "/static/council/icon-192.png"
    assert icons[("512x512", "any")] == "/static/council/icon-512.png"
    assert ("512x512", "maskable") in icons


def test_the_icons_are_the_sizes_the_manifest_says(client: Client) -> None:
    from io import BytesIO

    from PIL import Image

    for size in (192, 512):
        response = client.get(f"/static/council/icon-{size}.png")
        assert response.status_code == 200
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert Image.open(BytesIO(content)).size == (size, size)


def test_the_service_worker_is_served_from_the_root(client: Client) -> None:
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert 'addEventListener("fetch"' in script
    # What it keeps at install: the offline page and the shell's files.
    for kept in ("/offline/", "/static/council/site.css", "/static/council/desk.js"):
        assert f'"{kept}"' in script
    # The pages it keeps as they are visited, network first.
    for pattern in ("me/applications/", "hours/tickets/", "check\\\\-in/"):
        assert pattern in script, pattern
    assert '"council-static-' in script


def test_the_worker_version_changes_with_what_it_keeps(client: Client, settings: Any) -> None:
    from council.push.views import app

    before = app.worker_config()["staticCache"]
    assert (
        before
        == client.get("/service-worker.js")
        .content.decode()
        .split('"staticCache": "')[1]
        .split('"')[0]
    )
    settings.STATIC_URL = "/assets/"
    assert app.worker_config()["staticCache"] != before


def test_the_worker_and_manifest_answer_head_but_not_post(client: Client) -> None:
    assert client.head("/service-worker.js").status_code == 200
    assert client.post("/service-worker.js").status_code == 405
    assert client.post("/manifest.webmanifest").status_code == 405


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "No connection")],
)
def test_the_offline_page(language: str, heading: str) -> None:
    response = reader(language).get("/offline/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert 'href="/me/applications/"' in page


def test_every_page_links_the_manifest_and_the_worker(client: Client) -> None:
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest"' in page
    assert 'data-worker="/service-worker.js"' in page
    assert '<meta name="theme-color" content="#0b5cad">' in page
