"""Every page carries the security headers: Content-Security-Policy without inline scripts,
Permissions-Policy, X-Frame-Options, Referrer-Policy, and HSTS under production settings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import Client

from council.tests.production import run_in_production

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_a_page_carries_the_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline script, no eval, no other host
    assert policy["style-src"] == ["'self'"]  # no inline style either
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    permissions = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    # The QR check-in desks scan with the camera; nothing uses the rest.
    assert permissions["camera"] == "(self)"
    for feature in ("microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()"


def test_error_pages_and_the_api_carry_them_too(client: Client) -> None:
    for response in (client.get("/no-such-page/"), client.get("/api/v1/reference/countries")):
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "camera=(self)" in response["Permissions-Policy"]


def test_the_api_docs_load_their_scripts_from_files(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts
    for tag in scripts:
        # A script runs only from a file of the site; a JSON data block does not run.
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag


def test_no_template_holds_an_inline_script_style_or_event_handler() -> None:
    roots = [Path(settings.BASE_DIR) / "council"]
    offenders = []
    for template in (path for root in roots for path in root.rglob("templates/**/*.html")):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template}: {tag}")
        for handler in re.findall(r"<[^>]*\son[a-z]+\s*=", text):
            offenders.append(f"{template}: {handler}")
        if "javascript:" in text:
            offenders.append(f"{template}: javascript: URL")
        for style in re.findall(r"<style\b|\sstyle\s*=", text):
            offenders.append(f"{template}: inline style {style.strip()}")
    assert offenders == []


def test_production_sends_hsts_with_the_rest(tmp_path: Any) -> None:
    script = (
        "import json; from django.test import Client; "
        "r = Client().get('/healthz', secure=True, headers={'Host': 'council.example'}); "
        "print(json.dumps({'status': r.status_code, **dict(r.headers)}))"
    )
    result = run_in_production(
        tmp_path,
        "manage.py",
        "shell",
        "-c",
        script,
        MFA_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "camera=(self)" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
