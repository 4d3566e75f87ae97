"""Another node's council, agreement and programme (mirrored rows): shown with the node's
country, kept only there."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from council.conftest import reader
from council.cooperation.access import get_agreement_for_keeper, get_council_for_keeper
from council.cooperation.models import AgreementStatus
from council.cooperation.services.agreements import agreement_create, agreement_sign
from council.cooperation.services.councils import council_member_add
from council.cooperation.services.programmes import programme_create
from council.cooperation.tests.conftest import draft_agreement
from council.projects.tests.mirrors import mirror

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(council, secretariat, ru_network, kz_network):
    agreement = draft_agreement(council, secretariat, [ru_network, kz_network])
    programme = programme_create(actor=secretariat, council=council, name_en="Silk Road")
    return {
        "council": mirror(council, "c-1"),
        # A node shares its agreements once signed: never a draft.
        "agreement": mirror(agreement, "a-1", status=AgreementStatus.ACTIVE),
        "programme": mirror(programme, "p-1"),
    }


def test_the_secretariat_keeps_only_its_own_node_rows(client, rows, secretariat) -> None:
    with pytest.raises(Http404):
        get_council_for_keeper(user=secretariat, pk=rows["council"].pk)
    with pytest.raises(Http404):
        get_agreement_for_keeper(user=secretariat, pk=rows["agreement"].pk)
    client.force_login(secretariat)
    council_page = client.get(f"/councils/{rows['council'].pk}/").content.decode()
    assert "Add a member organisation" not in council_page
    assert "New agreement" not in council_page
    assert client.post(f"/agreements/{rows['agreement'].pk}/sign/").status_code == 404
    assert client.get(f"/councils/{rows['council'].pk}/programmes/new/").status_code == 404


def test_the_services_refuse_to_change_them(rows, secretariat, ru_network, kz_network) -> None:
    council = rows["council"]
    for write in (
        lambda: council_member_add(actor=secretariat, council=council, organisation=ru_network),
        lambda: agreement_create(
            actor=secretariat, council=council, parties=[ru_network, kz_network], title_en="X"
        ),
        lambda: agreement_sign(
            actor=secretariat, agreement=rows["agreement"], signed_on=date(2026, 1, 5)
        ),
        lambda: programme_create(actor=secretariat, council=council, name_en="Y"),
    ):
        with pytest.raises(ValidationError, match="only be changed on its home node"):
            write()


@pytest.mark.parametrize(
    ("language", "country"), [("en", "From the Russia node"), ("ru", "Россия"), ("kk", "Ресей")]
)
def test_their_pages_show_the_home_country(rows, language, country) -> None:
    browser = reader(language)
    for address in (
        "/councils/",
        f"/councils/{rows['council'].pk}/",
        f"/agreements/{rows['agreement'].pk}/",
        f"/programmes/{rows['programme'].pk}/",
    ):
        response = browser.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "data-mirrored" in page, address
        assert country in page, address
