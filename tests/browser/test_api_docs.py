"""The API's Swagger UI works under the site's Content-Security-Policy: its scripts are files
of the site, and the browser blocks nothing on the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_under_the_policy(page: Any, page_errors: list[str]) -> None:
    response = page.goto("/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Volunteer Council API")
    expect(page.locator(".opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not page_errors, page_errors


def test_a_blocked_inline_script_is_reported(page: Any, page_errors: list[str]) -> None:
    """The harness sees a CSP violation (so a page that needed inline script would fail)."""
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.ran = true'; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran === undefined")
    assert any(error.startswith("CSP violation") for error in page_errors), page_errors
