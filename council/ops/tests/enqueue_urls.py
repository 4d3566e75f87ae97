"""A page that enqueues a task, for the tests of the request id in tasks
(`@pytest.mark.urls("council.ops.tests.enqueue_urls")`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from council.ops.tests import worker_tasks


def enqueue(request: HttpRequest, name: str) -> HttpResponse:
    result = getattr(worker_tasks, name).enqueue(text=request.GET.get("text", ""))
    return HttpResponse(str(result.id), content_type="text/plain")


urlpatterns = [path("enqueue/<str:name>/", enqueue)]
