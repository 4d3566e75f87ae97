"""What an export carries: the scope, the period, and people named only as the rules allow."""

from __future__ import annotations

from typing import Any

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.interchange.ids import person_id
from council.interchange.models import ExchangeKind
from council.interchange.tests.conftest import export_bytes, jsonl
from council.interchange.validation import problems
from council.orgs.models import Organisation


def hours_records(**scope: Any) -> list[dict[str, Any]]:
    return [r for r in jsonl(export_bytes(**scope)) if r["type"] == "hours"]


def test_every_record_meets_its_schema(hours: Any) -> None:
    for record in jsonl(export_bytes()):
        assert problems(record["type"], record) == [], record


def test_people_are_named_only_as_the_rules_allow(hours: Any, people: dict[str, User]) -> None:
    pseudonymous = hours_records()
    to_kazakhstan = hours_records(personal_data=True, recipient_country="KZ")
    to_russia = hours_records(personal_data=True, recipient_country="RU")

    assert all(set(r["person"]) == {"id", "home_country"} for r in pseudonymous)

    def emails(records: list[dict[str, Any]]) -> set[str]:
        return {r["person"].get("email", "") for r in records} - {""}

    # Kazakhstan's registry: its own citizen, and the Russian who consented.
    assert emails(to_kazakhstan) == {"aliya@example.org", "natasha@example.org"}
    # Russia's registry: its citizens, and the consenting one; not Aliya of Kazakhstan.
    assert emails(to_russia) == {"pavel@example.org", "natasha@example.org"}
    named = next(r for r in to_russia if r["person"].get("email") == "natasha@example.org")
    assert named["person"]["name"] == "Наталья Иванова"
    assert named["person"]["name_latin"] == "Natalia Ivanova"
    # The same person has the same pseudonymous id in every file; nothing else gives them away.
    aliya = person_id(people["kz"].pk)
    assert {r["person"]["id"] for r in to_russia} >= {aliya}
    assert "aliya" not in aliya


def test_an_erased_person_is_never_named(hours: Any, people: dict[str, User]) -> None:
    from django.utils import timezone

    User.objects.filter(pk=people["kz"].pk).update(erased_at=timezone.now())
    records = hours_records(personal_data=True, recipient_country="KZ")
    assert {r["person"].get("email") for r in records} == {"natasha@example.org", None}


def test_scope_and_period(hours: Any, org: Organisation, second_org: Organisation) -> None:
    one = jsonl(export_bytes(organisation_id=org.pk))
    assert {r["organisation"]["id"] for r in one if r["type"] == "hours"} == {
        f"urn:council:127.0.0.1:organisation:{org.pk}"
    }
    assert [r["type"] for r in one].count("organisation") == 1
    april = hours_records(
        date_from=__import__("datetime").date(2026, 4, 1),
        date_to=__import__("datetime").date(2026, 4, 30),
    )
    assert sorted(r["hours"] for r in april) == ["3.00", "4.00"]
    only_hours = jsonl(export_bytes(kind=ExchangeKind.HOURS))
    assert {r["type"] for r in only_hours} == {"header", "organisation", "hours", "signature"}
    # The organisations a file of hours names are those with hours (not the network).
    assert [r["type"] for r in only_hours].count("organisation") == 2


def test_an_export_is_audited(hours: Any, secretariat: User, client: Any) -> None:
    client.force_login(secretariat)
    response = client.post(
        "/exchange-format/export/",
        {"scope": "country:KZ", "kind": "hours", "format": "jsonl", "recipient_country": "KZ"},
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert len(jsonl(body)) == 1 + 2 + 5 + 1
    event = AuditEvent.objects.get(action="exchange.exported")
    assert event.actor_id == secretariat.pk
    assert event.data["country"] == "KZ"
