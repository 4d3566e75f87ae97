"""A national registry's own file, signed with its own key: organisations matched by
registration number, hours of people with an account here written as verified entries, the
others held; the same file twice changes nothing."""

from __future__ import annotations

import base64
import hashlib
import json
from decimal import Decimal
from typing import Any

from council.accounts.models import User
from council.hours.models import EntrySource, EntryStatus, HoursEntry
from council.interchange.access import Reach
from council.interchange.models import ExternalRecord, HeldHours
from council.interchange.reading import issuer_keys
from council.interchange.tests.conftest import import_bytes
from council.lib.signing import (
    generate_private_key,
    key_id,
    public_jwk,
    public_key_from_private,
    sign,
)
from council.orgs.models import Organisation, OrganisationStatus

PRIVATE = generate_private_key()
PUBLIC = public_key_from_private(PRIVATE)
JWK = json.dumps(public_jwk(PUBLIC))


def signed_file(records: list[dict[str, Any]], private: str = PRIVATE) -> bytes:
    public = public_key_from_private(private)
    header = {
        "type": "header",
        "format": "council.exchange",
        "version": 1,
        "issuer": {
            "node": "registry.example.kz",
            "url": "https://registry.example.kz",
            "country": "KZ",
        },
        "generated_at": "2026-06-01T00:00:00Z",
        "filters": {
            "organisation": None,
            "country": "KZ",
            "from": None,
            "to": None,
            "kinds": ["organisation", "hours"],
        },
        "recipient_country": "KZ",
        "personal_data": True,
        "key_id": key_id(public),
        "public_keys": "https://registry.example.kz/keys.json",
    }
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in [header, *records]]
    counts = {"organisation": 0, "opportunity": 0, "hours": 0}
    for record in records:
        counts[record["type"]] += 1
    trailer: dict[str, Any] = {
        "type": "signature",
        "lines": len(lines),
        "counts": counts,
        "sha256": hashlib.sha256(b"".join(line + b"\n" for line in lines)).hexdigest(),
    }
    trailer["signature"] = sign(trailer, private)
    return b"".join(line + b"\r\n" for line in lines) + json.dumps(trailer).encode()


def organisation(number: str, name: str, registration: str) -> dict[str, Any]:
    return {
        "type": "organisation",
        "id": f"urn:kz-registry:org:{number}",
        "name": {"kk": name},
        "kind": "ngo",
        "country": "KZ",
        "region": None,
        "registration_number": registration,
        "tax_number": "",
        "website": "",
        "status": "verified",
        "network": None,
    }


def hours(number: str, org: str, email: str | None, amount: str) -> dict[str, Any]:
    person: dict[str, Any] = {"id": f"urn:kz-registry:person:{number}", "home_country": "KZ"}
    if email:
        person["email"] = email
    return {
        "type": "hours",
        "id": f"urn:kz-registry:hours:{number}",
        "person": person,
        "organisation": {
            "id": f"urn:kz-registry:org:{org}",
            "name": {"kk": "x"},
            "country": "KZ",
            "registration_number": "",
        },
        "project": {"id": f"urn:kz-registry:project:{org}", "title": {"kk": "Жоба"}},
        "opportunity": None,
        "date": "2026-04-10",
        "hours": amount,
        "country": "KZ",
        "region": "KZ-99",
        "isco_group": None,
        "sdg_targets": ["3.4"],
        "sdg_goals": [3],
        "verified_at": "2026-04-11T08:00:00Z",
        "verified_by": f"urn:kz-registry:org:{org}",
        "mode": "organisation",
        "during_paid_work": False,
    }


def registry_file() -> bytes:
    return signed_file(
        [
            organisation("1", "Астана еріктілер орталығы", "1234 5678 9012"),
            organisation("2", "Жаңа ұйым", ""),
            hours("10", "1", "VOLUNTEER@example.org", "4.5"),
            hours("11", "2", None, "2"),
            hours("12", "2", "nobody@example.org", "1"),
        ]
    )


def test_a_registrys_file_with_its_key(
    org: Organisation, volunteer: User, kz_coordinator: User, targets: Any
) -> None:
    Organisation.objects.filter(pk=org.pk).update(registration_number="123456789012")
    keys = issuer_keys(JWK)
    reach = Reach(countries=frozenset({"KZ"}))

    report = import_bytes(registry_file(), keys=keys, actor=kz_coordinator, reach=reach)

    assert report.written, report.as_dict()["errors"]
    assert report.counts == {
        "organisations_matched": 1,
        "organisations_created": 1,
        "projects_created": 2,
        "hours_created": 1,
        "hours_held": 2,
    }
    entry = HoursEntry.objects.get()
    assert (entry.volunteer, entry.organisation, entry.hours) == (volunteer, org, Decimal("4.50"))
    assert (entry.status, entry.source) == (EntryStatus.VERIFIED, EntrySource.IMPORTED)
    assert entry.origin == "exchange:registry.example.kz"
    assert entry.external_id == "urn:kz-registry:hours:10"
    assert entry.region_id is None  # an unknown region is dropped
    assert list(entry.sdg_targets.values_list("code", flat=True)) == ["3.4"]
    created = Organisation.objects.get(name_kk="Жаңа ұйым")
    assert created.status == OrganisationStatus.PENDING
    assert ExternalRecord.objects.get(external_id="urn:kz-registry:org:1").created is False
    assert sorted(HeldHours.objects.values_list("hours", flat=True)) == [Decimal("1"), Decimal("2")]

    again = import_bytes(registry_file(), keys=keys, actor=kz_coordinator, reach=reach)

    assert again.written
    assert again.counts["hours_updated"] == 1
    assert again.counts["hours_held_updated"] == 2
    assert HoursEntry.objects.count() == 1
    assert Organisation.objects.filter(name_kk="Жаңа ұйым").count() == 1


def test_another_countrys_coordinator_cannot_bring_it_in(
    org: Organisation, ru_coordinator: User, targets: Any
) -> None:
    report = import_bytes(
        registry_file(),
        keys=issuer_keys(PUBLIC),
        actor=ru_coordinator,
        reach=Reach(countries=frozenset({"RU"})),
    )
    assert not report.written
    assert [(e.line, e.field) for e in report.errors.listed][:2] == [
        (2, "organisation"),
        (3, "organisation"),
    ]
    assert HeldHours.objects.count() == 0


def test_a_file_signed_by_another_key_fails(org: Organisation, targets: Any) -> None:
    forged = signed_file([organisation("1", "x", "")], private=generate_private_key())
    report = import_bytes(forged, keys=issuer_keys(PUBLIC))
    assert "give the issuer's public key" in report.errors.listed[0].message


def test_keys_in_every_form() -> None:
    raw = base64.b64decode(PUBLIC)
    expected = {key_id(PUBLIC): PUBLIC}
    assert issuer_keys(PUBLIC) == expected
    assert issuer_keys(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == expected
    assert issuer_keys(JWK) == expected
    assert issuer_keys(json.dumps({"keys": [json.loads(JWK)]})) == expected
    for bad in ("{", "abc", '{"keys": 3}', '{"kty": "RSA"}'):
        try:
            issuer_keys(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was taken for a key")
