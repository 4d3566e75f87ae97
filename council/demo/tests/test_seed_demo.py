from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client

from council.accounts.models import Consent, ConsentPurpose, User
from council.demo.catalogue import ORGANISATIONS
from council.demo.personas import DEMO_PASSWORD, DEMO_URL, PERSONAS, persona
from council.orgs.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.orgs.selectors import coordinated_country_codes
from council.reference.models import City, Country, Region

pytestmark = pytest.mark.django_db

TABLES = (User, EmailAddress, Consent, Organisation, Membership, Country, Region, City)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded() -> None:
    seed()


def test_running_twice_creates_nothing_new() -> None:
    seed()
    first = counts()
    assert seed().startswith("Demo data: nothing new")
    assert counts() == first
    assert first["User"] == len(PERSONAS)
    assert first["Organisation"] == len(ORGANISATIONS)


def test_every_persona_signs_in_with_the_demo_password(seeded: None) -> None:
    for p in PERSONAS:
        client = Client()
        response = client.post("/accounts/login/", {"login": p.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, p.email
        assert client.session.get("_auth_user_id"), p.email
        assert authenticate(email=p.email, password=DEMO_PASSWORD) is not None


def test_every_persona_has_a_verified_address_and_a_live_processing_consent(
    seeded: None,
) -> None:
    for p in PERSONAS:
        user = User.objects.get(email=p.email)
        assert EmailAddress.objects.filter(
            user=user, email=p.email, verified=True, primary=True
        ).exists()
        assert Consent.objects.filter(
            user=user, purpose=ConsentPurpose.PROCESSING, withdrawn_at__isnull=True
        ).exists()
        assert user.preferred_language == p.language
        assert user.home_country_id == p.country
        assert user.given_name_latin and user.family_name_latin and user.name_search


def test_national_coordinators_coordinate_their_verified_network(seeded: None) -> None:
    for country, name in (
        ("ru", "Association of Volunteer Centres"),
        ("kz", "National Volunteer Network of the Republic of Kazakhstan"),
    ):
        user = User.objects.get(email=f"coordinator.{country}@council.example")
        membership = Membership.objects.select_related("organisation").get(user=user)
        assert membership.role == MembershipRole.COORDINATOR
        network = membership.organisation
        assert network.name_en == name
        assert network.kind == OrganisationKind.NATIONAL_NETWORK
        assert network.status == OrganisationStatus.VERIFIED
        assert coordinated_country_codes(user=user) == {country.upper()}


def test_roles(seeded: None) -> None:
    assert User.objects.get(email="secretariat@council.example").is_secretariat
    admin = User.objects.get(email="admin@council.example")
    assert admin.is_superuser and admin.is_staff
    lead = Membership.objects.get(user__email="company.lead@council.example")
    assert lead.role == MembershipRole.ADMIN
    assert lead.organisation.kind == OrganisationKind.COMPANY
    assert not Membership.objects.filter(user__email="volunteer.ru@council.example").exclude(
        role=MembershipRole.MEMBER
    )


def test_organisations(seeded: None) -> None:
    pending = Organisation.objects.filter(status=OrganisationStatus.PENDING)
    assert set(pending.values_list("country_id", flat=True)) == {"RU", "KZ"}
    assert Organisation.objects.get(
        name_en="Ministry of Information and Social Development of the Republic of Kazakhstan"
    ).kind == (OrganisationKind.GOVERNMENT)
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    for organisation in Organisation.objects.all():
        assert organisation.name_ru and organisation.name_kk and organisation.name_en
        assert organisation.city is not None
        assert organisation.city.country_id == organisation.country_id
        assert organisation.memberships.filter(role=MembershipRole.ADMIN).exists()
        verified = organisation.status == OrganisationStatus.VERIFIED
        assert (organisation.verified_by is not None) == verified


def test_reset_restores_what_a_demo_changed(seeded: None) -> None:
    user = User.objects.get(email="volunteer.kz@council.example")
    user.preferred_language = "en"
    user.set_password("something else entirely")
    user.save()
    Organisation.objects.filter(status=OrganisationStatus.PENDING).update(
        status=OrganisationStatus.VERIFIED
    )
    seed()
    user.refresh_from_db()
    assert user.preferred_language == "en"  # a plain run keeps what the demo did
    seed("--reset")
    user.refresh_from_db()
    assert user.preferred_language == persona(user.email).language
    assert user.check_password(DEMO_PASSWORD)
    assert Organisation.objects.filter(status=OrganisationStatus.PENDING).count() == 2


def test_reference_rows_already_loaded_are_used(astana: City) -> None:
    # The conftest's Astana stands for what `load_reference` would have put there.
    seed()
    assert City.objects.get(geonames_id=1526273).region == astana.region
    assert Region.objects.filter(code="KZ-71").count() == 1
    assert (
        Organisation.objects.get(
            name_en="Ministry of Information and Social Development of the Republic of Kazakhstan"
        ).city
        == astana
    )


def test_demo_logins_lists_the_personas(seeded: None) -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert DEMO_URL in text
    for p in PERSONAS:
        assert (p.email in text) == p.main
    assert "not in the database" not in text
    out = StringIO()
    call_command("demo_logins", "--all", stdout=out)
    assert all(p.email in out.getvalue() for p in PERSONAS)


def test_refuses_production(settings: Any) -> None:
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        seed()
    assert not User.objects.exists()
