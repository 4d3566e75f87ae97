"""`federation_seed --country RU|KZ`: one national node's own demo data (data/federation.json).

From the two seed news items: Russia's Association of Volunteer Centres and Kazakhstan's
National Volunteer Network founded the council at the Forum of Youth Leaders in Omsk, run the
"Volunteers of the World" programme and send delegations to each other's forums; Kazakhstan's
ministry extended its partnership with UN Volunteers and proposed an International Year of
Volunteers. So each node gets its national network, one organisation under it, a published
project with an opportunity of instant confirmation — a shift starting shortly (to check in
during a demo) and a shift two weeks ahead with `seats` places (the rush) — a forum with a
quota for each country and an open one, the node's secretariat, an organiser, and volunteers
with names in both scripts, a date of birth, languages and both consents (processing and
cross-border).

Everything after the people goes through the services, acting as the person who would do it,
so the rows are audited (and published in the node's feed) like real ones. Idempotent: people
are keyed on email, the organisations on country and English name, the project and forum on
their owner and English title; running it again with more `volunteers` adds the missing ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from council.accounts.models import ConsentPurpose, User
from council.accounts.services import consent_give, has_live_consent
from council.demo import names
from council.demo.catalogue import ORGANISATIONS, OrganisationSpec
from council.demo.datafiles import values
from council.demo.personas import DEMO_PASSWORD
from council.demo.seed import ensure_places
from council.demo.seed_projects import ensure_reference
from council.forums.models import Forum, QuotaKind
from council.forums.services.forums import forum_create, forum_publish, quota_add
from council.lib.forms import translated_values
from council.lib.translit import search_key, to_latin
from council.orgs.models import Organisation, OrganisationStatus
from council.orgs.services import organisation_register, organisation_verify
from council.projects.models import ApplicationMode, Opportunity, Project, Shift
from council.projects.services.opportunities import opportunity_create
from council.projects.services.projects import project_create, project_publish
from council.projects.services.shifts import local_datetime, shift_create
from council.reference.models import Cause, City, Country, Language, SdgTarget, Skill
from council.volunteers.models import VolunteerProfile
from council.volunteers.services import volunteer_profile_update

NODES: dict[str, dict[str, Any]] = {node["country"]: node for node in values("federation", "NODES")}
COUNTRIES = tuple(NODES)
# The shift of the demo walk-through starts this soon after seeding and lasts this long: the
# organiser checks people in while it runs.
SOON = timedelta(minutes=20)
SOON_HOURS = 4
SOON_SEATS = 10
# The rush's shift: this many days ahead, 09:00–15:00 local time.
AHEAD_DAYS = 14


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    name: str


@dataclass
class Seeded:
    country: str
    logins: list[Login]
    created: Counter[str]
    project: Project
    opportunity: Opportunity
    soon: Shift
    ahead: Shift
    forum: Forum


def email_of(node_id: str, role: str) -> str:
    return f"{role}@{node_id}.node.example"


def volunteer_email(node_id: str, number: int) -> str:
    return email_of(node_id, f"volunteer{number:03d}")


def seed_node(*, country: str, volunteers: int = 10, seats: int = 50) -> Seeded:
    """Create what is missing of the node's demo data (see the module's docstring)."""
    node = NODES[country]
    created: Counter[str] = Counter()
    with transaction.atomic():
        ensure_reference(created)
        cities = ensure_places(created)
        password = make_password(DEMO_PASSWORD)
        node_id = node["node_id"]
        home = Country.objects.get(code=country)
        secretariat = _person(
            email_of(node_id, "secretariat"), node["secretariat"], node, home, password, created
        )
        if not secretariat.is_secretariat:
            secretariat.is_secretariat = True
            secretariat.save(update_fields=["is_secretariat"])
        organiser = _person(
            email_of(node_id, "organiser"), node["organiser"], node, home, password, created
        )
        network = _organisation(_spec(node["network"]), secretariat, secretariat, None, cities)
        organisation = _organisation(
            _spec(node["organisation"]), organiser, secretariat, network, cities
        )
        project, opportunity, soon, ahead = _project(node, organisation, organiser, cities, seats)
        forum = _forum(node, network, secretariat, cities, created)
        people = _volunteers(node, home, cities[node["city"]], volunteers, password, created)
    logins = [
        Login("node secretariat", secretariat.email, secretariat.display_name),
        Login("organiser", organiser.email, organiser.display_name),
        *(Login("volunteer", person.email, person.display_name) for person in people),
    ]
    return Seeded(country, logins, created, project, opportunity, soon, ahead, forum)


def _spec(key: str) -> OrganisationSpec:
    return next(spec for spec in ORGANISATIONS if spec.key == key)


def _person(
    email: str,
    name: list[str] | tuple[str, ...],
    node: dict[str, Any],
    home: Country,
    password: str,
    created: Counter[str],
) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        given, family, given_latin, family_latin = name
        user = User.objects.create(
            email=email,
            password=password,
            given_name=given,
            family_name=family,
            given_name_latin=given_latin,
            family_name_latin=family_latin,
            name_search=search_key(given, family, given_latin, family_latin),
            preferred_language=node["language"],
            home_country=home,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        created["people"] += 1
    for purpose in (ConsentPurpose.PROCESSING, ConsentPurpose.CROSS_BORDER):
        if not has_live_consent(user=user, purpose=purpose):
            consent_give(user=user, purpose=purpose)
            created["consents"] += 1
    return user


def _organisation(
    spec: OrganisationSpec,
    registrant: User,
    verifier: User,
    parent: Organisation | None,
    cities: dict[str, City],
) -> Organisation:
    """Registered by its first admin, verified by the node's secretariat."""
    found = Organisation.objects.filter(
        country_id=spec.country, name_en=spec.name_en, origin_node=""
    ).first()
    if found is not None:
        return found
    city = cities[spec.city]
    organisation = organisation_register(
        actor=registrant,
        kind=spec.kind,
        name_ru=spec.name_ru,
        name_kk=spec.name_kk,
        name_en=spec.name_en,
        description_ru=spec.description_ru,
        description_kk=spec.description_kk,
        description_en=spec.description_en,
        country=city.country,
        region=city.region,
        city=city,
        parent=parent,
        website=spec.website,
        email=spec.email,
    )
    if spec.status == OrganisationStatus.VERIFIED:
        organisation = organisation_verify(actor=verifier, organisation=organisation)
    return organisation


