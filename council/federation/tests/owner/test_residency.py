"""The residency scan: every text and JSON column of every table, case-insensitively."""

from __future__ import annotations

from typing import Any

from council.audit.services import record
from council.conftest import make_user
from council.federation.residency import scan_for, text_columns


def test_it_finds_a_name_in_any_case_in_text_and_json_columns(kazakhstan: Any) -> None:
    person = make_user("aliya@mail.kz", kazakhstan, given_name="Алия", family_name="Сейткали")
    event = record(actor=None, action="test.note", target=person, data={"said": "Сейткали"})

    hits = scan_for(["сейткали", "ALIYA@MAIL.KZ"])

    assert ("accounts_user", "family_name", person.pk) in hits
    assert ("accounts_user", "email", person.pk) in hits
    assert ("audit_auditevent", "data", event.pk) in hits
    assert ("audit_auditevent", "target_repr", event.pk) in hits


def test_it_finds_nothing_of_someone_never_stored(kazakhstan: Any) -> None:
    make_user("aliya@mail.kz", kazakhstan, given_name="Алия")

    assert scan_for(["Жансая", "zhansaya@mail.kz"]) == []
    assert scan_for(["", "  "]) == []


def test_it_reads_every_table(db: Any) -> None:
    columns = text_columns()

    assert "accounts_user" in columns
    assert columns["accounts_user"][0] == "id"
    assert ("payload", True) in columns["federation_outboxmessage"][1]
    assert ("given_name", False) in columns["accounts_user"][1]
