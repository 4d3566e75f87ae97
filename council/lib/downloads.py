"""A response as a download: the one place that names the file a browser saves."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpResponse
from django.http.response import HttpResponseBase

Response = TypeVar("Response", bound=HttpResponseBase)


def attachment(response: Response, filename: str) -> Response:
    """The response, saved by the browser under `filename`."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_download(content: bytes, filename: str) -> HttpResponse:
    """A PDF document as a download."""
    return attachment(HttpResponse(content, content_type="application/pdf"), filename)
