"""The route × role matrix: every URL pattern of the project (from the resolver), asked by
every persona about the objects of a party it does not belong to (the read-only member about
its own organisation's), must answer what matrix_pages.txt says — a 404 for another party's
object, a 403 for a read-only member's write, the sign-in page for the anonymous caller, and
a page only where the matrix declares it public or the role's own. A write must leave the
object its URL names as it was (unless matrix_pages.MAY_CHANGE allows it), refused or not.
A route that the matrix does not know fails the test.

To teach the matrix a new route: `MATRIX_PRINT=1 pytest tests/security -s -k route_matrix`
prints every route's observed rows in the format of matrix_pages.txt; check the rows, then copy
them there."""

from __future__ import annotations

import os
import time
from typing import Any

from django.test import Client
from django.utils import translation

from council.reports.models import ExportJob
from tests.security.matrix_pages import (
    ADMIN_PAGES,
    ADMIN_ROW,
    API_PAGES,
    BODIES,
    EMPTY_ROUTE,
    KNOWN_OPEN,
    MAY_CHANGE,
    PAGES,
    PUBLIC,
)
from tests.security.routes import Route, all_routes, objects_in, url_for
from tests.security.world import PERSONAS, World

# Own-account writes that would end the session or the account the matrix is using.
NOT_POSTED = {"accounts/logout/", "me/data/erase/"}
ACCESS_ANSWERS = {"login", "admin", "403", "404", "405"}


def outcome(response: Any) -> str:
    code = response.status_code
    if code in (301, 302, 303):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return "login"
        if location.startswith("/admin/login/"):
            return "admin"
        return "3xx"
    if 200 <= code < 300:
        return "ok"
    return str(code)


def snapshot(objects: list[Any]) -> list[dict[str, Any] | None]:
    # One language: a request may leave another active, and translated fields read in it.
    with translation.override("en"):
        return [type(obj)._default_manager.filter(pk=obj.pk).values().first() for obj in objects]


def _export_beyond_country(world: World, persona: str, last: int | None) -> str | None:
    """A national coordinator's export holds their own country's entries only."""
    user = world.people[persona]
    if user is None or user.is_secretariat:
        return None
    for job in ExportJob.objects.filter(pk__gt=last or 0, requested_by=user):
        if job.filters.get("countries") != [user.home_country_id]:
            return f"an export of {job.filters.get('countries') or 'every country'}"
    return None


def report(capsys: Any, summary: str, failures: list[str], printed: list[str] | None) -> None:
    """The matrix's figures, shown in every run, not only a failing one; then the rows it
    observed when asked to print them (MATRIX_PRINT), or else its failures."""
    with capsys.disabled():
        print("\n" + summary)
    if printed is not None:
        print("\n".join(printed))
        return
    assert not failures, summary + "\n" + "\n".join(failures)


def expected_rows(route: Route) -> dict[str, str]:
    if route.pattern in ADMIN_PAGES:
        return ADMIN_PAGES[route.pattern]
    if route.pattern.startswith("admin/"):
        return {"get": ADMIN_ROW}
    return PAGES[route.pattern]


def is_api_operation(route: Route) -> bool:
    """The API's operations are asked by test_api_matrix, with tokens; its pages here."""
    return route.pattern.startswith("api/v1/") and route.pattern not in API_PAGES


def test_every_route_is_in_the_matrix() -> None:
    unknown = [
        route.pattern
        for route in all_routes()
        if not route.pattern.startswith("admin/")
        and not is_api_operation(route)
        and route.pattern not in PAGES
    ]
    assert not unknown, "\n".join(f"route {pattern} is not in the matrix" for pattern in unknown)
    stale = set(PAGES) - {route.pattern for route in all_routes()}
    assert not stale, f"the matrix names routes that no longer exist: {sorted(stale)}"
    open_to_all = {
        pattern
        for pattern, rows in {**PAGES, **ADMIN_PAGES}.items()
        if "ok" in (rows.get("get", "").split()[:1] + rows.get("post", "").split()[:1])
    }
    assert open_to_all == PUBLIC, (
        f"answer anonymous callers but not declared public: {sorted(open_to_all - PUBLIC)}; "
        f"declared public but closed: {sorted(PUBLIC - open_to_all)}"
    )


def test_route_matrix(world: World, db: None, capsys: Any) -> None:
    printing = bool(os.environ.get("MATRIX_PRINT"))
    clients = {}
    for persona in PERSONAS:
        client = Client()
        user = world.people[persona]
        if user is not None:
            client.force_login(user)
        clients[persona] = client
    started = time.monotonic()
    failures: list[str] = []
    requests = 0
    routes = [route for route in all_routes() if not is_api_operation(route)]
    printed: list[str] = []
    for route in routes:
        if not printing and route.pattern not in PAGES and not route.pattern.startswith("admin/"):
            failures.append(f"route {route.pattern} is not in the matrix")
            continue
        rows = (
            expected_rows(route)
            if not printing or route.pattern in PAGES or route.pattern.startswith("admin/")
            else {"get": "", "post": ""}
        )
        observed_rows: dict[str, str] = {}
        route_started = time.monotonic()
        for method in ("get", "post"):
            if method not in rows or (method == "post" and route.pattern in NOT_POSTED):
                continue
            expected = rows[method].split()
            observed = []
            for index, persona in enumerate(PERSONAS):
                url = url_for(route, world, persona)
                objects = objects_in(route, world, persona) if method == "post" else []
                before = snapshot(objects)
                last_export = ExportJob.objects.order_by("-pk").values_list("pk", flat=True).first()
                response = getattr(clients[persona], method)(url, BODIES.get(route.pattern, {}))
                requests += 1
                got = outcome(response)
                observed.append(got)
                if printing:
                    continue
                want = expected[index]
                cell = (route.pattern, method, persona)
                if method == "post" and got == want:
                    got = _export_beyond_country(world, persona, last_export) or got
                if got != want:
                    if cell in KNOWN_OPEN:
                        continue
                    failures.append(
                        f"{method.upper()} {url} ({route.pattern}) as {persona}: "
                        f"{got}, the matrix says {want}"
                    )
                elif cell in KNOWN_OPEN:
                    failures.append(f"{cell} is closed now: remove it from KNOWN_OPEN")
                if objects and snapshot(objects) != before:
                    if want in ACCESS_ANSWERS:
                        failures.append(
                            f"{method.upper()} {url} as {persona} was refused ({got}) but "
                            "changed the object"
                        )
                    elif cell not in MAY_CHANGE:
                        failures.append(
                            f"{method.upper()} {url} as {persona} ({got}) changed the object, "
                            "which the matrix does not allow (MAY_CHANGE)"
                        )
            observed_rows[method] = " ".join(observed)
        if printing and not route.pattern.startswith("admin/"):
            # Rows of matrix_pages.txt.
            printed.append(f"# {route.pattern}: {time.monotonic() - route_started:.2f} s")
            printed.extend(
                f"{route.pattern or EMPTY_ROUTE} {method} {row}"
                for method, row in observed_rows.items()
            )
    summary = (
        f"routes × roles = {len(routes)} routes × {len(PERSONAS)} roles = {requests} requests "
        f"in {time.monotonic() - started:.0f} s"
    )
    report(capsys, summary, failures, printed if printing else None)
