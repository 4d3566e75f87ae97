"""Error answers in the site's layout and the visitor's language (the pages), or as problem
details (the API): 400, 403, 404, 413, 500, 503 and the CSRF failure.

A page that cannot be rendered with the request's full context (the navigation reads the
database, which may be what failed) is rendered again without it, and at worst as plain HTML.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from council.api.errors import problem_response

logger = logging.getLogger(__name__)

# What a connection that fails (the database restarting or out of reach) raises.
UNAVAILABLE = (OperationalError, InterfaceError)


class BadInput(BadRequest):
    """A request that no form or endpoint could take, with the fields it names."""

    def __init__(self, errors: list[tuple[str | None, str]]) -> None:
        super().__init__("; ".join(message for _field, message in errors))
        self.errors = errors


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _plain_page(status: int, heading: str, text: str) -> str:
    """The last resort: the layout's stylesheet and the message, nothing that can fail."""
    return (
        f'<!DOCTYPE html><html lang="{escape(get_language() or settings.LANGUAGE_CODE)}">'
        f'<head><meta charset="utf-8"><title>{escape(heading)}</title>'
        f'<link rel="stylesheet" href="{escape(static("council/site.css"))}"></head><body>'
        f'<header class="site-header"><div class="wrap header-row"><a class="brand" href="/">'
        f"{escape(_('Volunteer Council'))}</a></div></header>"
        f'<main id="main" class="wrap"><h1>{escape(heading)}</h1><p>{escape(text)}</p></main>'
        "</body></html>"
    )


def render_error(
    request: HttpRequest,
    template_name: str,
    status: int,
    context: dict[str, Any] | None = None,
    *,
    full: bool = True,
) -> HttpResponse:
    """The error page; with `full`, first with the request's context (who is signed in),
    then without it, which needs no database."""
    context = {"status": status, **(context or {})}
    if full:
        try:
            page = loader.render_to_string(template_name, context, request)
            return HttpResponse(page, status=status)
        except Exception:
            logger.exception("The error page %s failed with the request's context", template_name)
    body: str
    try:
        body = str(loader.render_to_string(template_name, context))
    except Exception:
        logger.exception("The error page %s failed", template_name)
        body = _plain_page(
            status, _("Something went wrong"), _("Please try again in a few minutes.")
        )
    return HttpResponse(body, status=status)


def _too_big(request: HttpRequest) -> HttpResponse:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    detail = _("The request is too large: at most %(size)s MB can be sent.") % {
        "size": round(size / 1024 / 1024, 1)
    }
    if is_api(request):
        return problem_response(413, detail)
    return render_error(request, "413.html", 413, {"detail": detail})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a request that could not be taken; 413 for one over the size limit."""
    if isinstance(exception, RequestDataTooBig):
        return _too_big(request)
    errors = exception.errors if isinstance(exception, BadInput) else []
    if is_api(request):
        return problem_response(422 if errors else 400, errors=errors)
    return render_error(request, "400.html", 400, {"errors": errors})


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403; under the API, the refusal's own message (a middleware's) is the detail."""
    if is_api(request):
        return problem_response(403, str(exception) or None)
    return render_error(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404."""
    if is_api(request):
        return problem_response(404)
    return render_error(request, "404.html", 404)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database cannot be reached, with Retry-After; the page is rendered
    without the request's context, which would read the database again."""
    if is_api(request):
        response = problem_response(503)
    else:
        response = render_error(request, "503.html", 503, full=False)
    response["Retry-After"] = str(settings.COUNCIL_RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500, called while the exception is being handled: a failed database connection
    is a 503 (try again soon), anything else a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return unavailable(request)
    if is_api(request):
        return problem_response(500)
    return render_error(request, "500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form was sent without a valid CSRF token (often a page left
    open across a sign-in or sign-out)."""
    if is_api(request):
        return problem_response(403, _("CSRF check failed. Reload the page and try again."))
    return render_error(request, "403_csrf.html", 403, {"no_cookie": "cookie" in reason.lower()})
