"""Another node's organisation (a mirrored row): shown with its home country, never edited,
verified or joined here."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from council.conftest import make_member, make_org, reader
from council.orgs.access import can_verify, get_organisation_for_admin
from council.orgs.models import MembershipRole, OrganisationStatus
from council.orgs.services import invitation_create, organisation_update
from council.projects.tests.mirrors import mirror

pytestmark = pytest.mark.django_db


@pytest.fixture
def ru_org(russia):
    return mirror(make_org("Moscow Volunteer Centre", russia), "org-1")


@pytest.fixture
def ru_admin(ru_org, russia):
    return make_member("admin@ru.example", russia, ru_org, MembershipRole.ADMIN, "Ivan")


def test_its_admin_pages_are_not_found(client, ru_org, ru_admin) -> None:
    with pytest.raises(Http404):
        get_organisation_for_admin(user=ru_admin, pk=ru_org.pk)
    client.force_login(ru_admin)
    for address in (f"/orgs/{ru_org.pk}/edit/", f"/orgs/{ru_org.pk}/members/"):
        assert client.get(address).status_code == 404, address


def test_the_services_refuse_to_change_it(ru_org, ru_admin) -> None:
    for write in (
        lambda: organisation_update(actor=ru_admin, organisation=ru_org, name_en="Changed"),
        lambda: invitation_create(
            actor=ru_admin, organisation=ru_org, email="new@ru.example", role="member"
        ),
    ):
        with pytest.raises(ValidationError, match="only be changed on its home node"):
            write()


def test_nobody_here_verifies_it(russia, secretariat) -> None:
    pending = mirror(make_org("Kazan Centre", russia, status=OrganisationStatus.PENDING), "org-2")
    assert not can_verify(user=secretariat, organisation=pending)


@pytest.mark.parametrize(
    ("language", "country"), [("en", "From the Russia node"), ("ru", "Россия"), ("kk", "Ресей")]
)
def test_its_pages_show_the_home_country(ru_org, language, country) -> None:
    browser = reader(language)
    for address in (f"/orgs/{ru_org.pk}/", "/orgs/"):
        response = browser.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "data-mirrored" in page, address
        assert country in page, address


def test_a_local_organisation_has_no_mark(client, org) -> None:
    assert "data-mirrored" not in client.get(f"/orgs/{org.pk}/").content.decode()
