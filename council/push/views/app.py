"""The installable phone app's shell: the web manifest, the service worker (served from the
site's root so that its scope is the whole site) and the page shown offline.

The worker's cache name carries a version made from its own text and the files it keeps:
a deploy that changes either installs a new worker, which drops the old caches."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

THEME_COLOUR = "#0b5cad"
BACKGROUND_COLOUR = "#f7f8fa"
ICON_SIZES = (192, 512)
# What the worker keeps at install: the shell every cached page needs (the stylesheets, the
# scripts of the desk and of the app, the icons).
PRECACHED_STATIC = (
    "council/site.css",
    "council/stacked-tables.css",
    "council/app.js",
    "council/desk.js",
    "council/jsQR.js",
    "council/favicon.svg",
    "council/icon-192.png",
    "council/icon-512.png",
    "django_htmx/htmx-2.min.js",
)
# The pages kept on the device, network first: the volunteer's applications and calendar,
# tickets, and the organisers' check-in desks (a shift's and a forum's).
KEPT_PAGES = (
    ("projects:my_applications", False),
    ("projects:calendar", False),
    ("hours:ticket", True),
    ("hours:check_in", True),
    ("forums:check_in", True),
)
PAGES_CACHE = "council-pages-v1"
WORKER_TEMPLATE = "push/service-worker.js"


def _path_pattern(name: str, has_pk: bool) -> str:
    """A regular expression of the route's paths (its primary key as digits)."""
    if not has_pk:
        return "^" + re.escape(reverse(name)) + "$"
    marker = 987654321
    return "^" + re.escape(reverse(name, args=[marker])).replace(str(marker), r"\d+") + "$"


def _file_digest(path: str) -> str:
    found = finders.find(path)
    if not found:
        return ""
    with open(found if isinstance(found, str) else found[0], "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _version(config: dict[str, Any]) -> str:
    """The worker's version: its source, its configuration, and the kept files' contents."""
    source = get_template(WORKER_TEMPLATE).template.source  # type: ignore[attr-defined]
    parts = [source, json.dumps(config, sort_keys=True)]
    parts += [_file_digest(path) for path in PRECACHED_STATIC]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


@cache
def _cached_version(config_json: str) -> str:
    return _version(json.loads(config_json))


def worker_config() -> dict[str, Any]:
    """What the worker script is told: its caches, what it keeps, the offline page."""
    config: dict[str, Any] = {
        "offline": reverse("push:offline"),
        "precache": [
            reverse("push:offline"),
            *(static(path) for path in PRECACHED_STATIC),
        ],
        "static": settings.STATIC_URL,
        "pages": [_path_pattern(name, has_pk) for name, has_pk in KEPT_PAGES],
        "pagesCache": PAGES_CACHE,
        "icon": static("council/icon-192.png"),
    }
    # Development reads the files on each request (they change under it); production once.
    version = _version(config) if settings.DEBUG else _cached_version(json.dumps(config))
    config["staticCache"] = f"council-static-{version}"
    config["version"] = version
    return config


def _worker_context() -> dict[str, str]:
    config = worker_config()
    # Inside a script, not HTML: only "</" could matter to a reader of the text, and the
    # values are this site's own paths.
    return {"config": json.dumps(config), "version": config["version"]}


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    body = render_to_string(WORKER_TEMPLATE, _worker_context())
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # The browser compares the worker byte for byte on each visit: never a stale copy.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web manifest in the reader's language (the page links it with credentials, so a
    signed-in person's chosen language counts; otherwise the browser's)."""
    data = {
        "id": "/",
        "name": _("Volunteer Council"),
        "short_name": _("Volunteers"),
        "description": _(
            "Opportunities, shifts and tickets of the Volunteer Council of Russia and "
            "Kazakhstan; the organisers' check-in desk, also offline."
        ),
        "lang": get_language(),
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        # Full-bleed pictures, the mark within the safe zone: the large one serves a
        # launcher that masks its icons too.
        "icons": [
            *(
                {
                    "src": static(f"council/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any",
                }
                for size in ICON_SIZES
            ),
            {
                "src": static("council/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": _("My applications"), "url": reverse("projects:my_applications")},
            {"name": _("My calendar"), "url": reverse("projects:calendar")},
        ],
    }
    response = JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    patch_cache_control(response, private=True, max_age=3600)
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page it does not keep while there is no connection."""
    return render(request, "push/offline.html")
