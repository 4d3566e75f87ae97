"""Middleware that belongs to no single app: what every request and response goes through."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

from council.errors import BadInput, bad_request

NUL = "\x00"
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _query_fields_with_nul(data: QueryDict) -> Iterator[str]:
    for name, values in data.lists():
        if NUL in name or any(isinstance(value, str) and NUL in value for value in values):
            yield name.replace(NUL, "")


def _json_fields_with_nul(value: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    if isinstance(value, str):
        if NUL in value:
            yield ".".join(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = str(key).replace(NUL, "")
            if NUL in str(key):
                yield ".".join((*path, name))
            yield from _json_fields_with_nul(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_fields_with_nul(item, (*path, str(index)))


def fields_with_nul(request: HttpRequest) -> list[str]:
    """The names of the query, form and JSON body fields that hold a NUL character.

    PostgreSQL cannot store or compare a text with NUL in it, so such a value would end in a
    database error wherever it reached a query; Django's form fields refuse it, but not a value
    read straight from request.GET, nor the API's JSON."""
    names = list(_query_fields_with_nul(request.GET))
    if request.content_type in FORM_TYPES:
        if request.method == "POST":
            names += _query_fields_with_nul(request.POST)
    elif request.method in {"POST", "PUT", "PATCH", "DELETE"}:
        body = request.body  # RequestDataTooBig past DATA_UPLOAD_MAX_MEMORY_SIZE: a 413
        # A NUL in JSON text is written \u0000 (a raw one is not valid JSON: the API says so).
        if b"\\u0000" in body:
            with contextlib.suppress(ValueError):
                names += _json_fields_with_nul(json.loads(body))
    return names


class RejectNullCharactersMiddleware:
    """Refuses, at the edge, a request with a NUL character in its address or in any field:
    400 (the page) or 422 (the API's problem details) naming each field."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Answered here rather than raised, so that the API gets its problem details under
        # DEBUG too (Django's debug page would answer a raised BadRequest).
        try:
            if NUL in request.path:
                raise BadInput([(None, _("The address holds a null character."))])
            names = fields_with_nul(request)
            if names:
                message = _("Null characters are not allowed.")
                raise BadInput([(name or None, message) for name in dict.fromkeys(names)])
        except (BadInput, RequestDataTooBig) as error:
            return bad_request(request, error)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header of settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy: dict[str, str] = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}={allow}" for feature, allow in policy.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response
