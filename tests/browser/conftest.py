"""Harness for the browser suite: Debian's headless chromium driven by Playwright's sync API
against pytest-django's `live_server`, with axe-core and HTTP-error checks on every page.

No browser can be downloaded here (`playwright install` is never run): Playwright launches the
system chromium at /usr/bin/chromium, or wherever CHROMIUM_PATH points.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
SMALL_SCREEN = {"width": 360, "height": 740}
FAILING_IMPACTS = {"serious", "critical"}


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # The live server thread reads the same settings object: MD5 keeps sign-up and login fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"headless chromium not found at {path} (CHROMIUM_PATH); under CI=true the "
                "browser suite must run: apt-get install -y chromium",
                pytrace=False,
            )
        pytest.skip("headless chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in the main thread for as long as it is
    # started (it switches between greenlets on that loop). Django sees a running loop and
    # raises SynchronousOnlyOperation for every ORM call from the test thread (creating rows,
    # reading mail.outbox's user, the database flush between tests). Nothing here is async:
    # the loop only belongs to Playwright, so the check is switched off for exactly as long as
    # Playwright runs, and restored afterwards for the rest of the session.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=path, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def page_errors() -> list[str]:
    """Same-origin responses with status >= 400, uncaught JavaScript errors and what the
    Content-Security-Policy blocked, as they come."""
    return []


@pytest.fixture
def new_page(browser: Any, live_server: Any, page_errors: list[str]) -> Iterator[Callable]:
    """Open a page in a fresh context (own cookies, English browser); closed after the test.

    `live_server` implies the transactional database; its static handler serves /static/.
    """
    contexts: list[Any] = []
    origin = live_server.url

    def open_page(viewport: dict[str, int] | None = None, locale: str = "en-US") -> Any:
        context = browser.new_context(
            base_url=origin, locale=locale, viewport=viewport or DESKTOP, device_scale_factor=1
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()

        def on_response(response: Any) -> None:
            if response.url.startswith(origin) and response.status >= 400:
                page_errors.append(
                    f"HTTP {response.status} {response.request.method} {response.url}"
                )

        def on_console(message: Any) -> None:
            # The browser reports what the Content-Security-Policy blocked on the console.
            if "Content Security Policy" in message.text:
                page_errors.append(f"CSP violation: {message.text}")

        page.on("response", on_response)
        page.on("pageerror", lambda error: page_errors.append(f"JavaScript error: {error}"))
        page.on("console", on_console)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable) -> Any:
    return new_page()


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['description']} "
            f"[{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


@pytest.fixture
def check_page(axe: Any, page_errors: list[str]) -> Callable[[Any, str], None]:
    """Fail on HTTP errors so far, an unloaded stylesheet, or serious/critical axe violations."""

    def check(page: Any, label: str) -> None:
        page.wait_for_load_state("load")
        assert not page_errors, f"{label} ({page.url}): " + "; ".join(page_errors)
        unloaded = page.evaluate(
            """() => [...document.querySelectorAll('link[rel="stylesheet"]')]
                 .filter(link => !link.sheet || link.sheet.cssRules.length === 0)
                 .map(link => link.href)"""
        )
        assert not unloaded, f"{label} ({page.url}): stylesheets not loaded: {unloaded}"
        violations = axe.run(page).response["violations"]
        failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
        others = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
        if others:
            print(f"axe, {label} ({page.url}), not failing:\n{format_violations(others)}")
        assert not failing, (
            f"axe found serious/critical violations on {label} ({page.url}):\n"
            + format_violations(failing)
        )

    return check


@pytest.fixture
def small_screen(request: pytest.FixtureRequest) -> Callable[[Any, str], Path]:
    """Screenshot a page 360 px wide into test-results/ and check it has no horizontal scroll.

    The context is a desktop one (no `is_mobile`): a mobile viewport would zoom out to fit a
    page that is too wide, so window.innerWidth would grow with it and hide the overflow.
    """
    folder = Path(request.config.rootpath) / "test-results"

    def shoot(page: Any, name: str) -> Path:
        size = page.viewport_size
        if size != SMALL_SCREEN:
            page.set_viewport_size(SMALL_SCREEN)
        try:
            folder.mkdir(exist_ok=True)
            path = folder / f"{name}-360.png"
            page.screenshot(path=str(path), full_page=True)
            fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            if not fits:
                wide = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                         .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                         .slice(0, 10)
                         .map(el => el.tagName.toLowerCase()
                              + (el.id ? '#' + el.id : '')
                              + (el.className && typeof el.className === 'string'
                                 ? '.' + el.className.trim().split(/\\s+/).join('.') : ''))"""
                )
                width = page.evaluate("document.documentElement.scrollWidth")
                raise AssertionError(
                    f"{name} ({page.url}) scrolls sideways at 360 px: scrollWidth {width}; "
                    f"wider than the screen: {wide} (screenshot {path})"
                )
            return path
        finally:
            if size is not None and size != SMALL_SCREEN:
                page.set_viewport_size(size)

    return shoot
