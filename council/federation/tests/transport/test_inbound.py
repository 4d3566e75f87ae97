"""The signed endpoint /federation/v1/<name>: every way a call is refused, with its code and
its line in the call log; idempotent writes; the handler's transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from council.federation import inbound, keys, protocol, signatures
from council.federation.models import (
    CallLog,
    IdempotentReply,
    Peer,
    PeerStatus,
    SeenNonce,
)
from council.federation.protocol import ProtocolError, Received
from council.federation.tests.transport.conftest import FakeNode, reply_verifies, signed_call
from council.lib import signing

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(handlers: Any) -> list[Received]:
    """A write handler (`changed`) that records what it got and answers with a count."""
    seen: list[Received] = []

    def handler(received: Received) -> dict[str, Any]:
        seen.append(received)
        return {"ok": True, "count": len(seen)}

    handlers(protocol.CHANGED, handler)
    return seen


def _error(response: Any) -> str:
    return str(response.json()["error"]["code"])


def _last_in() -> CallLog:
    found = CallLog.objects.filter(direction="in").order_by("-pk").first()
    assert found is not None
    return found


def test_a_signed_write_reaches_its_handler_and_the_reply_is_signed(
    client: Client, fake_node: FakeNode, peer: Peer, changed: list[Received]
) -> None:
    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "c-9"})

    assert response.status_code == 200
    assert response.json() == {"ok": True, "count": 1}
    assert changed[0].peer == peer
    assert changed[0].body == {"cursor": "c-9"}
    # Signed, and bound to this request: it does not pass for the answer to another one.
    assert reply_verifies(response, keys.public_key(), response.signed_request)
    other = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "c-9"})
    assert not reply_verifies(response, keys.public_key(), other.signed_request)
    log = _last_in()
    assert (log.peer, log.outcome, log.status_code, log.method) == (peer, "ok", 200, "POST")
    assert log.key_id == keys.key_id(fake_node.public)
    assert log.nonce and log.idempotency_key


def test_a_read_gets_the_query_as_its_body(
    client: Client, fake_node: FakeNode, peer: Peer, handlers: Any
) -> None:
    handlers(protocol.FEED, lambda received: {"from": received.body["after"], "items": []})

    response = signed_call(client, fake_node, protocol.FEED, query="after=abc&limit=5")

    assert response.status_code == 200
    assert response.json() == {"from": "abc", "items": []}


def test_an_unsigned_call_is_refused(client: Client, peer: Peer, changed: Any) -> None:
    response = client.post(
        protocol.path_of(protocol.CHANGED), data={}, content_type="application/json"
    )

    assert response.status_code == 401
    assert _error(response) == "signature_missing"
    assert _last_in().reason == "signature_missing"
    unsigned = signatures.Request(
        "POST", f"http://testserver{protocol.path_of(protocol.CHANGED)}", {}
    )
    assert reply_verifies(response, keys.public_key(), unsigned)
    assert changed == []


def test_a_signature_by_another_key_is_invalid(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    intruder = signing.generate_private_key()
    # The intruder's signature claims the peer's key id.
    body = json.dumps({"cursor": "x"}).encode()
    from council.federation import signatures

    request = signatures.Request(
        "POST", "http://testserver" + protocol.path_of(protocol.CHANGED), {"Idempotency-Key": "k1"}
    )
    signatures.sign_request(request, body=body, private_b64=intruder)
    request.headers["Signature-Input"] = request.headers["Signature-Input"].replace(
        keys.key_id(signing.public_key_from_private(intruder)), keys.key_id(fake_node.public)
    )
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in request.headers.items()}
    response = client.post(
        protocol.path_of(protocol.CHANGED), data=body, content_type="application/json", **extra
    )

    assert response.status_code == 401
    assert _error(response) == "signature_invalid"
    assert _last_in().reason == "signature_invalid"
    assert changed == []


def test_a_changed_body_does_not_match_its_digest(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    response = signed_call(
        client,
        fake_node,
        protocol.CHANGED,
        raw=b'{"cursor":"a"}',
        sent=b'{"cursor":"b"}',
    )

    assert response.status_code == 400
    assert _error(response) == "digest_mismatch"
    assert changed == []


def test_an_expired_signature_is_refused(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    long_ago = datetime.now(UTC) - timedelta(minutes=10)

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, at=long_ago)

    assert response.status_code == 401
    assert _error(response) == "signature_expired"
    assert _last_in().reason == "signature_expired"
    assert changed == []


def test_a_clock_far_ahead_is_refused_as_skew(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    ahead = datetime.now(UTC) + timedelta(minutes=3)

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, at=ahead)

    assert response.status_code == 401
    assert _error(response) == "clock_skew"
    assert changed == []


def test_a_clock_slightly_ahead_is_accepted(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    ahead = datetime.now(UTC) + timedelta(seconds=30)

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, at=ahead)

    assert response.status_code == 200


def test_a_replayed_request_is_refused(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    from council.federation import signatures

    body = b'{"cursor":"a"}'
    request = signatures.Request(
        "POST", "http://testserver" + protocol.path_of(protocol.CHANGED), {"Idempotency-Key": "k"}
    )
    fake_node.sign_request(request, body)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in request.headers.items()}
    path = protocol.path_of(protocol.CHANGED)

    first = client.post(path, data=body, content_type="application/json", **extra)
    again = client.post(path, data=body, content_type="application/json", **extra)

    assert first.status_code == 200
    assert again.status_code == 401
    assert _error(again) == "replay"
    assert _last_in().reason == "replay"
    assert len(changed) == 1
    assert SeenNonce.objects.filter(peer=peer).count() == 1


def test_a_rotated_key_is_read_again_from_the_well_known_document(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    fake_node.rotate()  # our copy of its keys still has the old one only

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"})

    assert response.status_code == 200
    peer.refresh_from_db()
    assert keys.current_key_of(peer.keys).key_id == keys.key_id(fake_node.public)  # type: ignore[union-attr]


def test_an_unknown_key_is_refused_after_reading_the_peers_again(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    response = signed_call(
        client, fake_node, protocol.CHANGED, {"cursor": "a"}, key=signing.generate_private_key()
    )

    assert response.status_code == 401
    assert _error(response) == "unknown_key"
    peer.refresh_from_db()
    assert peer.keys_fetched_at is not None  # the peer's document was read again
    assert changed == []


def test_a_retired_key_no_longer_signs_calls(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    old = fake_node.key
    fake_node.rotate()
    peer.keys = fake_node.jwks()
    peer.save()

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, key=old)

    assert _error(response) == "unknown_key"


@pytest.mark.parametrize("status", [PeerStatus.SUSPENDED, PeerStatus.PROPOSED])
def test_a_peering_that_is_not_live_takes_no_calls(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any, status: str
) -> None:
    Peer.objects.filter(pk=peer.pk).update(status=status)

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"})

    assert response.status_code == 403
    assert _error(response) == "peer_not_live"
    assert _last_in().peer == peer
    assert changed == []


def test_a_retry_gets_the_first_answer_and_changes_nothing(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    headers = {"Idempotency-Key": "msg-1"}

    first = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, headers=headers)
    again = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, headers=headers)

    assert first.json() == again.json() == {"ok": True, "count": 1}
    assert len(changed) == 1
    assert IdempotentReply.objects.filter(peer=peer, key="msg-1").count() == 1
    assert "first answer" in _last_in().detail


def test_the_same_key_with_another_body_is_a_conflict(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    headers = {"Idempotency-Key": "msg-2"}
    signed_call(client, fake_node, protocol.CHANGED, {"cursor": "a"}, headers=headers)

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "b"}, headers=headers)

    assert response.status_code == 409
    assert _error(response) == "idempotency_conflict"
    assert len(changed) == 1


def test_a_refusal_is_the_answer_to_a_retry_too(
    client: Client, fake_node: FakeNode, peer: Peer, handlers: Any
) -> None:
    calls: list[int] = []

    def refuse(received: Received) -> dict[str, Any]:
        calls.append(1)
        raise ProtocolError("closed", "The opportunity is closed.", field="opportunity")

    # A body the schema of `changed` accepts, so that the handler is what refuses.
    handlers(protocol.CHANGED, refuse)
    headers = {"Idempotency-Key": "msg-3"}

    first = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "c1"}, headers=headers)
    again = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "c1"}, headers=headers)

    assert first.status_code == again.status_code == 422
    assert first.json() == again.json()
    assert first.json()["error"]["field"] == "opportunity"
    assert len(calls) == 1


def test_a_failing_handler_answers_500_and_changes_nothing(
    client: Client, fake_node: FakeNode, peer: Peer, handlers: Any
) -> None:
    def broken(received: Received) -> dict[str, Any]:
        Peer.objects.filter(pk=received.peer.pk).update(last_error="half-written")
        raise RuntimeError("a bug")

    handlers(protocol.CHANGED, broken)

    response = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "c1"})

    assert response.status_code == 500
    assert _error(response) == "internal_error"
    peer.refresh_from_db()
    assert peer.last_error == ""
    assert IdempotentReply.objects.count() == 0
    assert _last_in().outcome == "failed"


def test_bad_bodies_are_refused(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    not_json = signed_call(client, fake_node, protocol.CHANGED, raw=b"{not json")
    a_list = signed_call(client, fake_node, protocol.CHANGED, raw=b"[1, 2]")
    too_big = signed_call(
        client, fake_node, protocol.CHANGED, raw=b'{"x":"' + b"a" * (1024 * 1024) + b'"}'
    )

    assert (not_json.status_code, _error(not_json)) == (400, "invalid_body")
    assert (a_list.status_code, _error(a_list)) == (400, "invalid_body")
    assert (too_big.status_code, _error(too_big)) == (413, "invalid_body")
    assert changed == []


def test_a_write_without_an_idempotency_key_is_refused(
    client: Client, fake_node: FakeNode, peer: Peer, changed: Any
) -> None:
    from council.federation import signatures

    body = b"{}"
    request = signatures.Request(
        "POST", "http://testserver" + protocol.path_of(protocol.CHANGED), {}
    )
    fake_node.sign_request(request, body)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in request.headers.items()}

    response = client.post(
        protocol.path_of(protocol.CHANGED), data=body, content_type="application/json", **extra
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "Idempotency-Key"


def test_the_body_is_checked_against_its_schema(
    client: Client,
    fake_node: FakeNode,
    peer: Peer,
    changed: Any,
    tmp_path: Any,
    monkeypatch: Any,
) -> None:
    (tmp_path / "changed.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "required": ["cursor"],
                "properties": {"cursor": {"type": "string"}},
            }
        )
    )
    monkeypatch.setattr(inbound, "SCHEMAS", tmp_path)
    inbound._validator.cache_clear()
    inbound._registry.cache_clear()
    try:
        wrong = signed_call(client, fake_node, protocol.CHANGED, {"cursor": 5})
        right = signed_call(client, fake_node, protocol.CHANGED, {"cursor": "5"})
    finally:
        inbound._validator.cache_clear()
        inbound._registry.cache_clear()

    assert wrong.status_code == 422
    assert wrong.json()["error"]["code"] == "invalid_body"
    assert wrong.json()["error"]["field"] == "cursor"
    assert right.status_code == 200
    assert len(changed) == 1


def test_unknown_names_and_methods(client: Client, fake_node: FakeNode, peer: Peer) -> None:
    unknown = client.get("/federation/v1/no-such-call")
    wrong_method = client.get(protocol.path_of(protocol.APPLY))

    assert (unknown.status_code, _error(unknown)) == (404, "not_found")
    assert wrong_method.status_code == 405


def test_a_write_nobody_handles_is_not_found(
    client: Client, fake_node: FakeNode, peer: Peer, handlers: Any, monkeypatch: Any
) -> None:
    monkeypatch.delitem(protocol._WRITE_HANDLERS, protocol.CANDIDACY, raising=False)

    response = signed_call(client, fake_node, protocol.CANDIDACY, {"a": 1})

    assert (response.status_code, _error(response)) == (404, "not_found")


def test_a_deployment_that_is_not_a_node_answers_nothing(client: Client, settings: Any) -> None:
    settings.NODE_COUNTRY = ""

    response = client.get(protocol.path_of(protocol.FEED))
    document = client.get(protocol.WELL_KNOWN_PATH)

    assert response.status_code == document.status_code == 404
    assert "not a node" in document.json()["error"]["message"]


def test_the_well_known_document(client: Client, settings: Any) -> None:
    settings.NODE_RETIRED_PUBLIC_KEYS = [
        signing.public_key_from_private(signing.generate_private_key())
    ]

    document = client.get(protocol.WELL_KNOWN_PATH).json()

    assert document["node"] == "ru"
    assert document["country"] == "RU"
    assert document["url"] == "http://testserver"
    assert document["protocol"] == "1"
    assert set(document["name"]) == {"ru", "kk", "en"}
    assert document["endpoints"]["apply"] == "http://testserver/federation/v1/apply"
    current, retired = document["keys"]["keys"]
    assert current["kid"] == keys.current_key_id()
    assert "retired" not in current
    assert retired["retired"] is True
    assert retired["x"] == keys.jwk(settings.NODE_RETIRED_PUBLIC_KEYS[0])["x"]
