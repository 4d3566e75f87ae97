"""Credentials held appear on the volunteer's profile, on the record book page and in its
signed JSON, with their expiry."""

from __future__ import annotations

from datetime import date
from typing import Any

from council.training.services.credentials import credential_grant
from council.training.tests.conftest import make_credential


def test_credentials_in_the_record_book_and_the_profile(
    client: Any, org: Any, org_admin: Any, credential: Any, volunteer: Any
) -> None:
    credential_grant(
        volunteer=volunteer,
        credential=credential,
        source="organiser",
        organisation=org,
        expires_on=date(2031, 3, 1),
        actor=org_admin,
        on=date(2026, 3, 1),
    )
    old = make_credential(org_admin, org, name_en="Working with children")
    credential_grant(
        volunteer=volunteer,
        credential=old,
        source="training",
        organisation=org,
        expires_on=date(2021, 1, 1),
        actor=volunteer,
    )
    client.force_login(volunteer)
    page = client.get("/hours/record-book/").content.decode()
    assert "My credentials" in page and "First aid" in page
    assert "valid until 1 March 2031" in page
    assert "expired on 1 January 2021" in page
    signed = client.get("/hours/record-book.json").json()
    held = {row["name"]: row for row in signed["record_book"]["credentials"]}
    assert held["First aid"] == {
        "id": credential.pk,
        "name": "First aid",
        "granted_by": {"id": org.pk, "name": "Astana Volunteer Centre"},
        "source": "organiser",
        "earned_on": "2026-03-01",
        "expires_on": "2031-03-01",
    }
    assert held["Working with children"]["expires_on"] == "2021-01-01"
    assert signed["signature"]
    profile = client.get("/volunteer/").content.decode()
    assert "First aid" in profile and "valid until 1 March 2031" in profile
