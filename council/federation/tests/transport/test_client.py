"""Calling a peer (council/federation/client.py) against a fake node on 127.0.0.1: a peer
that is down, slow, failing, unsigned, badly signed, refusing, or has rotated its key."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from council.federation import client, keys, protocol
from council.federation.client import PeerUnavailable
from council.federation.models import CallLog, Peer
from council.federation.protocol import ProtocolError
from council.federation.tests.transport.conftest import FakeNode
from council.lib import signing

pytestmark = pytest.mark.django_db


def _last_out() -> CallLog:
    found = CallLog.objects.filter(direction="out").order_by("-pk").first()
    assert found is not None
    return found


def test_a_signed_answer_is_returned_and_logged(fake_node: FakeNode, peer: Peer) -> None:
    fake_node.body = {"ok": True, "echo": "yes"}

    reply = client.call(peer, protocol.CHANGED, body={"cursor": "c1"}, idempotency_key="k-1")

    assert reply == {"ok": True, "echo": "yes"}
    seen = fake_node.calls(protocol.CHANGED)[0]
    assert seen.method == "POST"
    assert seen.json == {"cursor": "c1"}
    assert seen.headers["Idempotency-Key"] == "k-1"
    assert "content-digest" in seen.headers["Signature-Input"]
    assert "idempotency-key" in seen.headers["Signature-Input"]
    assert f'keyid="{keys.current_key_id()}"' in seen.headers["Signature-Input"]
    log = _last_out()
    assert (log.peer, log.outcome, log.status_code) == (peer, "ok", 200)
    assert log.duration_ms is not None
    assert log.idempotency_key == "k-1"


def test_a_read_is_a_signed_get_with_its_parameters(fake_node: FakeNode, peer: Peer) -> None:
    fake_node.body = {"items": []}

    client.call(peer, protocol.FEED, params={"after": "x y", "limit": 10})

    seen = fake_node.requests[0]
    assert seen.method == "GET"
    assert seen.path == "/federation/v1/feed?after=x+y&limit=10"
    assert "Signature" in seen.headers


def test_a_peer_that_is_down_is_unavailable(fake_node: FakeNode, peer: Peer) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    peer.url = f"http://127.0.0.1:{port}"

    with pytest.raises(PeerUnavailable) as error:
        client.call(peer, protocol.CHANGED, body={}, idempotency_key="k")

    assert error.value.reason == "connection"
    assert (_last_out().outcome, _last_out().reason) == ("failed", "connection")


def test_a_slow_peer_times_out(fake_node: FakeNode, peer: Peer, settings: Any) -> None:
    settings.FEDERATION_TIMEOUT_SECONDS = 1
    fake_node.delay = 2.5

    with pytest.raises(PeerUnavailable) as error:
        client.call(peer, protocol.CHANGED, body={}, idempotency_key="k")

    assert error.value.reason == "timeout"
    assert _last_out().reason == "timeout"


def test_a_peer_answering_500_is_unavailable(fake_node: FakeNode, peer: Peer) -> None:
    fake_node.status, fake_node.body = 500, {"error": {"code": "internal_error"}}

    with pytest.raises(PeerUnavailable) as error:
        client.call(peer, protocol.CHANGED, body={}, idempotency_key="k")

    assert error.value.reason == "status_500"
    assert (_last_out().status_code, _last_out().outcome) == (500, "failed")


@pytest.mark.parametrize("mode", ["unsigned", "wrong_key", "other_request", "unbound"])
def test_a_reply_not_signed_by_the_peer_for_this_request_is_not_trusted(
    fake_node: FakeNode, peer: Peer, mode: str
) -> None:
    fake_node.mode = mode

    with pytest.raises(PeerUnavailable) as error:
        client.call(peer, protocol.CHANGED, body={}, idempotency_key="k")

    assert error.value.reason in ("reply_signature_missing", "reply_signature_invalid")


def test_a_refusal_carries_the_peers_code(fake_node: FakeNode, peer: Peer) -> None:
    fake_node.status = 422
    fake_node.body = {"error": {"code": "closed", "message": "Closed.", "field": "shift"}}

    with pytest.raises(ProtocolError) as error:
        client.call(peer, protocol.APPLY, body={}, idempotency_key="k")

    assert (error.value.code, error.value.status, error.value.field) == ("closed", 422, "shift")
    log = _last_out()
    assert (log.outcome, log.reason, log.detail) == ("refused", "closed", "Closed.")


def test_a_reply_signed_with_a_rotated_key_is_checked_after_reading_its_keys(
    fake_node: FakeNode, peer: Peer
) -> None:
    fake_node.rotate()

    assert client.call(peer, protocol.CHANGED, body={}, idempotency_key="k") == {"ok": True}
    peer.refresh_from_db()
    assert keys.current_key_of(peer.keys).public_b64 == fake_node.public  # type: ignore[union-attr]


def test_a_peer_on_a_private_address_needs_to_be_allowed(
    fake_node: FakeNode, peer: Peer, settings: Any
) -> None:
    settings.FEDERATION_ALLOWED_HOSTS = []

    with pytest.raises(PeerUnavailable) as error:
        client.call(peer, protocol.CHANGED, body={}, idempotency_key="k")

    assert error.value.reason == "address_refused"
    assert fake_node.requests == []


def test_fetch_well_known(fake_node: FakeNode) -> None:
    document = client.fetch_well_known(fake_node.url + "/")

    assert document["node"] == "kz"
    assert keys.jwks_fingerprint(document["keys"]) == keys.fingerprint(fake_node.public)


def test_verify_document_checks_the_peers_keys_retired_ones_too(
    fake_node: FakeNode, peer: Peer
) -> None:
    entry = {"id": "7", "hours": "3.50"}
    by_old_key = signing.sign(entry, fake_node.key)
    fake_node.rotate()
    by_new_key = signing.sign(entry, fake_node.key)
    by_stranger = signing.sign(entry, signing.generate_private_key())

    assert client.verify_document(entry, by_old_key, peer)
    # The new key is not in our copy yet: read again, then checked.
    assert client.verify_document(entry, by_new_key, peer)
    assert client.verify_document(entry, by_old_key, peer)  # retired, still published
    assert not client.verify_document({**entry, "hours": "9.00"}, by_new_key, peer)
    assert not client.verify_document(entry, by_stranger, peer)


def test_fingerprints_are_the_thumbprint_in_groups_of_four() -> None:
    public = signing.public_key_from_private(signing.generate_private_key())

    groups = keys.fingerprint(public).split(" ")

    assert len(groups) == 16
    assert all(len(group) == 4 for group in groups)
    assert "".join(groups) == keys.thumbprint_digest(public).hex()


def test_the_thumbprint_of_rfc_8037s_example_key() -> None:
    # RFC 8037 appendix A.3: the thumbprint of its Ed25519 example key.
    import base64

    x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    public = base64.b64encode(base64.urlsafe_b64decode(x + "=")).decode()

    assert keys.key_id(public) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