def _project(
    node: dict[str, Any],
    owner: Organisation,
    organiser: User,
    cities: dict[str, City],
    seats: int,
) -> tuple[Project, Opportunity, Shift, Shift]:
    spec, role = node["project"], node["opportunity"]
    today = timezone.localdate()
    project = Project.objects.filter(owner=owner, title_en=spec["title"][2]).first()
    if project is None:
        project = project_create(
            actor=organiser,
            owner=owner,
            causes=list(Cause.objects.filter(slug__in=spec["causes"])),
            sdg_targets=list(SdgTarget.objects.filter(code__in=spec["sdg_targets"])),
            start_date=today - timedelta(days=7),
            end_date=today + timedelta(days=90),
            **translated_values(title=spec["title"], description=spec["description"]),
        )
    opportunity = project.opportunities.filter(title_en=role["title"][2]).first()
    if opportunity is None:
        opportunity = opportunity_create(
            actor=organiser,
            project=project,
            skills=list(Skill.objects.filter(slug__in=role["skills"])),
            languages=[(Language.objects.get(code=node["language"]), "B1")],
            is_online=False,
            city=cities[node["city"]],
            application_mode=ApplicationMode.INSTANT,
            **translated_values(title=role["title"], description=role["description"]),
        )
    now = timezone.now()
    soon = opportunity.shifts.filter(end__gt=now, start__lt=now + timedelta(days=1)).first()
    if soon is None:
        start = (now + SOON).replace(second=0, microsecond=0)
        soon = shift_create(
            actor=organiser,
            opportunity=opportunity,
            start=start,
            end=start + timedelta(hours=SOON_HOURS),
            capacity=SOON_SEATS,
        )
    ahead = opportunity.shifts.filter(start__gt=now + timedelta(days=2)).order_by("start").first()
    if ahead is None:
        day = today + timedelta(days=AHEAD_DAYS)
        start = local_datetime(day, time(9, 0), opportunity.timezone or "UTC")
        ahead = shift_create(
            actor=organiser,
            opportunity=opportunity,
            start=start,
            end=start + timedelta(hours=6),
            capacity=seats,
        )
    if project.status != "published":
        project = project_publish(actor=organiser, project=project)
    return project, opportunity, soon, ahead


