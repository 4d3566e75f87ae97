"""The protocol's JSON Schemas (council/federation/schemas/v1/) are valid draft 2020-12, their
references resolve, the examples of docs/federation.md pass them, bad bodies fail at the field
that is wrong, and the document keeps up with the protocol: every call, every error code, and
its worked signature examples verify with the keys it publishes."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from http_message_signatures import HTTPMessageVerifier, MappingKeyResolver, algorithms
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from council.federation import keys, protocol, signatures
from council.lib import signing

SCHEMA_DIR = Path(protocol.__file__).resolve().parent / "schemas" / "v1"
DOC = Path(protocol.__file__).resolve().parents[2] / "docs" / "federation.md"
ID_PREFIX = "urn:council:federation:v1:"

# The error codes of the design contract (issue 21), each of which the document must explain.
ERROR_CODES = (
    "signature_missing",
    "signature_invalid",
    "signature_expired",
    "clock_skew",
    "replay",
    "unknown_key",
    "unknown_peer",
    "peer_not_live",
    "digest_mismatch",
    "idempotency_conflict",
    "invalid_body",
    "not_found",
    "consent_missing",
    "not_eligible",
    "closed",
    "capacity_below_taken",
    "forum_without_quota",
    "text_without_language",
    "cursor_skipped",
    "unknown_reference",
    "foreign_country",
    "internal_error",
)


def schema_names() -> list[str]:
    return sorted(path.name.removesuffix(".json") for path in SCHEMA_DIR.glob("*.json"))


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.json").read_text("utf-8"))
    return loaded


@cache
def registry() -> Registry:  # type: ignore[type-arg]
    return Registry().with_resources(
        (ID_PREFIX + name, Resource.from_contents(schema(name))) for name in schema_names()
    )


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), registry=registry())


def errors(name: str, instance: Any) -> list[str]:
    """The paths (dotted, "" for the whole body) where `instance` breaks schema `name`."""
    return sorted(
        ".".join(str(part) for part in error.absolute_path)
        for error in validator(name).iter_errors(instance)
    )


@cache
def doc() -> str:
    return DOC.read_text("utf-8")


def marked_blocks(marker: str) -> list[tuple[str, str]]:
    """(argument, text) of every fenced block preceded by `<!-- marker[: argument] -->`."""
    pattern = re.compile(
        r"<!-- " + re.escape(marker) + r"(?:: ([\w.-]+))? -->\n```\w*\n(.*?)\n```", re.S
    )
    return [(match.group(1) or "", match.group(2)) for match in pattern.finditer(doc())]


@cache
def examples() -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for name, text in marked_blocks("schema"):
        found.setdefault(name, []).append(json.loads(text))
    return found


def example(name: str) -> Any:
    return copy.deepcopy(examples()[name][0])


# --- The schemas themselves ---------------------------------------------------------------


@pytest.mark.parametrize("name", schema_names())
def test_each_schema_is_valid_draft_2020_12_with_its_own_id(name: str) -> None:
    Draft202012Validator.check_schema(schema(name))
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema(name)["$id"] == ID_PREFIX + name


def references(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in references(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in references(value)]
    return []


@pytest.mark.parametrize("name", schema_names())
def test_every_reference_resolves(name: str) -> None:
    resolver = registry().resolver(base_uri=ID_PREFIX + name)
    for ref in references(schema(name)):
        resolved = resolver.lookup(ref)
        assert isinstance(resolved.contents, dict), ref


def test_every_call_has_its_schemas() -> None:
    names = set(schema_names())
    for write in protocol.WRITES:
        assert write in names, f"no schema for the body of {write}"
        assert f"{write}.reply" in names, f"no schema for the reply to {write}"
    for read in protocol.READS:
        assert f"{read}.reply" in names, f"no schema for the reply to {read}"
    assert {"common", "error", "well-known"} <= names
    expected = (
        set(protocol.WRITES)
        | {f"{name}.reply" for name in (*protocol.WRITES, *protocol.READS)}
        | {"common", "error", "well-known"}
    )
    assert names == expected, "a schema file that is no part of the protocol"


def test_the_error_schema_knows_every_code_of_the_contract() -> None:
    codes = schema("error")["properties"]["error"]["properties"]["code"]["enum"]
    assert tuple(codes) == ERROR_CODES


# --- The document's examples --------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name in schema_names() if name != "common"])
def test_the_document_has_a_valid_example_of_each_schema(name: str) -> None:
    assert examples().get(name), f"docs/federation.md has no example of {name}"
    for instance in examples()[name]:
        assert errors(name, instance) == []


def test_every_example_names_a_schema() -> None:
    assert set(examples()) <= set(schema_names())


# --- Bad bodies fail where they are wrong --------------------------------------------------


def without(body: dict[str, Any], *path: str | int) -> dict[str, Any]:
    node: Any = body
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return body


def setting(body: dict[str, Any], value: Any, *path: str | int) -> dict[str, Any]:
    node: Any = body
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return body


BAD = [
    # (schema, how the example is spoiled, the path of the error)
    ("apply", lambda b: setting(b, 88, "opportunity"), "opportunity"),
    ("apply", lambda b: setting(b, "1990-04-02", "person", "age_band"), "person.age_band"),
    ("apply", lambda b: setting(b, "1990-04-02", "person", "date_of_birth"), "person"),
    ("apply", lambda b: setting(b, "42", "person", "ref"), "person.ref"),
    (
        "apply",
        lambda b: setting(b, {"phone": "+77010000000"}, "person", "contact"),
        "person.contact",
    ),
    ("apply", lambda b: without(b, "consent"), ""),
    ("apply", lambda b: setting(b, "yesterday", "consent", "given_at"), "consent.given_at"),
    ("apply", lambda b: setting(b, "x" * 4001, "motivation"), "motivation"),
    (
        "apply",
        lambda b: setting(b, "C3", "person", "languages", 0, "level"),
        "person.languages.0.level",
    ),
    ("apply", lambda b: setting(b, True, "person", "user_id"), "person"),
    ("register", lambda b: setting(b, {"id": "41"}, "delegation"), "delegation"),
    ("register", lambda b: without(b, "quota"), ""),
    ("exchange-apply", lambda b: setting(b, None, "exchange"), "exchange"),
    (
        "candidacy",
        lambda b: setting(b, "de", "person", "preferred_language"),
        "person.preferred_language",
    ),
    ("application-withdraw", lambda b: setting(b, "psn_XYZ", "person"), "person"),
    ("person-erase", lambda b: setting(b, "asked_nicely", "reason"), "reason"),
    ("status", lambda b: setting(b, "offered", "status"), "status"),
    ("status", lambda b: setting(b, "order", "kind"), "kind"),
    ("hours", lambda b: setting(b, "3.5", "entry", "hours"), "entry.hours"),
    ("hours", lambda b: setting(b, "25.00", "entry", "hours"), "entry.hours"),
    ("hours", lambda b: setting(b, 3.5, "entry", "hours"), "entry.hours"),
    ("hours", lambda b: setting(b, "RSA", "signature", "algorithm"), "signature.algorithm"),
    (
        "hours",
        lambda b: setting(b, {"ru": "", "kk": "", "en": ""}, "entry", "organisation", "name"),
        "entry.organisation.name",
    ),
    ("hours", lambda b: setting(b, "Российская Федерация", "entry", "country"), "entry.country"),
    ("peering-request", lambda b: setting(b, "https://kz.council.example/", "url"), "url"),
    ("peering-request", lambda b: setting(b, "KZ node", "node_id"), "node_id"),
    ("peering-accept", lambda b: setting(b, True, "accept"), ""),
    ("changed", lambda b: setting(b, "c\n1", "cursor"), "cursor"),
    ("feed.reply", lambda b: setting(b, {"id": "399"}, "items", 2, "record"), "items.2.record"),
    ("feed.reply", lambda b: setting(b, None, "items", 0, "record"), "items.0.record"),
    ("feed.reply", lambda b: setting(b, "person", "items", 0, "kind"), "items.0.kind"),
    ("feed.reply", lambda b: setting(b, 12, "items", 0, "id"), "items.0.id"),
    ("feed.reply", lambda b: without(b, "from"), ""),
    ("aggregates.reply", lambda b: setting(b, "Айгерим Сапарова", "figures", "top"), "figures"),
    (
        "aggregates.reply",
        lambda b: setting(b, -1, "figures", "catalogue", "organisations"),
        "figures.catalogue.organisations",
    ),
    (
        "aggregates.reply",
        lambda b: setting(b, "many", "figures", "periods", "year", "hours"),
        "figures.periods.year.hours",
    ),
    ("error", lambda b: setting(b, "teapot", "error", "code"), "error.code"),
    ("error", lambda b: without(b, "error", "message"), "error"),
    ("apply.reply", lambda b: setting(b, "sent", "status"), "status"),
    ("register.reply", lambda b: setting(b, "sent", "status"), "status"),
    ("well-known", lambda b: setting(b, "RSA", "keys", "keys", 0, "kty"), "keys.keys.0.kty"),
    (
        "well-known",
        lambda b: setting(b, False, "keys", "keys", 1, "retired"),
        "keys.keys.1.retired",
    ),
    ("well-known", lambda b: without(b, "endpoints", "feed"), "endpoints"),
    ("well-known", lambda b: setting(b, "ru", "node_id"), ""),
]


@pytest.mark.parametrize(("name", "spoil", "path"), BAD)
def test_a_bad_body_fails_at_its_field(name: str, spoil: Any, path: str) -> None:
    spoiled = spoil(example(name))
    found = errors(name, spoiled)
    assert found, f"{name}: the spoiled example passed"
    assert path in found, f"{name}: expected an error at {path!r}, got {found}"


def test_the_person_block_is_the_same_for_every_action() -> None:
    for name in ("apply", "register", "exchange-apply", "candidacy"):
        properties = schema(name)["properties"]
        assert properties["person"] == {"$ref": "urn:council:federation:v1:common#/$defs/person"}
        assert properties["consent"] == {"$ref": "urn:council:federation:v1:common#/$defs/consent"}


# --- The document keeps up with the protocol ----------------------------------------------


def test_the_document_names_every_call() -> None:
    for name in (*protocol.WRITES, *protocol.READS):
        assert f"| `{name}` |" in doc(), f"docs/federation.md has no table row for {name}"
    assert protocol.WELL_KNOWN_PATH in doc()
    assert protocol.NODE_API in doc()
    assert f'"{protocol.SIGNATURE_TAG}"' in doc()


def test_the_document_explains_every_error_code() -> None:
    for code in ERROR_CODES:
        assert f"| `{code}` |" in doc(), f"docs/federation.md's error table lacks {code}"


def test_the_document_names_every_setting_and_job() -> None:
    for name in (
        "NODE_COUNTRY",
        "NODE_ID",
        "NODE_URL",
        "NODE_SIGNING_KEY",
        "NODE_RETIRED_PUBLIC_KEYS",
        "FEDERATION_ALLOWED_HOSTS",
        "FEDERATION_TIMEOUT_SECONDS",
        "federation_deliver",
        "federation_pull",
        "federation_notify",
        "federation_status",
        "federation_hours",
        "federation_erasures",
        "federation_aggregates",
        "federation_prune",
        "make federation-demo",
    ):
        assert name in doc(), name


# --- The worked examples verify -----------------------------------------------------------


def thumbprint(x: str) -> str:
    """RFC 7638: base64url SHA-256 of the required members in lexicographic order."""
    members = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(members.encode()).digest()).rstrip(b"=").decode()


def raw_key(x: str) -> bytes:
    return base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))


def test_the_published_keys_are_named_by_their_thumbprints() -> None:
    node = example("well-known")
    for key in node["keys"]["keys"]:
        assert key["kid"] == thumbprint(key["x"])
    current = [key for key in node["keys"]["keys"] if not key.get("retired")]
    assert len(current) == 1 and current[0] is node["keys"]["keys"][0]
    public = base64.b64encode(raw_key(current[0]["x"])).decode()
    assert f"fingerprint is `{keys.fingerprint(public)}`" in doc()


# The sending node of the worked example (RFC 8032 test key 1), as the document gives it.
KZ_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"


def http_message(text: str) -> tuple[str, dict[str, str], bytes]:
    head, _, body = text.partition("\n\n")
    first, *lines = head.split("\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return first, headers, body.encode()


def signature_of(headers: dict[str, str]) -> bytes:
    value = headers["Signature"].removeprefix(f"{signatures.LABEL}=:").removesuffix(":")
    return base64.b64decode(value)


def digest_of(body: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"


class AtTheExampleTime(HTTPMessageVerifier):
    """The example was signed on 2 March 2026: its times are checked by the test below."""

    def validate_created_and_expires(self, sig_input: Any, max_age: Any = None) -> None:
        return None


def test_the_worked_request_signature_verifies() -> None:
    assert thumbprint(KZ_X) in doc()
    [(_, request_text)] = marked_blocks("signed-request")
    [(_, base)] = marked_blocks("signature-base")
    body = json.dumps(example("person-erase"), separators=(",", ":")).encode()
    assert len(body) == 78 and f"these {len(body)} bytes" in doc()
    first, headers, _ = http_message(request_text)
    method, path, _ = first.split(" ")
    url = f"https://{headers['Host']}{path}"
    assert headers["Content-Digest"] == digest_of(body)
    # The base, built from the request as RFC 9421 says, is the one the document shows.
    params = headers["Signature-Input"].removeprefix(f"{signatures.LABEL}=")
    assert base == "\n".join(
        [
            f'"@method": {method}',
            f'"@target-uri": {url}',
            f'"idempotency-key": {headers["Idempotency-Key"]}',
            f'"content-digest": {headers["Content-Digest"]}',
            f'"@signature-params": {params}',
        ]
    )
    created = int(re.search(r";created=(\d+)", params).group(1))  # type: ignore[union-attr]
    expires = int(re.search(r";expires=(\d+)", params).group(1))  # type: ignore[union-attr]
    assert expires - created == 300
    assert f';keyid="{thumbprint(KZ_X)}"' in params
    assert ';tag="volunteer-council-node"' in params
    public = Ed25519PublicKey.from_public_bytes(raw_key(KZ_X))
    public.verify(signature_of(headers), base.encode())  # raises if the example is wrong

    # And the library the transport uses agrees.
    request = requests.Request(
        method, url, data=body, headers={k: v for k, v in headers.items() if k != "Host"}
    ).prepare()
    verifier = AtTheExampleTime(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={thumbprint(KZ_X): public}, private_keys={}),
    )
    [result] = verifier.verify(
        request,
        max_age=None,
        expect_tag=protocol.SIGNATURE_TAG,
        body=body,
        require_components=("@method", "@target-uri", "content-digest", "idempotency-key"),
    )
    assert result.parameters["nonce"] == "Yc1Wm9t2Qk7xV4pR8sLbZAq3Nf6Hd0Ue"


def test_the_worked_reply_signature_verifies_with_the_published_key() -> None:
    [(_, reply_text)] = marked_blocks("signed-reply")
    [(_, base)] = marked_blocks("reply-signature-base")
    status_line, headers, body = http_message(reply_text)
    assert json.loads(body) == {"erased": True}
    assert errors("person-erase.reply", json.loads(body)) == []
    assert headers["Content-Digest"] == digest_of(body)
    params = headers["Signature-Input"].removeprefix(f"{signatures.LABEL}=")
    # Bound to the worked request: its method, address and signature.
    [(_, request_text)] = marked_blocks("signed-request")
    request_line, request_headers, _body = http_message(request_text)
    method, path = request_line.split(" ")[:2]
    assert base == "\n".join(
        [
            f'"@status": {status_line.split(" ")[1]}',
            f'"@method";req: {method}',
            f'"@target-uri";req: https://{request_headers["Host"]}{path}',
            f'"signature";req;key="node": {request_headers["Signature"].removeprefix("node=")}',
            f'"content-digest": {headers["Content-Digest"]}',
            f'"@signature-params": {params}',
        ]
    )
    [current] = [k for k in example("well-known")["keys"]["keys"] if not k.get("retired")]
    assert f'keyid="{current["kid"]}"' in params
    public = Ed25519PublicKey.from_public_bytes(raw_key(current["x"]))
    public.verify(signature_of(headers), base.encode())


def test_the_hours_example_verifies_with_the_owners_published_key() -> None:
    sent = example("hours")
    keys = example("well-known")["keys"]["keys"]
    # Found by council.lib.signing's key id (SHA-256 of the raw key), not by the JWKS kid.
    publics = [base64.b64encode(raw_key(key["x"])).decode() for key in keys]
    [public] = [p for p in publics if signing.key_id(p) == sent["signature"]["key_id"]]
    assert signing.verify(sent["entry"], sent["signature"], public)
    changed = copy.deepcopy(sent["entry"])
    changed["hours"] = "3.51"
    assert not signing.verify(changed, sent["signature"], public)
