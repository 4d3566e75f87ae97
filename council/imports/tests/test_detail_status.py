"""The import page while a step runs and when it is over: the polled status asks for the
whole page again once the step is done (its report and the next step's form are not in the
status), the bar is full on a finished step, and a likely duplicate shows the organisation's
contact as its list does (never stored with the import)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from council.conftest import reader
from council.imports.models import ImportJob, ImportStatus
from council.orgs.models import Organisation
from council.volunteers.models import Contact

pytestmark = pytest.mark.django_db

ROWS = [["ФИО", "Дата рождения"], ["SARSENBAYEVA AIGERIM", "17.03.1994"], ["Kim Anna", "1.3.2000"]]


@pytest.fixture
def held(org: Organisation) -> Contact:
    return Contact.objects.create(
        organisation=org,
        given_name="Айгерим",
        family_name="Сарсенбаева",
        email="aigerim@example.kz",
        date_of_birth=date(1994, 3, 17),
    )


def test_the_polled_status_asks_for_the_page_when_the_step_is_over(
    org_admin: Any, org: Organisation, held: Contact, checked: Callable[..., ImportJob]
) -> None:
    job = checked(org_admin, org, ROWS, kind="volunteers")
    client = reader("en", org_admin)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, rows_done=1)
    busy = client.get(f"/imports/{job.pk}/", headers={"HX-Request": "true"})
    assert "HX-Refresh" not in busy
    assert '<progress max="100" value="50"' in busy.content.decode()  # 1 of 2 rows
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKED)
    done = client.get(f"/imports/{job.pk}/", headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert '<progress max="100" value="100"' in done.content.decode()


def test_a_likely_duplicate_shows_the_contact_as_held_now(
    org_admin: Any, org: Organisation, held: Contact, checked: Callable[..., ImportJob]
) -> None:
    job = checked(org_admin, org, ROWS, kind="volunteers")
    assert job.duplicates_found == 1
    duplicate = job.duplicates.get()
    assert "Сарсенбаева" not in duplicate.candidate_repr  # nothing of the contact is stored
    page = reader("en", org_admin).get(f"/imports/{job.pk}/").content.decode()
    assert "Сарсенбаева Айгерим · aigerim@example.kz · 1994-03-17" in page
    held.given_name = "Айгерім"
    held.save()
    page = reader("en", org_admin).get(f"/imports/{job.pk}/").content.decode()
    assert "Сарсенбаева Айгерім · aigerim@example.kz · 1994-03-17" in page
