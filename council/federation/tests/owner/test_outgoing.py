"""What goes back home: new statuses of the rows made for the home node's actions, and the
hours a person of another node worked here, checked in, verified and signed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.conftest import make_member
from council.federation.models import LinkKind, RemoteLink
from council.federation.services.owner import handlers, hours_due, hours_payload
from council.federation.services.owner.outgoing import status_changes_due
from council.federation.tests.owner.conftest import apply_body, call, person_block
from council.hours.models import EntryStatus, HoursEntry
from council.hours.services.checkin import check_in, check_out
from council.hours.services.entries import hours_verify
from council.lib.signing import generate_private_key, public_key_from_private, verify
from council.orgs.models import MembershipRole
from council.projects.models import Application
from council.projects.services.applications import application_accept, application_reject


@pytest.fixture
def ru_admin(ru_org: Any, russia: Any) -> Any:
    return make_member("admin.ru@example.org", russia, ru_org, MembershipRole.ADMIN, "Irina")


def test_a_decision_of_the_organiser_is_due_home_once(
    peer: Any, first_aid: Any, ru_opportunity: Any, ru_admin: Any
) -> None:
    ru_opportunity.application_mode = "review"
    ru_opportunity.save(update_fields=["application_mode"])
    first = call(handlers.apply, peer, **apply_body(ru_opportunity))
    second = call(
        handlers.apply,
        peer,
        **apply_body(
            ru_opportunity, "902", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        ),
    )
    assert (first["status"], second["status"]) == ("pending", "pending")
    assert status_changes_due() == []

    application_accept(actor=ru_admin, application=Application.objects.get(pk=first["application"]))
    application_reject(
        actor=ru_admin,
        application=Application.objects.get(pk=second["application"]),
        reason="The team is complete.",
    )
    with CaptureQueriesContext(connection) as queries:
        due = status_changes_due()
    assert len(queries) <= 8  # two per kind of row, whatever their number

    payloads = sorted((item.payload for item in due), key=lambda payload: payload["id"])
    assert [(p["kind"], p["id"], p["remote_id"], p["status"], p["reason"]) for p in payloads] == [
        ("application", "901", first["application"], "confirmed", ""),
        ("application", "902", second["application"], "rejected", "The team is complete."),
    ]
    assert all(item.person.home_node == "kz" for item in due)

    # Once told (send_status_changes writes the status it sent on the link), nothing is due.
    for item in due:
        RemoteLink.objects.filter(pk=item.link.pk).update(status=item.row.status)
    assert status_changes_due() == []


def test_verified_hours_of_a_remote_person_are_due_home_signed(
    peer: Any, first_aid: Any, ru_opportunity: Any, ru_admin: Any, settings: Any
) -> None:
    settings.NODE_ID, settings.NODE_COUNTRY = "ru", "RU"
    answer = call(handlers.apply, peer, **apply_body(ru_opportunity))
    application = Application.objects.get(pk=answer["application"])
    shift = application.shift
    now = timezone.now()
    type(shift).objects.filter(pk=shift.pk).update(
        start=now - timedelta(hours=3), end=now + timedelta(minutes=30)
    )
    shift.refresh_from_db()

    check_in(
        actor=ru_admin, shift=shift, application_id=application.pk, at=now - timedelta(hours=3)
    )
    check_out(actor=ru_admin, shift=shift, application_id=application.pk, at=now)
    entry = HoursEntry.objects.get(volunteer=application.volunteer)
    if entry.status != EntryStatus.VERIFIED:
        assert hours_due() == []  # not verified yet
        hours_verify(actor=ru_admin, entry=entry)
        entry.refresh_from_db()
    assert entry.status == EntryStatus.VERIFIED
    assert entry.age_band == "adult"  # the attested band stands in for a date of birth

    (item,) = hours_due()
    assert item.peer == peer
    assert item.document == {
        "id": str(entry.pk),
        "person": "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "application": "901",
        "organisation": {
            "id": str(entry.organisation_id),
            "name": item.document["organisation"]["name"],
        },
        "opportunity": {
            "id": str(ru_opportunity.pk),
            "title": {"ru": "Волонтёр уборки пляжа", "kk": "", "en": "Beach clean-up volunteer"},
        },
        "date": entry.date.isoformat(),
        "hours": "3.00",
        "verified_at": entry.decided_at.isoformat(),
        "node": "ru",
        "country": "RU",
    }
    assert item.document["organisation"]["name"]["en"] == "Moscow Volunteer Centre"

    key = generate_private_key()
    payload = hours_payload(item.document, key)
    assert verify(payload["entry"], payload["signature"], public_key_from_private(key))

    # Once sent (a link of kind "hours"), it is not due again.
    RemoteLink.objects.create(peer=peer, kind=LinkKind.HOURS, local_id=str(entry.pk))
    assert hours_due() == []
