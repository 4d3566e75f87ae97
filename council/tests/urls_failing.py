"""The site's URLs and one view that fails, for the tests of the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from council.urls import handler400, handler403, handler404, handler500  # noqa: F401
from council.urls import urlpatterns as site_urlpatterns


def failing(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("failing/", failing), *site_urlpatterns]
