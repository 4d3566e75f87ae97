"""An agreement's signed copy is for the secretariat and the admins and coordinators of its
parties; everyone else, a plain member of a party or an organiser of another council member
included, sees the agreement's page without the copy, and the copy itself is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from council.conftest import make_user
from council.cooperation.models import Agreement, AgreementDocument
from council.cooperation.tests.conftest import signed_agreement
from council.forums.tests.test_registration import signed_in
from council.orgs.models import Membership, MembershipRole

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


pytestmark = pytest.mark.usefixtures("private_files")


@pytest.fixture
def agreement(council: Any, secretariat: Any, ru_network: Any, org: Any) -> Agreement:
    """An agreement in force between the Russian network and the Astana centre (the Kazakh
    network is a member of the council, not a party), with its signed copy."""
    agreement = signed_agreement(council, secretariat, [ru_network, org])
    document = AgreementDocument(agreement=agreement, title="Signed in Omsk", size=len(PDF))
    document.file.save("signed.pdf", ContentFile(PDF), save=True)
    return agreement


def _person(email: str, organisation: Any, role: str, country: Any) -> Any:
    user = make_user(email, country)
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def _sees_the_copy(user: Any, agreement: Agreement) -> bool:
    client = signed_in(user)
    document = agreement.documents.get()
    page = client.get(f"/agreements/{agreement.pk}/")
    assert page.status_code == 200
    listed = f"/agreements/documents/{document.pk}/" in page.content.decode()
    download = client.get(f"/agreements/documents/{document.pk}/")
    if download.status_code == 200:
        assert b"".join(download.streaming_content) == PDF
    assert listed == (download.status_code == 200), download.status_code
    return listed


def test_the_secretariat_and_the_party_s_organisers_read_the_copy(
    agreement: Agreement, secretariat: Any, ru_network: Any, ru_coordinator: Any, russia: Any
) -> None:
    admin = _person("admin.avc@example.org", ru_network, MembershipRole.ADMIN, russia)
    assert _sees_the_copy(secretariat, agreement)
    assert _sees_the_copy(ru_coordinator, agreement)
    assert _sees_the_copy(admin, agreement)


def test_others_see_the_agreement_without_the_copy(
    agreement: Agreement,
    ru_network: Any,
    kz_coordinator: Any,
    outsider: Any,
    russia: Any,
) -> None:
    member = _person("member.avc@example.org", ru_network, MembershipRole.MEMBER, russia)
    assert not _sees_the_copy(member, agreement)  # a plain member of the party
    assert not _sees_the_copy(kz_coordinator, agreement)  # another council member's organiser
    assert not _sees_the_copy(outsider, agreement)
    document = agreement.documents.get()
    assert Client().get(f"/agreements/documents/{document.pk}/").status_code == 302


def test_the_api_serves_the_agreement_and_never_the_copy(
    agreement: Agreement, ru_network: Any, ru_coordinator: Any, russia: Any
) -> None:
    member = _person("member.avc@example.org", ru_network, MembershipRole.MEMBER, russia)
    for user in (member, ru_coordinator):
        client = signed_in(user)
        answer = client.get(f"/api/v1/agreements/{agreement.pk}")
        assert answer.status_code == 200
        assert answer.json()["title"] == "Agreement on the Volunteer Council"
        assert "/agreements/documents/" not in answer.content.decode()
        listing = client.get(f"/api/v1/councils/{agreement.council_id}/agreements")
        assert "/agreements/documents/" not in listing.content.decode()
