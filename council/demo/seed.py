"""`seed_demo` without arguments: the demo personas, their organisations and the places they
are in, then (in seed_projects.py) the volunteers' profiles, the projects with their
opportunities and shifts, and some applications. Idempotent: people are keyed on email,
organisations on their English name and country, places on their natural codes, projects on
owner and English title, so running it again creates nothing new.

The bootstrap here (places, people, their addresses, organisations and memberships) writes rows
directly: it sets what no service sets back (`--reset` restores names, statuses and roles a
demo changed; every persona shares one password hash, since hashing is slow on purpose).
Everything after it — consents, profiles, projects, applications, hours, forums, the council —
goes through the apps' services, acting as the persona who would do it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose, User
from council.accounts.services import consent_give
from council.demo.catalogue import (
    CITIES,
    COUNTRIES,
    ORGANISATIONS,
    REGIONS,
    OrganisationSpec,
    RegionSpec,
)
from council.demo.people import persona_admin
from council.demo.personas import DEMO_PASSWORD, PERSONAS, Persona
from council.demo.seed_council import ensure_council
from council.demo.seed_forums import ensure_forums
from council.demo.seed_hours import ensure_past_work, ensure_wage_rates
from council.demo.seed_news import ensure_news
from council.demo.seed_projects import (
    ensure_applications,
    ensure_profiles,
    ensure_projects,
    ensure_reference,
    ensure_team_sign_up,
)
from council.demo.seed_reports import ensure_exchange_rates, ensure_report_history
from council.lib.forms import translated_fields
from council.lib.translit import search_key
from council.orgs.models import (
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.reference.models import City, Country, Region

# Organisations that no national network verifies: the networks themselves, the ministry and
# the UN agency are verified by the council secretariat.
SECRETARIAT_VERIFIED = (
    OrganisationKind.NATIONAL_NETWORK,
    OrganisationKind.GOVERNMENT,
    OrganisationKind.INTERNATIONAL,
)


def seed_demo(*, reset: bool = False) -> Counter[str]:
    """Create what is missing. With `reset`, also put back what a demo changed: persona names,
    languages, flags and passwords, organisation texts and statuses, membership roles and the
    volunteers' profiles. Demo applications send no mail (the addresses are not real)."""
    created: Counter[str] = Counter()
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with quiet, transaction.atomic():
        ensure_reference(created)
        cities = ensure_places(created)
        password = make_password(DEMO_PASSWORD)
        users = {p.email: _ensure_user(p, password, reset, created) for p in PERSONAS}
        organisations = _ensure_organisations(cities, users, reset, created)
        _ensure_memberships(organisations, users, reset, created)
        live = set(
            Consent.objects.filter(
                user__in=users.values(),
                purpose=ConsentPurpose.PROCESSING,
                withdrawn_at__isnull=True,
            ).values_list("user_id", flat=True)
        )
        for user in users.values():
            if user.pk not in live:
                consent_give(user=user, purpose=ConsentPurpose.PROCESSING)
                created["consents"] += 1
        ensure_profiles(users, cities, reset, created)
        opportunities = ensure_projects(organisations, cities, users, created)
        ensure_applications(opportunities, users, created)
        ensure_team_sign_up(opportunities)
        ensure_wage_rates(created)
        ensure_past_work(created)
        ensure_forums(organisations, cities, created)
        secretariat = next(users[p.email] for p in PERSONAS if p.is_secretariat)
        council = ensure_council(organisations, secretariat, created)
        ensure_news(organisations, council, secretariat, created)
        ensure_exchange_rates(created)
        ensure_report_history(created)
    return created


def ensure_places(created: Counter[str]) -> dict[str, City]:
    """The demo's countries, regions and cities. Rows that `load_reference` already made are
    used as they are (a city found by its GeoNames id keeps its own region); only missing ones
    are created, so the demo also works on a database without reference data."""
    countries: dict[str, Country] = {}
    for country_spec in COUNTRIES:
        country, made = Country.objects.get_or_create(
            code=country_spec.code,
            defaults={
                "code3": country_spec.code3,
                "numeric": country_spec.numeric,
                "name_ru": country_spec.name_ru,
                "name_kk": country_spec.name_kk,
                "name_en": country_spec.name_en,
                "is_council_member": True,
            },
        )
        countries[country_spec.code] = country
        created["countries"] += made
    region_specs = {region_spec.code: region_spec for region_spec in REGIONS}
    existing = City.objects.select_related("country").in_bulk(
        [spec.geonames_id for spec in CITIES], field_name="geonames_id"
    )
    cities: dict[str, City] = {}
    for spec in CITIES:
        city = existing.get(spec.geonames_id)
        if city is None:
            region = _ensure_region(region_specs[spec.region], countries, created)
            city = City.objects.create(
                geonames_id=spec.geonames_id,
                country=countries[spec.country],
                region=region,
                name_ru=spec.name_ru,
                name_kk=spec.name_kk,
                name_en=spec.name_en,
                latitude=spec.latitude,
                longitude=spec.longitude,
                population=spec.population,
                timezone=spec.timezone,
            )
            created["cities"] += 1
        cities[spec.key] = city
    return cities


