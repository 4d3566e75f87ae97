import base64
import json
from typing import Any

import pytest

from council.lib.signing import (
    canonical_json,
    generate_private_key,
    key_id,
    public_jwk,
    public_key_from_private,
    sign,
    verify,
)

DOCUMENT: dict[str, Any] = {
    "type": "certificate",
    "volunteer": {"name": "Әсел Ғалымжанқызы Құрманғалиева", "city": "Өскемен"},
    "hours": 12,
    "rate": "1.5",
    "verified": True,
    "note": None,
    "entries": [
        {"date": "2025-03-01", "hours": 4, "project": "Қайырымдылық"},
        {"date": "2025-03-08", "hours": 8, "tags": ["Үштөбе", "Һ", ["ң", "і"]]},
    ],
}


@pytest.fixture(scope="module")
def private_key() -> str:
    return generate_private_key()


@pytest.fixture(scope="module")
def public_key(private_key: str) -> str:
    return public_key_from_private(private_key)


def test_a_document_with_kazakh_text_and_nested_lists_signs_and_verifies(
    private_key: str, public_key: str
) -> None:
    signature = sign(DOCUMENT, private_key)
    assert signature["algorithm"] == "Ed25519"
    assert signature["canonicalization"] == "JCS (RFC 8785)"
    assert signature["key_id"] == key_id(public_key)
    assert len(base64.b64decode(signature["value"], validate=True)) == 64
    assert verify(DOCUMENT, signature, public_key)


def test_the_signature_survives_a_json_round_trip_in_any_key_order(
    private_key: str, public_key: str
) -> None:
    signature = sign(DOCUMENT, private_key)
    received = json.loads(json.dumps(DOCUMENT, indent=2, ensure_ascii=True))
    reordered = dict(reversed(list(received.items())))
    assert verify(reordered, json.loads(json.dumps(signature)), public_key)


def test_canonical_json_sorts_keys_and_keeps_utf8() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "ә"]}) == b'{"a":[true,null,"\xd3\x99"],"b":1}'


def test_canonical_json_escapes_as_rfc_8785_does() -> None:
    value = {"s": 'q"\\/\b\f\n\r\t\x01\x1f\x7f\u2028€😀'}
    expected = '{"s":"q\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\u2028€😀"}'
    assert canonical_json(value) == expected.encode("utf-8")


def test_canonical_json_orders_keys_by_utf16_code_units() -> None:
    # U+1F600 is D83D DE00 in UTF-16 and sorts before U+FB01, unlike in code point order.
    assert canonical_json({"\ufb01": 1, "😀": 2, "a": 3}) == '{"a":3,"😀":2,"ﬁ":1}'.encode()


def test_canonical_json_refuses_floats_and_other_types() -> None:
    refused: list[Any] = [1.5, {"amount": 10.0}, [0.1], (1, 2), {1: "a"}, {"a"}, b"bytes"]
    for value in refused:
        with pytest.raises(TypeError):
            canonical_json(value)
    with pytest.raises(ValueError):
        canonical_json(2**53)
    with pytest.raises(ValueError):
        canonical_json("\ud800")


def test_a_float_in_the_document_is_refused_when_signing(private_key: str) -> None:
    with pytest.raises(TypeError):
        sign({"hours": 1.5}, private_key)


def test_changing_any_single_byte_of_the_document_fails_verification(
    private_key: str, public_key: str
) -> None:
    signature = sign(DOCUMENT, private_key)
    original = canonical_json(DOCUMENT)
    still_valid = 0
    for position in range(len(original)):
        # Flipping the lowest bit turns a digit into another digit, a letter into another
        # letter, and keeps UTF-8 lead and continuation bytes what they were.
        mutated = bytearray(original)
        mutated[position] ^= 0x01
        try:
            tampered = json.loads(bytes(mutated).decode("utf-8"))
        except ValueError:
            continue
        still_valid += 1
        assert not verify(tampered, signature, public_key), bytes(mutated)
    assert still_valid > len(original) // 2

    changed_hours = json.loads(original.decode().replace('"hours":12', '"hours":13'))
    assert changed_hours != DOCUMENT
    assert not verify(changed_hours, signature, public_key)
    changed_name = json.loads(original.decode().replace("Әсел", "Әсем"))
    assert changed_name != DOCUMENT
    assert not verify(changed_name, signature, public_key)


def test_a_signature_from_another_key_fails(private_key: str, public_key: str) -> None:
    other = sign(DOCUMENT, generate_private_key())
    assert not verify(DOCUMENT, other, public_key)
    # Even when it claims to be ours.
    assert not verify(DOCUMENT, {**other, "key_id": key_id(public_key)}, public_key)


def test_a_malformed_signature_fails_without_raising(private_key: str, public_key: str) -> None:
    signature = sign(DOCUMENT, private_key)
    garbage_values: list[Any] = [
        "not base64 at all!",
        "",
        base64.b64encode(b"\x00" * 64).decode(),
        base64.b64encode(b"\x00" * 63).decode(),
        signature["value"][:-4],
        "Әсел",
        None,
        64,
    ]
    for value in garbage_values:
        assert not verify(DOCUMENT, {**signature, "value": value}, public_key), value
    assert not verify(DOCUMENT, {**signature, "algorithm": "RS256"}, public_key)
    assert not verify(DOCUMENT, {**signature, "key_id": "0" * 16}, public_key)
    assert not verify(DOCUMENT, {}, public_key)
    assert not verify({"hours": 1.5}, signature, public_key)


def test_keys_are_raw_32_bytes_in_base64(private_key: str, public_key: str) -> None:
    assert len(base64.b64decode(private_key, validate=True)) == 32
    assert len(base64.b64decode(public_key, validate=True)) == 32
    assert "\n" not in private_key
    assert public_key_from_private(private_key) == public_key
    assert generate_private_key() != private_key
    digest_prefix = key_id(public_key)
    assert len(digest_prefix) == 16
    assert int(digest_prefix, 16) >= 0


def test_the_public_jwk_follows_rfc_8037(public_key: str) -> None:
    jwk = public_jwk(public_key)
    assert set(jwk) == {"kty", "crv", "x", "kid", "use", "alg"}
    assert (jwk["kty"], jwk["crv"], jwk["use"], jwk["alg"]) == ("OKP", "Ed25519", "sig", "EdDSA")
    assert jwk["kid"] == key_id(public_key)
    assert "=" not in jwk["x"]
    x = base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))
    assert x == base64.b64decode(public_key)


def test_rfc_8032_test_vector_1() -> None:
    # RFC 8032 section 7.1, TEST 1: the empty message is not JSON, so check the key pair only.
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    public = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    assert public_key_from_private(base64.b64encode(seed).decode()) == base64.b64encode(
        public
    ).decode("ascii")
