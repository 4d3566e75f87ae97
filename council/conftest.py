"""Shared fixtures: the people every test talks about (volunteer, organisation admin and
member, national coordinators of both countries, secretariat, outsider)."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client

from council.accounts.models import User
from council.lib.memo import memo_clear
from council.orgs.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.reference.models import City, Country, Region

PASSWORD = "correct horse battery"
GEONAMES_IDS = count(9_000_000)


@pytest.fixture(autouse=True)
def _fast_and_english(settings: Any) -> None:
    memo_clear()  # reference rows of an earlier test's rolled-back transaction
    cache.clear()  # and what an earlier test cached of its rows (the peers' states…)
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _api_unthrottled(settings: Any) -> None:
    """The API's rate limits count across tests in one process; the tests of the limits set
    their own (council/api/tests/test_api_throttling.py)."""
    settings.API_THROTTLE_ANON = ""
    settings.API_THROTTLE_TOKEN = ""


def _member_country(code: str, code3: str, numeric: str, names: tuple[str, str, str]) -> Country:
    """A council member country; `names` in English, Russian and Kazakh."""
    name_en, name_ru, name_kk = names
    country, _ = Country.objects.update_or_create(
        code=code,
        defaults={
            "code3": code3,
            "numeric": numeric,
            "name_en": name_en,
            "name_ru": name_ru,
            "name_kk": name_kk,
            "is_council_member": True,
        },
    )
    return country


# The council's member countries: (code3, numeric, names in English, Russian and Kazakh).
MEMBER_COUNTRIES = {
    "RU": ("RUS", "643", ("Russia", "Россия", "Ресей")),
    "KZ": ("KAZ", "398", ("Kazakhstan", "Казахстан", "Қазақстан")),
}


def member_country(code: str) -> Country:
    """A country of MEMBER_COUNTRIES, created or updated."""
    return _member_country(code, *MEMBER_COUNTRIES[code])


@pytest.fixture
def russia(db: Any) -> Country:
    return member_country("RU")


@pytest.fixture
def kazakhstan(db: Any) -> Country:
    return member_country("KZ")


def city_in_region(
    country: Country, geonames_id: int, region_code: str = "", **fields: Any
) -> City:
    """The city of that GeoNames id with these fields, created or updated; in the region of
    that code, created or updated too and named as the city (in none without a code)."""
    region = None
    if region_code:
        names = {key: fields[key] for key in ("name_en", "name_ru", "name_kk") if key in fields}
        region, _ = Region.objects.update_or_create(
            code=region_code, defaults={"country": country, **names}
        )
    city, _ = City.objects.update_or_create(
        geonames_id=geonames_id, defaults={"country": country, "region": region, **fields}
    )
    return city


# GeoNames id, region code, names (en, ru, kk), latitude, longitude, population, time zone.
KNOWN_CITIES: dict[str, tuple[Any, ...]] = {
    "astana": (1526273, "KZ-71", ("Astana", "Астана", "Астана"), 51.1801, 71.446, 1_000_000, "Asia/Almaty"),  # noqa: E501
    "moscow": (524901, "RU-MOW", ("Moscow", "Москва"), 55.7522, 37.6156, 12_000_000, "Europe/Moscow"),  # noqa: E501
}  # fmt: skip


def known_city(country: Country, key: str) -> City:
    """A city of KNOWN_CITIES in its region, created or updated."""
    geonames_id, region_code, names, latitude, longitude, population, zone = KNOWN_CITIES[key]
    return city_in_region(
        country,
        geonames_id,
        region_code,
        **dict(zip(("name_en", "name_ru", "name_kk"), names, strict=False)),
        latitude=latitude,
        longitude=longitude,
        population=population,
        timezone=zone,
    )


@pytest.fixture
def astana(kazakhstan: Country) -> City:
    return known_city(kazakhstan, "astana")


def make_city(country: Country, name: str, **fields: Any) -> City:
    """A city of `country` named `name` in English: a fresh GeoNames id, at 0°, 0° on
    Almaty's clock, unless `fields` say otherwise."""
    fields = {"latitude": 0, "longitude": 0, "timezone": "Asia/Almaty", **fields}
    fields.setdefault("geonames_id", next(GEONAMES_IDS))
    return City.objects.create(country=country, name_en=name, **fields)


def reader(language: str, user: User | None = None) -> Client:
    """A browser reading in `language`, signed in as `user` if one is given."""
    client = Client()
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)
    client.cookies["django_language"] = language
    return client


def speaking(user: User, language: str) -> User:
    """The user, now preferring `language` (for mail and pages in it)."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def make_user(email: str, country: Country | None = None, **fields: Any) -> User:
    fields.setdefault("preferred_language", "en")
    user = User.objects.create_user(email=email, password=PASSWORD, home_country=country, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_member(
    email: str, country: Country, organisation: Organisation, role: str, given_name: str
) -> User:
    """A user holding a membership of the organisation in the role named."""
    user = make_user(email, country, given_name=given_name)
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def make_org(
    name: str,
    country: Country,
    *,
    kind: str = OrganisationKind.NGO,
    status: str = OrganisationStatus.VERIFIED,
    **fields: Any,
) -> Organisation:
    return Organisation.objects.create(
        name_en=name, name_ru=name, kind=kind, country=country, status=status, **fields
    )


@pytest.fixture
def ru_network(russia: Country) -> Organisation:
    return make_org(
        "Association of Volunteer Centres", russia, kind=OrganisationKind.NATIONAL_NETWORK
    )


@pytest.fixture
def kz_network(kazakhstan: Country) -> Organisation:
    return make_org(
        "National Volunteer Network", kazakhstan, kind=OrganisationKind.NATIONAL_NETWORK
    )


@pytest.fixture
def ru_coordinator(ru_network: Organisation, russia: Country) -> User:
    return make_member(
        "coordinator.ru@example.org", russia, ru_network, MembershipRole.COORDINATOR, "Irina"
    )


@pytest.fixture
def kz_coordinator(kz_network: Organisation, kazakhstan: Country) -> User:
    return make_member(
        "coordinator.kz@example.org", kazakhstan, kz_network, MembershipRole.COORDINATOR, "Aigerim"
    )


@pytest.fixture
def org(kazakhstan: Country, kz_network: Organisation) -> Organisation:
    return make_org("Astana Volunteer Centre", kazakhstan, parent=kz_network)


@pytest.fixture
def org_admin(org: Organisation, kazakhstan: Country) -> User:
    return make_member("admin@example.org", kazakhstan, org, MembershipRole.ADMIN, "Dana")


@pytest.fixture
def org_member(org: Organisation, kazakhstan: Country) -> User:
    return make_member("member@example.org", kazakhstan, org, MembershipRole.MEMBER, "Arman")


@pytest.fixture
def volunteer(kazakhstan: Country) -> User:
    return make_user("volunteer@example.org", kazakhstan, given_name="Aliya")


@pytest.fixture
def outsider(russia: Country) -> User:
    return make_user("outsider@example.org", russia, given_name="Oleg")


@pytest.fixture
def secretariat(russia: Country) -> User:
    return make_user("secretariat@example.org", russia, is_secretariat=True)


@pytest.fixture
def mailbox() -> list[Any]:
    mail.outbox.clear()
    return mail.outbox