def _ensure_region(
    spec: RegionSpec, countries: dict[str, Country], created: Counter[str]
) -> Region:
    region = (
        Region.objects.filter(code=spec.code).first()
        or Region.objects.filter(country_id=spec.country, name_en__iexact=spec.name_en).first()
    )
    if region is None:
        region = Region.objects.create(
            code=spec.code,
            country=countries[spec.country],
            name_ru=spec.name_ru,
            name_kk=spec.name_kk,
            name_en=spec.name_en,
        )
        created["regions"] += 1
    return region


def _persona_fields(persona: Persona) -> dict[str, Any]:
    return {
        "given_name": persona.given_name,
        "family_name": persona.family_name,
        "given_name_latin": persona.given_name_latin,
        "family_name_latin": persona.family_name_latin,
        "name_search": search_key(
            persona.given_name,
            persona.family_name,
            persona.given_name_latin,
            persona.family_name_latin,
        ),
        "preferred_language": persona.language,
        "home_country_id": persona.country,
        "is_secretariat": persona.is_secretariat,
        "is_staff": persona.is_superuser,
        "is_superuser": persona.is_superuser,
        "is_active": True,
    }


def _ensure_user(persona: Persona, password: str, reset: bool, created: Counter[str]) -> User:
    fields = _persona_fields(persona)
    user = User.objects.filter(email=persona.email).first()
    if user is None:
        user = User.objects.create(email=persona.email, password=password, **fields)
        created["users"] += 1
    elif reset:
        for name, value in fields.items():
            setattr(user, name, value)
        # One hash for every persona: hashing is deliberately slow, and these share a password.
        user.password = password
        user.save()
    address = EmailAddress.objects.filter(user=user, email__iexact=persona.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=persona.email, verified=True, primary=True)
        created["email addresses"] += 1
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user


def _verifier_of(spec: OrganisationSpec, users: dict[str, User]) -> User:
    if spec.kind in SECRETARIAT_VERIFIED:
        email = "secretariat@council.example"
    else:
        email = f"coordinator.{spec.country.lower()}@council.example"
    return users[email]


def _organisation_fields(
    spec: OrganisationSpec,
    cities: dict[str, City],
    organisations: dict[str, Organisation],
    users: dict[str, User],
) -> dict[str, Any]:
    city = cities[spec.city]
    verified = spec.status == OrganisationStatus.VERIFIED
    return {
        "kind": spec.kind,
        **{column: getattr(spec, column) for column in translated_fields("name", "description")},
        "country_id": spec.country,
        "region_id": city.region_id,
        "city": city,
        "parent": organisations[spec.parent] if spec.parent else None,
        "website": spec.website,
        "email": spec.email,
        "status": spec.status,
        "rejection_reason": "",
        "verified_at": timezone.now() if verified else None,
        "verified_by": _verifier_of(spec, users) if verified else None,
        "created_by": persona_admin(spec.key, users),
    }


def _ensure_organisations(
    cities: dict[str, City], users: dict[str, User], reset: bool, created: Counter[str]
) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    # Parents come first in the catalogue, so `parent` is always already resolved.
    for spec in ORGANISATIONS:
        fields = _organisation_fields(spec, cities, organisations, users)
        organisation = Organisation.objects.filter(
            country_id=spec.country, name_en=spec.name_en
        ).first()
        if organisation is None:
            organisation = Organisation.objects.create(**fields)
            created["organisations"] += 1
        elif reset:
            for name, value in fields.items():
                setattr(organisation, name, value)
            organisation.save()
        organisations[spec.key] = organisation
    return organisations


def _ensure_memberships(
    organisations: dict[str, Organisation],
    users: dict[str, User],
    reset: bool,
    created: Counter[str],
) -> None:
    for persona in PERSONAS:
        user = users[persona.email]
        for key, role in persona.memberships:
            membership, made = Membership.objects.get_or_create(
                organisation=organisations[key], user=user, defaults={"role": role}
            )
            created["memberships"] += made
            if reset and membership.role != role:
                membership.role = role
                membership.save(update_fields=["role"])
