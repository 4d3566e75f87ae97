"""Who may see the platform's operation: the metrics endpoint answers the addresses of
settings.METRICS_ALLOWED_NETWORKS (the client's address as council.lib.client_ip finds it);
the failed tasks are the secretariat's. Everyone else gets a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_tasks_db.models import DBTaskResult

from council.accounts.http import Viewer
from council.cooperation.access import is_secretariat
from council.lib.client_ip import client_ip_in
from council.lib.found import found_if


def require_metrics_client(*, request: HttpRequest) -> None:
    found_if(client_ip_in(request, tuple(settings.METRICS_ALLOWED_NETWORKS)), None)


def require_operator(*, user: Viewer) -> None:
    found_if(is_secretariat(user=user), None)


def get_failed_task_for_operator(*, user: Viewer, pk: UUID | str) -> DBTaskResult[Any, Any]:
    require_operator(user=user)
    task: DBTaskResult[Any, Any] = get_object_or_404(DBTaskResult.objects.failed(), pk=pk)
    return task
