"""The volunteer's record book (as a page, a PDF and signed JSON) and the platform's public
keys that verify it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils import translation

from council.accounts.http import AuthenticatedRequest
from council.hours.documents import record_book_pdf, record_book_signed
from council.hours.selectors import record_book_for
from council.hours.services.signing import published_keys
from council.lib.downloads import attachment, pdf_download


@login_required
def record_book(request: AuthenticatedRequest) -> HttpResponse:
    book = record_book_for(user=request.user)
    return render(request, "hours/record_book.html", {"book": book})


@login_required
def record_book_as_pdf(request: AuthenticatedRequest) -> HttpResponse:
    book = record_book_for(user=request.user)
    pdf = record_book_pdf(user=request.user, book=book, language=translation.get_language())
    return pdf_download(pdf, "record-book.pdf")


@login_required
def record_book_as_json(request: AuthenticatedRequest) -> HttpResponse:
    signed = record_book_signed(user=request.user, book=record_book_for(user=request.user))
    response = JsonResponse(signed, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return attachment(response, "record-book.json")


def signing_keys(request: HttpRequest) -> HttpResponse:
    """The public keys that verify signed record books (a JSON Web Key Set)."""
    response = JsonResponse({"keys": published_keys()})
    response["Cache-Control"] = "public, max-age=3600"
    return response


urlpatterns = [
    path("hours/record-book/", record_book, name="record_book"),
    path("hours/record-book.pdf", record_book_as_pdf, name="record_book_pdf"),
    path("hours/record-book.json", record_book_as_json, name="record_book_json"),
    path("hours/signing-keys.json", signing_keys, name="signing_keys"),
]
