"""`seed_demo`, fourth part: the forums of the seed news — the International Volunteer Forum
in Sochi, the international forums of mentor ("silver") and of medical volunteers, the forum of
youth leaders of Russia and Kazakhstan in Omsk, and a Year of the Volunteer forum in Astana —
each with quotas for the two countries' delegations and, where it has one, an open quota.

Idempotent: a forum is keyed on its host and English title.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError

from council.accounts.models import User
from council.demo.datafiles import table
from council.demo.people import demo_volunteers, organiser_of
from council.forums.models import Forum, QuestionKind, QuotaKind
from council.forums.services.delegations import (
    delegation_create,
    member_decide,
    member_invite,
    member_respond,
)
from council.forums.services.forums import forum_create, forum_publish, question_add, quota_add
from council.lib.forms import translated_values
from council.orgs.models import MembershipRole, Organisation
from council.projects.models import Project
from council.reference.models import City


@dataclass(frozen=True)
class ForumSpec:
    host: str  # organisation key in catalogue.ORGANISATIONS
    city: str  # city key in catalogue.CITIES
    title: tuple[str, str, str]  # ru, kk, en
    venue: tuple[str, str, str]  # ru, kk, en
    starts: date
    days: int
    capacity: int
    russia: int
    kazakhstan: int
    open_seats: int | None  # None: no individual registration
    volunteer_team: str = ""  # English title of the host's demo project that staffs the forum


def _forum(starts: str, **cells: Any) -> ForumSpec:
    return ForumSpec(starts=date.fromisoformat(starts), **cells)


# The rows: council/demo/data/forums.json.
FORUMS = table("forums", "FORUMS", _forum)


def ensure_forums(
    organisations: dict[str, Organisation], cities: dict[str, City], created: Counter[str]
) -> None:
    russia = organisations["avc"]
    kazakhstan = organisations["nvn"]
    for spec in FORUMS:
        host = organisations[spec.host]
        forum = Forum.objects.filter(host=host, title_en=spec.title[2]).first()
        if forum is None:
            admin = organiser_of(host.pk, MembershipRole.ADMIN)
            if admin is None:
                continue
            forum = _create_forum(spec, host, cities[spec.city], admin, [russia, kazakhstan])
            created["forums"] += 1
        _link_volunteer_team(forum, spec, created)
        _ensure_delegations(forum, created)


def _create_forum(
    spec: ForumSpec, host: Organisation, city: City, admin: User, networks: list[Organisation]
) -> Forum:
    """The forum as its host's admin sets it up: the forum, a quota per country (and an open
    one with a question about meals where individuals register), then published."""
    closes = datetime.combine(spec.starts - timedelta(days=7), datetime.min.time(), UTC)
    forum = forum_create(
        actor=admin,
        host=host,
        city=city,
        **translated_values(title=spec.title, venue=spec.venue),
        starts_on=spec.starts,
        ends_on=spec.starts + timedelta(days=spec.days - 1),
        capacity=spec.capacity,
        registration_opens=datetime(2026, 10, 1, tzinfo=UTC),
        registration_closes=closes,
        substitution_deadline=closes,
        co_hosts=networks,
    )
    sizes = (spec.russia, spec.kazakhstan)
    for network, names, size in zip(networks, COUNTRY_QUOTAS, sizes, strict=True):
        quota_add(
            actor=admin,
            forum=forum,
            kind=QuotaKind.COUNTRY,
            **translated_values(name=names),
            country=network.country,
            organisation=network,
            size=size,
        )
    if spec.open_seats is not None:
        quota_add(
            actor=admin,
            forum=forum,
            kind=QuotaKind.OPEN,
            **translated_values(name=OPEN_QUOTA),
            size=spec.open_seats,
        )
        question_add(
            actor=admin,
            forum=forum,
            kind=QuestionKind.CHOICE,
            required=True,
            **translated_values(text=MEALS, choices=MEAL_CHOICES),
        )
    return forum_publish(actor=admin, forum=forum)


COUNTRY_QUOTAS = (("Россия", "Ресей", "Russia"), ("Казахстан", "Қазақстан", "Kazakhstan"))
OPEN_QUOTA = ("Индивидуальная регистрация", "Жеке тіркеу", "Individual registration")
MEALS = ("Питание", "Тамақтану", "Meals")
MEAL_CHOICES = (
    "Обычное\nВегетарианское\nХаляль",
    "Әдеттегі\nВегетариандық\nХалал",
    "Standard\nVegetarian\nHalal",
)


def _link_volunteer_team(forum: Forum, spec: ForumSpec, created: Counter[str]) -> None:
    """The forum's volunteer roles are the opportunities of the host's demo project."""
    if not spec.volunteer_team or forum.volunteer_project_id is not None:
        return
    project = Project.objects.filter(owner=forum.host, title_en=spec.volunteer_team).first()
    if project is not None:
        forum.volunteer_project = project
        forum.save(update_fields=["volunteer_project"])
        created["forum volunteer teams"] += 1


# Each delegation's first volunteer is confirmed by the host, the second has accepted and
# waits for the host, the third is invited.
DELEGATES_PER_COUNTRY = 3


def _ensure_delegations(forum: Forum, created: Counter[str]) -> None:
    """The two national networks' delegations, formed by their coordinators from the demo's
    volunteers of each country."""
    if forum.delegations.exists():
        return
    host_admin = organiser_of(forum.host_id, MembershipRole.ADMIN)
    volunteers = list(demo_volunteers())
    for quota in forum.quotas.filter(kind=QuotaKind.COUNTRY).order_by("pk"):
        head = organiser_of(quota.organisation_id, MembershipRole.COORDINATOR)
        if head is None or host_admin is None:
            continue
        delegation = delegation_create(actor=head, quota=quota, head=head)
        created["delegations"] += 1
        countrymen = [user for user in volunteers if user.home_country_id == quota.country_id]
        for number, person in enumerate(countrymen[:DELEGATES_PER_COUNTRY]):
            try:
                member = member_invite(actor=head, delegation=delegation, person=person)
                if number < 2:
                    member = member_respond(
                        person=person, member=member, accept=True, cross_border_consent=True
                    )
                if number == 0:
                    member_decide(actor=host_admin, member=member, approve=True)
            except ValidationError:
                continue  # a minor without a guardian's consent, say
            created["delegation members"] += 1
