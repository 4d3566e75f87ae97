"""The organisation's webhook subscribers hear when an import ends: "import.finished" with
its id, kind, status, counts and end, and no personal data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from council.imports import services
from council.imports.models import ImportJob, ImportStatus
from council.orgs.models import Organisation
from council.webhooks import events
from council.webhooks.models import WebhookDelivery
from council.webhooks.tests.conftest import Receiver, receiver, subscribe

pytestmark = pytest.mark.django_db
__all__ = ["receiver"]

ROWS = [
    ["Фамилия", "Имя", "Эл. почта"],
    ["Сарсенбаева", "Айгерим", "aigerim@example.org"],
    ["Петров", "Иван", "not an address"],
]


def _sent(event: str) -> list[dict[str, Any]]:
    rows = WebhookDelivery.objects.filter(event_type=event).order_by("pk")
    return [row.payload["data"] for row in rows]


def test_a_finished_import_is_announced_without_personal_data(
    receiver: Receiver,
    imported: Callable[..., ImportJob],
    org_admin: Any,
    org: Organisation,
) -> None:
    subscribe(org, org_admin, receiver.url, [events.IMPORT_FINISHED])
    job = imported(org_admin, org, ROWS, kind="volunteers")
    assert job.status == ImportStatus.FINISHED
    [data] = _sent(events.IMPORT_FINISHED)
    assert data["organisation"]["id"] == org.pk
    assert {key: value for key, value in data.items() if key != "organisation"} == {
        "import": job.pk,
        "kind": "volunteers",
        "status": "finished",
        "created": 1,
        "updated": 0,
        "rejected": 1,
        "skipped": 0,
        "rows": 2,
        "finished_at": job.finished_at.isoformat(),
    }
    assert "aigerim" not in str(data) and "person" not in data


def test_a_cancelled_import_is_announced_a_dry_run_is_not(
    receiver: Receiver,
    checked: Callable[..., ImportJob],
    run_now: Callable[..., Any],
    org_admin: Any,
    org: Organisation,
) -> None:
    subscribe(org, org_admin, receiver.url, [events.IMPORT_FINISHED])
    job = checked(org_admin, org, ROWS, kind="volunteers")
    assert job.status == ImportStatus.CHECKED
    assert _sent(events.IMPORT_FINISHED) == []  # the dry run is not the end
    run_now(services.import_cancel, actor=org_admin, job=job)
    [data] = _sent(events.IMPORT_FINISHED)
    assert (data["import"], data["status"], data["created"]) == (job.pk, "cancelled", 0)


def test_nobody_listening_costs_nothing(
    imported: Callable[..., ImportJob], org_admin: Any, org: Organisation
) -> None:
    job = imported(org_admin, org, ROWS, kind="volunteers")
    assert job.status == ImportStatus.FINISHED
    assert not WebhookDelivery.objects.exists()
