"""Every API error as RFC 9457 problem details (`application/problem+json`).

Messages go through gettext and so come out in the request's language (LocaleMiddleware has
activated it from Accept-Language, the language cookie or the person's preference).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationErrorContext
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

from council.api.schemas import COUNCIL_ERROR

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES: dict[int, Promise] = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Permission denied"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    422: gettext_lazy("Invalid input"),
    413: gettext_lazy("Request too large"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Server error"),
    503: gettext_lazy("Service unavailable"),
}

DETAILS: dict[int, Promise] = {
    400: gettext_lazy("The request could not be understood."),
    401: gettext_lazy("Send a valid API token as “Authorization: Bearer <token>”, or sign in."),
    403: gettext_lazy("You do not have permission to do this."),
    404: gettext_lazy("There is nothing here, or you may not see it."),
    405: gettext_lazy("This method is not allowed here."),
    422: gettext_lazy("Some fields are not valid; see the errors."),
    413: gettext_lazy("The request is too large."),
    429: gettext_lazy("Too many requests; wait a little and try again."),
    500: gettext_lazy("Something went wrong on our side. Please try again later."),
    503: gettext_lazy("The service cannot reach its database just now; try again shortly."),
}


class FieldError(Schema):
    field: str | None
    message: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ApiError(HttpError):
    """An HTTP error whose detail is a (lazily) translated message."""

    def __init__(self, status_code: int, detail: str | Promise | None = None) -> None:
        self.detail = detail
        super().__init__(status_code, str(detail or ""))


def problem_response(
    status: int,
    detail: str | Promise | None = None,
    errors: Iterable[tuple[str | None, str]] = (),
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, TITLES[400 if status < 500 else 500])),
        "status": status,
        "detail": str(detail or DETAILS.get(status, "")),
        "errors": [{"field": field, "message": str(message)} for field, message in errors],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )


def _pydantic_message(error: Any) -> str:
    """A translated message for one pydantic error; Django's own wording where it has one, so
    that its catalogues translate it."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == COUNCIL_ERROR:
        return str(ctx.get("problem", ""))  # our own checks, translated already
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"float_parsing", "float_type", "decimal_parsing", "decimal_type"}:
        return _("Enter a number.")
    if kind in {"string_too_long", "string_too_short"}:
        limit = ctx.get("max_length", ctx.get("min_length", 0))
        shown = len(value) if isinstance(value, str) else 0
        if kind == "string_too_long":
            message = ngettext(
                "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                limit,
            )
        else:
            message = ngettext(
                "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
                "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",  # noqa: E501
                limit,
            )
        return message % {"limit_value": limit, "show_value": shown}
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge")
        }
    if kind == "less_than_equal":
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le")
        }
    if kind in {"enum", "literal_error"}:
        return _("Select a valid choice. %(value)s is not one of the available choices.") % {
            "value": value
        }
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("Send a JSON object.")
    return _("Enter a valid value.")


def validation_errors(error_contexts: Iterable[ValidationErrorContext]) -> NinjaValidationError:
    """Ninja's ValidationError carrying a translated message and a field name for each error.

    Built while pydantic's `input` is still there (ninja drops it), so a message can name the
    rejected value or its length.
    """
    errors: list[dict[str, Any]] = []
    for context in error_contexts:
        model = context.model
        source = model.__ninja_param_source__
        flatten = getattr(model, "__ninja_flatten_map_reverse__", {})
        wrapped_in = getattr(model, "__read_from_single_attr__", None)
        for item in context.pydantic_validation_error.errors(include_url=False):
            loc = tuple(flatten.get(item["loc"], item["loc"]))
            if wrapped_in and loc[:1] == (wrapped_in,):
                loc = loc[1:]  # the view's parameter name, not a field of the JSON body
            field = ".".join(str(part) for part in loc) or None
            if field is None and source == "body" and item["type"] == "missing":
                message = _("Send a JSON object in the request body.")
            else:
                message = _pydantic_message(item)
            errors.append(
                {"loc": [source, *loc], "type": item["type"], "field": field, "msg": message}
            )
    return NinjaValidationError(errors)


def _on_ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        (item.get("field"), item.get("msg") or _("Enter a valid value.")) for item in exc.errors
    ]
    return problem_response(422, errors=errors)


def _on_django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors: list[tuple[str | None, str]] = []
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.error_dict.items():
            name = None if field == NON_FIELD_ERRORS else field
            for item in field_errors:
                errors.extend((name, message) for message in item.messages)
    else:
        errors.extend((None, message) for message in exc.messages)
    return problem_response(422, errors=errors)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    detail: str | Promise | None = None
    if isinstance(exc, ApiError):
        detail = exc.detail
    elif status == 400 and exc.message.startswith("Cannot parse request body"):
        detail = _("The request body is not valid JSON.")
    elif status == 403 and exc.message.startswith("CSRF"):
        detail = _("CSRF check failed. Send the X-CSRFToken header with the session cookie.")
    response = problem_response(status, detail)
    if isinstance(exc, AuthenticationError):
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(404)


def _on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(403)


def _on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    detail = _("The request is too large: at most %(size)s MB can be sent.") % {
        "size": round(size / 1024 / 1024, 1)
    }
    return problem_response(413, detail)


def _on_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A failed database connection (a restart, the database out of reach): try again."""
    logger.error("API: the database is unavailable on %s", request.path, exc_info=exc)
    response = problem_response(503)
    response["Retry-After"] = str(settings.COUNCIL_RETRY_AFTER_SECONDS)
    return response


def _lost_the_database(exc: PydanticValidationError) -> bool:
    """Whether reading a lazy queryset while serialising a response failed on the connection:
    pydantic keeps only the text of that error ("OperationalError: …")."""
    return any(
        item["type"] == "get_attribute_error"
        and str((item.get("ctx") or {}).get("error", "")).startswith(
            (f"{OperationalError.__name__}:", f"{InterfaceError.__name__}:")
        )
        for item in exc.errors(include_url=False)
    )


def _on_response_error(request: HttpRequest, exc: PydanticValidationError) -> HttpResponse:
    if _lost_the_database(exc):
        return _on_unavailable(request, exc)
    return _on_unexpected(request, exc)


def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("API error on %s", request.path, exc_info=exc)
    # Keeps error reporting that listens to Django's signal working for the API too.
    got_request_exception.send(sender=None, request=request)
    return problem_response(500)


HANDLERS: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
    (Exception, _on_unexpected),
    (Http404, _on_not_found),
    (PermissionDenied, _on_permission_denied),
    (HttpError, _on_http_error),
    (NinjaValidationError, _on_ninja_validation_error),
    (DjangoValidationError, _on_django_validation_error),
    (RequestDataTooBig, _on_too_big),
    (OperationalError, _on_unavailable),
    (InterfaceError, _on_unavailable),
    (PydanticValidationError, _on_response_error),
]


def install_problem_handlers(api: NinjaAPI) -> None:
    for exception_class, handler in HANDLERS:
        api.add_exception_handler(exception_class, handler)
