"""The periodic jobs that put statuses and hours in the outbox (they run once the outbox and
the node key of council.federation exist; until then these tests are skipped)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.federation.models import LinkKind, OutboxMessage, RemoteLink, Transfer
from council.federation.services.owner import (
    handlers,
    send_status_changes,
    send_verified_hours,
)
from council.federation.tests.owner.conftest import apply_body, call
from council.hours.models import EntryStatus, HoursEntry
from council.hours.services.entries import hours_log_for_shift
from council.projects.models import Application
from council.projects.services.applications import application_reject


@pytest.fixture
def outbox() -> Any:
    return pytest.importorskip("council.federation.services.outbox")


def test_a_new_status_goes_home_once(
    outbox: Any, peer: Any, first_aid: Any, ru_opportunity: Any, org_admin: Any
) -> None:
    answer = call(handlers.apply, peer, **apply_body(ru_opportunity))
    application_reject(
        actor=org_admin,
        application=Application.objects.get(pk=answer["application"]),
        reason="The team is complete.",
    )

    assert send_status_changes() == 1
    assert send_status_changes() == 0

    message = OutboxMessage.objects.get(kind="status")
    assert message.peer == peer
    assert message.payload["id"] == "901"
    assert message.payload["status"] == "rejected"
    assert message.payload["reason"] == "The team is complete."
    assert RemoteLink.objects.get(kind=LinkKind.APPLICATION).status == "rejected"


def test_verified_hours_go_home_signed_once(
    outbox: Any, peer: Any, first_aid: Any, ru_opportunity: Any, org_admin: Any
) -> None:
    pytest.importorskip("council.federation.keys")
    answer = call(handlers.apply, peer, **apply_body(ru_opportunity))
    shift = Application.objects.get(pk=answer["application"]).shift
    now = timezone.now()
    type(shift).objects.filter(pk=shift.pk).update(
        start=now - timedelta(hours=4), end=now - timedelta(hours=1)
    )
    shift.refresh_from_db()
    (entry,) = hours_log_for_shift(actor=org_admin, shift=shift)
    assert HoursEntry.objects.get(pk=entry.pk).status == EntryStatus.VERIFIED

    assert send_verified_hours() == 1
    assert send_verified_hours() == 0

    message = OutboxMessage.objects.get(kind="hours")
    assert message.payload["entry"]["id"] == str(entry.pk)
    assert message.payload["entry"]["person"] == "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    assert message.payload["signature"]["value"]
    transfer = Transfer.objects.get(direction="out")
    assert (transfer.purpose, transfer.consent_ref) == ("hours", "c-41")
