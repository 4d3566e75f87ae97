"""The site's addresses with a stand-in for the federation's "apply from here" pages (the
federation app writes the real ones): the pages of another node's rows link to these."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, include, path

from council import urls as site


def _stub(_request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(f"stub {pk}")


_federation = (
    [
        path("remote/opportunities/<int:pk>/apply/", _stub, name="remote_apply"),
        path("remote/forums/<int:pk>/register/", _stub, name="remote_register"),
        path("remote/exchanges/<int:pk>/apply/", _stub, name="remote_exchange_apply"),
        path("remote/assignments/<int:pk>/apply/", _stub, name="remote_candidacy"),
    ],
    "federation",
)

urlpatterns = [
    pattern
    for pattern in site.urlpatterns
    if not (isinstance(pattern, URLResolver) and pattern.namespace == "federation")
] + [path("", include(_federation))]

handler404 = site.handler404
