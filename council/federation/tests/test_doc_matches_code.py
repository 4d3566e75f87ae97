"""docs/federation.md and the JSON Schemas say what the code does: the node document the code
serves, the worked signature checked by the code's own verifier, and the numbers the document
quotes (limits, retention, job periods, the feed's record fields)."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from council.federation import client, feed, inbound, keys, protocol, signatures
from council.federation.catalogue import KINDS
from council.federation.services import outbox, sync
from council.federation.services.owner import hours_payload
from council.federation.tests.wire import violations
from council.lib import signing
from council.ops.jobs import JOBS

DOC = Path(protocol.__file__).resolve().parents[2] / "docs" / "federation.md"


def doc() -> str:
    return DOC.read_text("utf-8")


def block(marker: str) -> str:
    found = re.search(r"<!-- " + re.escape(marker) + r" -->\n```\w*\n(.*?)\n```", doc(), re.S)
    assert found, marker
    return found.group(1)


@pytest.fixture
def node(settings: Any) -> None:
    settings.NODE_COUNTRY, settings.NODE_ID = "RU", "ru"
    settings.NODE_URL = "https://ru.council.example"


def test_the_served_node_document_matches_its_schema_and_the_example(db: Any, node: None) -> None:
    keys.public_key()
    keys.rotate_key()  # one current key, one retired
    answer = Client().get(protocol.WELL_KNOWN_PATH)
    assert answer.status_code == 200
    served = answer.json()
    assert violations("well-known", served) == []
    assert served == keys.well_known_document()
    [current, retired] = served["keys"]["keys"]
    assert "retired" not in current and retired["retired"] is True
    example = json.loads(block("schema: well-known"))
    assert list(example) == list(served)
    assert set(example["endpoints"]) == set(served["endpoints"])
    assert [list(key) for key in example["keys"]["keys"]] == [
        list(key) for key in served["keys"]["keys"]
    ]


def _kz_seed() -> str:
    return base64.b64encode(
        bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    ).decode()


def test_the_worked_request_is_what_the_code_signs_and_accepts(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FEDERATION_MAX_AGE_SECONDS = 300
    # The library checks the times against the clock of today; the code checks them (below)
    # against the example's moment.
    monkeypatch.setattr(
        signatures.HTTPMessageVerifier, "validate_created_and_expires", lambda *a, **k: None
    )
    text = block("signed-request")
    head = text.split("\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    body = block("schema: person-erase").encode()
    url = f"https://{headers.pop('Host')}{head[0].split(' ')[1]}"
    created = int(re.search(r";created=(\d+)", headers["Signature-Input"]).group(1))  # type: ignore[union-attr]
    nonce = re.search(r';nonce="([^"]+)"', headers["Signature-Input"]).group(1)  # type: ignore[union-attr]
    # Signed again by the code, with the example's key, time and nonce: the same headers.
    again = signatures.Request(
        "POST",
        url,
        {"Content-Type": headers["Content-Type"], "Idempotency-Key": headers["Idempotency-Key"]},
    )
    monkeypatch.setattr(signatures.secrets, "token_urlsafe", lambda _n=None: nonce)
    signatures.sign_request(
        again, body=body, private_b64=_kz_seed(), at=datetime.fromtimestamp(created, UTC)
    )
    assert again.headers == headers
    public = signing.public_key_from_private(_kz_seed())
    checked = signatures.check(
        signatures.Request("POST", url, headers),
        body=body,
        resolve=lambda kid: public if kid == keys.key_id(public) else None,
        required=["@method", "@target-uri", "idempotency-key"],
        now=datetime.fromtimestamp(created + 10, UTC),
    )
    assert checked.nonce == nonce
    assert (
        f'{signatures.LABEL}=("@method" "@target-uri" "idempotency-key" "content-digest")'
        in (headers["Signature-Input"])
    )


def test_hours_are_signed_under_the_signing_key_id(db: Any, node: None) -> None:
    sent = hours_payload({"id": "1"}, keys.private_key())
    assert sent["signature"]["key_id"] == signing.key_id(keys.public_key())


def test_the_numbers_the_document_quotes_are_the_codes() -> None:
    text = doc()
    assert inbound.MAX_KEY == 80 and "at most 80 characters" in text
    assert inbound.MAX_BODY == 1024 * 1024 and "larger than 1 MB" in text
    assert outbox.IDEMPOTENT_REPLY_DAYS == 90 and "kept 90 days" in text
    assert outbox.CALL_LOG_DAYS == 180 and "older than 180 days" in text
    assert client.REFETCH_AFTER.total_seconds() == 10 and "once every 10" in text
    assert (feed.DEFAULT_LIMIT, feed.MAX_LIMIT) == (200, 500) and "1–500, default 200" in text
    assert (sync.PAGE_LIMIT, sync.MAX_PAGES) == (200, 100) and "up to 100 pages" in text
    assert signatures.LABEL == "node" and "label is `node`" in text
    assert [outbox.backoff(n).total_seconds() // 60 for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]


PERIODS = {60: "every minute", 300: "every 5 minutes", 900: "every 15 minutes"}


def test_the_jobs_table_gives_each_jobs_period() -> None:
    jobs = [job for job in JOBS if job.name.startswith("federation_")]
    assert jobs
    for job in jobs:
        seconds = int(job.every.total_seconds())
        said = PERIODS.get(seconds) or ("hourly" if seconds == 3600 else "daily")
        assert f"| `{job.name}` | {said}" in doc(), job.name


def test_the_record_table_names_every_field_the_builder_writes() -> None:
    for kind in KINDS:
        row = re.search(r"^\| `" + kind.name + r"` \|[^\n]*$", doc(), re.M)
        assert row, kind.name
        names = [*kind.fields, *kind.texts, *(c.key for c in kind.codes)]
        names += [r.key for r in (*kind.refs, *kind.many)] + [c.key for c in kind.code_sets]
        names += [child.key for child in kind.children]
        names += ["taken"] if kind.taken is not None else []
        for name in names:
            assert f"`{name}`" in row.group(0), f"{kind.name}.{name}"