def _forum(
    node: dict[str, Any],
    network: Organisation,
    secretariat: User,
    cities: dict[str, City],
    created: Counter[str],
) -> Forum:
    spec = node["forum"]
    forum = Forum.objects.filter(host=network, title_en=spec["title"][2]).first()
    if forum is not None:
        return forum
    starts = timezone.localdate() + timedelta(days=60)
    closes = datetime.combine(starts - timedelta(days=7), datetime.min.time(), UTC)
    forum = forum_create(
        actor=secretariat,
        host=network,
        city=cities[spec["city"]],
        **translated_values(title=spec["title"], venue=spec["venue"]),
        starts_on=starts,
        ends_on=starts + timedelta(days=3),
        capacity=spec["capacity"],
        registration_opens=timezone.now() - timedelta(days=1),
        registration_closes=closes,
        substitution_deadline=closes,
    )
    for quota in spec["quotas"]:
        country = Country.objects.get(code=quota["country"]) if quota["country"] else None
        quota_add(
            actor=secretariat,
            forum=forum,
            kind=QuotaKind.COUNTRY if country else QuotaKind.OPEN,
            country=country,
            organisation=network if country and country.code == network.country_id else None,
            size=quota["size"],
            **translated_values(name=quota["name"]),
        )
    created["forums"] += 1
    return forum_publish(actor=secretariat, forum=forum)


def volunteer_name(country: str, number: int) -> tuple[str, str, str, str]:
    """Given and family name in Cyrillic and in Latin, from the demo's name lists: women and
    men in turn, Kazakh names on the Kazakh node, Russian ones on the Russian node."""
    female = number % 2 == 1
    if country == "KZ":
        givens, families = (names.KZ_FEMALE if female else names.KZ_MALE), names.KZ_FAMILY
    else:
        givens, families = (names.RU_FEMALE if female else names.RU_MALE), names.RU_FAMILY
    given = givens[(number * 7) % len(givens)]
    family = families[(number * 13) % len(families)]
    if female:
        family = names.feminine(family)
    return given, family, to_latin(given), to_latin(family)


def _volunteers(
    node: dict[str, Any],
    home: Country,
    city: City,
    count: int,
    password: str,
    created: Counter[str],
) -> list[User]:
    today = timezone.localdate()
    languages = [tuple(pair) for pair in node["languages"]]
    skills = list(Skill.objects.filter(slug__in=node["opportunity"]["skills"]))
    people = []
    for number in range(1, count + 1):
        email = volunteer_email(node["node_id"], number)
        person = _person(
            email, volunteer_name(node["country"], number), node, home, password, created
        )
        if not VolunteerProfile.objects.filter(user=person, date_of_birth__isnull=False).exists():
            # Ages 18 to 48, birthdays spread over the year.
            born = date(today.year - 19 - number % 30, 1, 1) + timedelta(days=number * 37 % 365)
            volunteer_profile_update(
                user=person,
                actor=person,
                date_of_birth=born,
                city=city,
                languages=languages,
                skills=skills,
            )
            created["volunteer profiles"] += 1
        people.append(person)
    return people
