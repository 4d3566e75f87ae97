"""Verified hours sent home by the node where the person worked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from council.federation.models import LinkKind, OutboxMessage, RemoteLink, Transfer
from council.federation.people import person_ref
from council.federation.protocol import ProtocolError, Received, write_handler
from council.federation.services.home.applications import apply_answered, remote_apply
from council.hours.models import EntrySource, EntryStatus, HoursEntry
from council.hours.selectors import record_book_for
from council.lib import signing

from .conftest import RU_PRIVATE_KEY


@pytest.fixture
def confirmed(aliya, ru_opportunity, ru_shift):
    application = remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    apply_answered(OutboxMessage.objects.get(), {"application": "501", "status": "confirmed"})
    return application


def _entry(aliya, ru_peer, confirmed, **changes):
    day = (timezone.now() - timezone.timedelta(days=1)).date()
    entry = {
        "id": "e-77",
        "person": person_ref(aliya, ru_peer),
        "application": str(confirmed.pk),
        "organisation": {"id": "3", "name": {"ru": "Московский центр", "en": "Moscow Centre"}},
        "opportunity": {"id": "27", "title": {"en": "Beach clean-up volunteer"}},
        "date": day.isoformat(),
        "hours": "3.50",
        "verified_at": timezone.now().isoformat(),
        "node": "ru",
        "country": "RU",
        **changes,
    }
    return entry


def _send(peer, entry, key=RU_PRIVATE_KEY):
    handler = write_handler("hours")
    assert handler is not None
    body = {"entry": entry, "signature": signing.sign(entry, key)}
    return handler(Received(peer=peer, body=body, idempotency_key="h"))


def test_signed_hours_join_the_record_book(aliya, ru_peer, confirmed, ru_shift):
    reply = _send(ru_peer, _entry(aliya, ru_peer, confirmed))
    entry = HoursEntry.objects.get()
    assert reply == {"entry": str(entry.pk)}
    assert (entry.volunteer, entry.status, entry.source) == (
        aliya,
        EntryStatus.VERIFIED,
        EntrySource.IMPORTED,
    )
    assert (entry.origin, entry.external_id, entry.hours) == ("peer:ru", "e-77", Decimal("3.50"))
    assert (entry.country_id, entry.shift_id) == ("RU", ru_shift.pk)
    assert entry.peer_node == "ru"
    book = record_book_for(user=aliya)
    assert book.total == Decimal("3.50")
    link = RemoteLink.objects.get(kind=LinkKind.HOURS)
    assert (link.local_id, link.remote_id) == (str(entry.pk), "e-77")
    transfer = Transfer.objects.get(direction="in")
    assert (transfer.purpose, transfer.person) == ("hours", aliya)


def test_sending_the_same_entry_again_updates_it(aliya, ru_peer, confirmed):
    _send(ru_peer, _entry(aliya, ru_peer, confirmed))
    _send(ru_peer, _entry(aliya, ru_peer, confirmed, hours="4.00"))
    assert HoursEntry.objects.get().hours == Decimal("4.00")
    assert record_book_for(user=aliya).total == Decimal("4.00")


def test_a_bad_signature_is_refused(aliya, ru_peer, confirmed):
    entry = _entry(aliya, ru_peer, confirmed)
    with pytest.raises(ProtocolError) as error:
        _send(ru_peer, entry, key=signing.generate_private_key())
    assert error.value.code == "signature_invalid"
    handler = write_handler("hours")
    signature = signing.sign(entry, RU_PRIVATE_KEY)
    tampered = {**entry, "hours": "23.00"}
    with pytest.raises(ProtocolError) as error:
        handler(Received(peer=ru_peer, body={"entry": tampered, "signature": signature}))
    assert error.value.code == "signature_invalid"
    assert not HoursEntry.objects.exists()


def test_an_unknown_person_or_opportunity_is_refused(aliya, ru_peer, confirmed):
    with pytest.raises(ProtocolError) as error:
        _send(ru_peer, _entry(aliya, ru_peer, confirmed, person="psn_" + "0" * 32))
    assert error.value.code == "not_found"
    with pytest.raises(ProtocolError) as error:
        _send(ru_peer, _entry(aliya, ru_peer, confirmed, opportunity={"id": "999"}))
    assert error.value.code == "unknown_reference"
    with pytest.raises(ProtocolError) as error:
        _send(ru_peer, _entry(aliya, ru_peer, confirmed, country="KZ"))
    assert error.value.code == "foreign_country"
    assert not HoursEntry.objects.exists()


def test_bad_hours_or_dates_are_refused_with_the_field(aliya, ru_peer, confirmed):
    with pytest.raises(ProtocolError) as error:
        _send(ru_peer, _entry(aliya, ru_peer, confirmed, hours="30"))
    assert (error.value.code, error.value.field) == ("invalid_body", "entry.hours")
    future = (timezone.now() + timezone.timedelta(days=30)).date().isoformat()
    with pytest.raises(ProtocolError) as error:
        _send(ru_peer, _entry(aliya, ru_peer, confirmed, date=future))
    assert (error.value.code, error.value.field) == ("invalid_body", "entry.date")


def test_the_record_book_shows_the_origin(aliya, ru_peer, confirmed):
    from council.conftest import reader

    _send(ru_peer, _entry(aliya, ru_peer, confirmed))
    client = reader("en", aliya)
    page = client.get("/hours/record-book/").content.decode()
    assert "verified by Moscow Volunteer Centre on the Russia node" in page
    assert "Verified hours of volunteer work: 3.5" in page
    document = client.get("/hours/record-book.json").json()["record_book"]
    [entry] = document["entries"]
    assert (entry["verified_on_node"], entry["hours"]) == ("ru", "3.50")
    assert document["totals"]["volunteer_work_hours"] == "3.50"
    pdf = client.get("/hours/record-book.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_value_is_the_owner_countrys(aliya, ru_peer, confirmed):
    from council.hours.services.valuation import hours_value

    _send(ru_peer, _entry(aliya, ru_peer, confirmed))
    entry = HoursEntry.objects.get()
    expected = hours_value(
        hours=entry.hours, country_id="RU", isco_code=entry.isco_group_id, year=entry.date.year
    )
    assert (entry.value, entry.currency) == (expected.value, expected.currency)
