"""The operator's doors: readiness, metrics, and the secretariat's page of failed tasks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from council.accounts.http import AuthenticatedRequest
from council.lib.views import action_view
from council.ops import access, task_selectors, task_services
from council.ops.observability.metrics import exposition
from council.ops.observability.readiness import readiness


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    checks = readiness()
    failed = [name for name, answer in checks.items() if answer != "ok"]
    body = {"status": "unavailable" if failed else "ok", "checks": checks, "failed": failed}
    return JsonResponse(body, status=503 if failed else 200)


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    access.require_metrics_client(request=request)
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


@login_required
def tasks(request: AuthenticatedRequest) -> HttpResponse:
    access.require_operator(user=request.user)
    context = {
        "page": task_selectors.failed_tasks_page(number=request.GET.get("page")),
        "jobs": task_selectors.job_last_runs(),
    }
    return render(request, "ops/tasks.html", context)


task_retry = action_view(
    access.get_failed_task_for_operator,
    task_services.failed_task_retry,
    "task",
    success=_("The task is queued again."),
    redirect_to=lambda _task: reverse("ops:tasks"),
)
