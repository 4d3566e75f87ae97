"""The request id: taken from a trusted proxy's X-Request-ID (nginx sends its $request_id) or
made here, kept in the log context for the request's time, and returned in X-Request-ID."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from council.lib.client_ip import from_trusted_proxy
from council.ops.observability import context

HEADER = "X-Request-ID"
logger = logging.getLogger(__name__)


def request_id_for(request: HttpRequest) -> str:
    """The trusted proxy's id (settings.TRUSTED_PROXIES, council.lib.client_ip), else a new
    one: anyone else could choose the id their requests are logged under."""
    given = request.headers.get(HEADER)
    if given and from_trusted_proxy(request) and context.valid_request_id(given):
        return given
    return context.new_request_id()


def loggable_path(request: HttpRequest) -> str:
    """The path as the logs keep it. A URL with a text parameter may carry a secret (an
    invitation token, a password-reset key, a calendar feed's token): it is logged as its
    route, with the parameters' names in place of their values, so that nobody who reads the
    logs can use the link. Paths with number parameters only, and paths that match no route,
    are kept as they are."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return request.path
    if all(isinstance(value, int) for value in match.kwargs.values()) and not match.args:
        return request.path
    return "/" + match.route.lstrip("^").rstrip("$")


class RequestIdMiddleware:
    """First in MIDDLEWARE (after django-prometheus's first one): every line logged while the
    request is served, by any middleware or view, carries its id. Writes one line per request
    on this module's logger (INFO): method, path, status and duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        # Not put back when the middleware returns: Django logs an error response's line
        # ("Not Found: …") after the middleware; request_finished clears it (below).
        path = loggable_path(request)
        context.current.set(context.LogContext(request_id=request_id, path=path, request=request))
        started = time.monotonic()
        response = self.get_response(request)
        response[HEADER] = request_id
        logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="council_request_log_context")
def forget_request(sender: Any, **kwargs: Any) -> None:
    """The response is sent: whatever the worker logs next is not the request's."""
    context.current.set(context.LogContext())
