"""The delegation's roster as CSV and XLSX: a member whose name is a formula is written as
inert text, never as a live formula."""

from __future__ import annotations

from typing import Any

import pytest

from council.conftest import make_user
from council.forums.services.delegations import member_invite
from council.forums.tests.conftest import make_delegation
from council.forums.tests.test_registration import signed_in
from council.lib.tests.tables import EVIL, NEUTRALISED, csv_rows, xlsx_rows


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_formula_in_a_name_is_inert(
    forum: Any, ru_network: Any, ru_coordinator: Any, russia: Any, export_format: str
) -> None:
    delegation = make_delegation(forum, ru_network, ru_coordinator)
    person = make_user(
        "evil@example.org",
        russia,
        given_name=EVIL,
        family_name="",
        given_name_latin="@SUM(1+1)",
        family_name_latin="",
    )
    member_invite(actor=ru_coordinator, delegation=delegation, person=person)
    response = signed_in(ru_coordinator).get(
        f"/forums/delegations/{delegation.pk}/roster.{export_format}"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="delegation-{delegation.pk}.{export_format}"'
    )
    rows = csv_rows(response) if export_format == "csv" else xlsx_rows(response)
    evil_row = next(row for row in rows if row[2] == "evil@example.org")
    assert evil_row[:2] == [NEUTRALISED, "'@SUM(1+1)"]
