"""Peering, as the secretariats of two nodes do it on their pages: add by address after
comparing the fingerprint, accept, suspend, resume; each side told, each change audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.conftest import member_country
from council.federation import keys, protocol
from council.federation.models import CallLog, OutboxMessage, Peer, PeerStatus
from council.federation.tests.transport.conftest import FakeNode, signed_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(secretariat: User) -> Client:
    member_country("KZ")
    client = Client()
    client.force_login(secretariat)
    return client


def _actions(peer: Peer) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="federation.peer", target_id=str(peer.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_secretariat_adds_a_peer_after_comparing_its_fingerprint(
    desk: Client, fake_node: FakeNode, django_capture_on_commit_callbacks: Any
) -> None:
    fake_node.body = {"status": "requested"}
    overview = desk.get("/federation/")
    assert keys.node_fingerprint() in overview.content.decode()

    shown = desk.post("/federation/peers/add/", {"url": fake_node.url})
    fingerprint = keys.fingerprint(fake_node.public)
    assert shown.status_code == 200
    assert fingerprint in shown.content.decode()
    assert Peer.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        added = desk.post(
            "/federation/peers/add/", {"url": fake_node.url, "fingerprint": fingerprint}
        )

    peer = Peer.objects.get()
    assert added.status_code == 302
    assert added["Location"] == f"/federation/peers/{peer.pk}/"
    assert (peer.node_id, peer.country_id, peer.status) == ("kz", "KZ", PeerStatus.PROPOSED)
    assert peer.we_accepted_at is not None and peer.they_accepted_at is None
    request = fake_node.calls(protocol.PEERING_REQUEST)[0]
    assert request.json == {"url": "http://testserver", "node_id": "ru"}
    assert "Signature" in request.headers
    page = desk.get(f"/federation/peers/{peer.pk}/").content.decode()
    assert "Waiting for the other node to accept" in page
    assert fingerprint in page

    # The other node's secretariat accepts: it tells us.
    accepted = signed_call(desk, fake_node, protocol.PEERING_ACCEPT, {})

    assert accepted.json() == {"status": "live"}
    peer.refresh_from_db()
    assert peer.status == PeerStatus.LIVE
    assert _actions(peer) == ["federation.peer_added", "federation.peering_accepted_by_peer"]


def test_a_peer_that_accepted_us_first_is_live_at_once(
    desk: Client, fake_node: FakeNode, django_capture_on_commit_callbacks: Any
) -> None:
    fake_node.body = {"status": "live"}
    fingerprint = keys.fingerprint(fake_node.public)

    with django_capture_on_commit_callbacks(execute=True):
        desk.post("/federation/peers/add/", {"url": fake_node.url, "fingerprint": fingerprint})

    assert Peer.objects.get().status == PeerStatus.LIVE


def test_a_key_changed_since_it_was_shown_is_not_added(desk: Client, fake_node: FakeNode) -> None:
    shown = keys.fingerprint(fake_node.public)
    fake_node.rotate()

    response = desk.post("/federation/peers/add/", {"url": fake_node.url, "fingerprint": shown})

    assert response.status_code == 400
    assert "The node&#x27;s key has changed" in response.content.decode()
    assert Peer.objects.count() == 0


def test_an_address_that_is_no_node_is_explained(desk: Client, fake_node: FakeNode) -> None:
    response = desk.post("/federation/peers/add/", {"url": "http://127.0.0.1:1"})

    assert response.status_code == 400
    assert "cannot be reached" in response.content.decode()


def test_a_request_from_a_new_node_waits_for_our_acceptance(
    desk: Client, fake_node: FakeNode, django_capture_on_commit_callbacks: Any
) -> None:
    response = signed_call(
        desk, fake_node, protocol.PEERING_REQUEST, {"url": fake_node.url, "node_id": "kz"}
    )

    assert response.status_code == 200
    assert response.json() == {"status": "requested"}
    peer = Peer.objects.get()
    assert (peer.node_id, peer.status) == ("kz", PeerStatus.REQUESTED)
    assert keys.jwks_fingerprint(peer.keys) == keys.fingerprint(fake_node.public)
    assert CallLog.objects.get(direction="in").peer == peer
    page = desk.get(f"/federation/peers/{peer.pk}/").content.decode()
    assert "Accept the peering" in page
    assert keys.fingerprint(fake_node.public) in page

    fake_node.body = {"status": "live"}
    with django_capture_on_commit_callbacks(execute=True):
        accepted = desk.post(f"/federation/peers/{peer.pk}/accept/")

    assert accepted.status_code == 302
    peer.refresh_from_db()
    assert peer.status == PeerStatus.LIVE
    assert len(fake_node.calls(protocol.PEERING_ACCEPT)) == 1
    assert OutboxMessage.objects.get(kind=protocol.PEERING_ACCEPT).state == "delivered"
    assert _actions(peer) == ["federation.peering_requested", "federation.peering_accepted"]


def test_a_request_must_come_from_the_node_at_its_address(
    desk: Client, fake_node: FakeNode
) -> None:
    other_node = signed_call(
        desk, fake_node, protocol.PEERING_REQUEST, {"url": fake_node.url, "node_id": "uz"}
    )
    nowhere = signed_call(
        desk, fake_node, protocol.PEERING_REQUEST, {"url": "http://127.0.0.1:1", "node_id": "kz"}
    )
    from council.lib import signing

    other_key = signed_call(
        desk,
        fake_node,
        protocol.PEERING_REQUEST,
        {"url": fake_node.url, "node_id": "kz"},
        key=signing.generate_private_key(),
    )

    assert other_node.json()["error"]["code"] == "unknown_peer"
    assert nowhere.json()["error"]["code"] == "unknown_peer"
    assert other_key.json()["error"]["code"] == "unknown_key"
    assert Peer.objects.count() == 0


def test_suspending_and_resuming(
    desk: Client, fake_node: FakeNode, peer: Peer, django_capture_on_commit_callbacks: Any
) -> None:
    fake_node.body = {"status": "suspended"}
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(f"/federation/peers/{peer.pk}/suspend/")
    peer.refresh_from_db()
    assert (peer.status, peer.suspended_by_us) == (PeerStatus.SUSPENDED, True)
    assert len(fake_node.calls(protocol.PEERING_SUSPEND)) == 1

    # While suspended, the other node's calls are refused, and it cannot lift our suspension.
    refused = signed_call(desk, fake_node, protocol.CHANGED, {"cursor": "x"})
    not_theirs = signed_call(desk, fake_node, protocol.PEERING_RESUME, {})
    assert refused.json()["error"]["code"] == "peer_not_live"
    assert not_theirs.json() == {"status": "suspended"}
    assert "Resume the peering" in desk.get(f"/federation/peers/{peer.pk}/").content.decode()

    fake_node.body = {"status": "live"}
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(f"/federation/peers/{peer.pk}/resume/")
    peer.refresh_from_db()
    assert peer.status == PeerStatus.LIVE
    assert len(fake_node.calls(protocol.PEERING_RESUME)) == 1
    assert _actions(peer) == ["federation.peering_suspended", "federation.peering_resumed"]


def test_the_other_node_suspends_and_resumes(desk: Client, fake_node: FakeNode, peer: Peer) -> None:
    signed_call(desk, fake_node, protocol.PEERING_SUSPEND, {})
    peer.refresh_from_db()
    assert (peer.status, peer.suspended_by_us) == (PeerStatus.SUSPENDED, False)
    page = desk.get(f"/federation/peers/{peer.pk}/").content.decode()
    assert "by the other node" in page
    assert "Resume the peering" not in page
    assert (
        "Only a peering this node suspended"
        in desk.post(f"/federation/peers/{peer.pk}/resume/", follow=True).content.decode()
    )

    signed_call(desk, fake_node, protocol.PEERING_RESUME, {})

    peer.refresh_from_db()
    assert peer.status == PeerStatus.LIVE
    assert _actions(peer) == [
        "federation.peering_suspended_by_peer",
        "federation.peering_resumed_by_peer",
    ]


def test_the_call_log_page_filters(
    desk: Client, fake_node: FakeNode, peer: Peer, monkeypatch: Any
) -> None:
    monkeypatch.delitem(protocol._WRITE_HANDLERS, protocol.CHANGED, raising=False)
    signed_call(desk, fake_node, protocol.CHANGED, {"cursor": "x"}, key="")  # no handler: 404
    desk.post(protocol.path_of(protocol.CHANGED), data={}, content_type="application/json")

    every = desk.get("/federation/calls/").content.decode()
    refused = desk.get("/federation/calls/", {"outcome": "refused", "peer": peer.pk})

    assert "signature_missing" in every
    assert "not_found" in refused.content.decode()
    assert "signature_missing" not in refused.content.decode()


def test_the_pages_are_the_secretariats(client: Client, volunteer: User, peer: Peer) -> None:
    client.force_login(volunteer)

    for url in ("/federation/", "/federation/calls/", f"/federation/peers/{peer.pk}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/federation/peers/{peer.pk}/suspend/").status_code == 404


def test_a_deployment_that_is_not_a_node_says_so(desk: Client, settings: Any) -> None:
    settings.NODE_COUNTRY = ""

    page = desk.get("/federation/").content.decode()
    refused = desk.post("/federation/peers/add/", {"url": "https://kz.example.org"})

    assert "This deployment is not a node of the federation" in page
    assert "This deployment is not a node: set NODE_COUNTRY first." in refused.content.decode()


def test_a_private_address_is_refused_unless_allowed(
    desk: Client, fake_node: FakeNode, settings: Any
) -> None:
    settings.FEDERATION_ALLOWED_HOSTS = []

    plain = desk.post("/federation/peers/add/", {"url": fake_node.url})
    settings.FEDERATION_ALLOWED_HOSTS = ["127.0.0.1"]
    allowed = desk.post("/federation/peers/add/", {"url": fake_node.url})

    assert plain.status_code == 400
    assert "must start with https://" in plain.content.decode()
    assert allowed.status_code == 200
    assert fake_node.requests == []  # reading the document is no call of the protocol


def test_after_an_outage_the_secretariat_sends_what_waits_at_once(
    desk: Client, fake_node: FakeNode, peer: Peer, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.now() + timedelta(minutes=30)
    for number in range(3):
        OutboxMessage.objects.create(
            peer=peer,
            kind=protocol.CHANGED,
            idempotency_key=f"ru-outage-{number}",
            payload={"cursor": f"a:{number}"},
            attempts=4,
            next_attempt_at=later,
        )
    page = desk.get(f"/federation/peers/{peer.pk}/").content.decode()
    assert "Send the waiting messages now" in page

    with django_capture_on_commit_callbacks(execute=True):
        answer = desk.post(f"/federation/peers/{peer.pk}/send-now/")

    assert answer.status_code == 302
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}
    assert len(fake_node.calls(protocol.CHANGED)) == 3
    event = AuditEvent.objects.get(action="federation.outbox_sent_now")
    assert event.data["messages"] == 3


def test_messages_wait_while_the_peering_is_suspended(desk: Client, peer: Peer) -> None:
    Peer.objects.filter(pk=peer.pk).update(status=PeerStatus.SUSPENDED)

    answer = desk.post(f"/federation/peers/{peer.pk}/send-now/", follow=True)

    assert "Messages wait while the peering is not live." in answer.content.decode()


def test_a_node_of_our_own_country_is_refused(desk: Client, fake_node: FakeNode) -> None:
    fake_node.country = "RU"  # this node is the Russian one: a country has one node

    page = desk.post("/federation/peers/add/", {"url": fake_node.url}).content.decode()

    assert "a country has one node" in page
    assert not Peer.objects.exists()
