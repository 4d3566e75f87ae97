"""`seed_demo --scale N`, second part: volunteer profiles, projects, opportunities, shifts and
applications in the proportions of a national platform.

Per million volunteers: 300,000 volunteer profiles (30 %), 40,000 projects (two per
organisation), 200,000 opportunities (the two projects of an organisation share ten), about
1,020,000 shifts (1–10 per opportunity; an online opportunity may have none and one overall
capacity instead) and about 5,000,000 applications (up to 13 wanted per shift, about 5 on
average once ineligible and duplicate picks are dropped; 10–40 per opportunity without shifts).
Measured at --scale 1000000: 299k profiles, 1,044k shifts, 5,123k applications.

Like the people, everything is a pure function of (seed, index): project j belongs to
organisation ⌈j/2⌉, its opportunities, shifts and applications hang off j, and applicants are
drawn from that organisation's 50 volunteers (60 %) or from all volunteers up to its block
(40 %). A run writes the projects that are missing, each with everything under it, so `--scale
N` twice writes nothing new and `--scale 2N` adds the second half. Profiles are written for the
profile holders among 1..N that have none, so volunteers made by an older version get theirs.

Invariants that hold as they would through the services:

- the denormalised search fields of an opportunity (country, region, coordinates, time zone,
  is_published, first_start/last_end) are what `opportunity_refresh` would
  write, and the full-text index gets every new opportunity;
- an onsite opportunity is in a city of the owner's or a partner's country; a project's
  `countries` are its organisations' countries;
- per shift (or per opportunity without shifts): confirmed ≤ capacity, a waiting list only when
  the shift is full, and no volunteer twice (so at most one live application per volunteer and
  shift);
- applicants have a profile and are eligible: old enough on the day of the shift, adults for
  restricted work, a medical qualification where required, and minors have a guardian's
  consent; they applied after they joined and after the opportunity was created, before the
  shift started and not after today;
- only published and completed projects have applications; pending and rejected
  organisations have draft projects only.

Not kept, for speed: one volunteer's confirmed shifts may overlap in time (the service refuses
that); applications and decisions write no audit events and send no mail; scale volunteers who
apply are only the 30 % with a profile (the service would create an empty profile on applying).

The full-text index is written set-based per chunk: the search keys are computed in Python like
`search_backend.opportunity_document` (cached per repeated sentence, which is what makes 200k
opportunities take seconds instead of minutes) and stored with `search_backend.store_documents`
when that exists, else with the same SQL as `store_document` (COPY into a temporary table, then
one INSERT … SELECT on PostgreSQL; executemany on SQLite).
"""

from __future__ import annotations

import time as clock
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import QuerySet

from council.accounts.consents import current_version
from council.accounts.models import Consent, ConsentPurpose, User
from council.demo import names, words
from council.demo.bulk import Sink, Table, mix
from council.demo.scale import (
    DOMAIN,
    VOLUNTEERS_PER_ORGANISATION,
    Generator,
    Places,
    ScaleError,
    _places,
    organisation_email,
)
from council.lib.stemming import document_keys
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.projects.models import (
    Application,
    ApplicationMode,
    ApplicationStatus,
    Opportunity,
    OpportunityLanguage,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.search_backend import classification_keys, store_documents
from council.projects.services.index import ended_by
from council.reference.models import Cause, City, Language, SdgGoal, SdgTarget, Skill
from council.volunteers.models import ADULT_AGE, Availability, LanguageSkill, VolunteerProfile

PROFILE_PERCENT = 30
PROJECTS_PER_ORGANISATION = 2
OPPORTUNITIES_PER_ORGANISATION = 10
MAX_SHIFTS = 10
BLOCK_PERCENT = 60  # applicants from the organisation's own 50 volunteers
# Project start days, relative to today: the last 18 months and the next four.
FIRST_START_DAY = -540
LAST_START_DAY = 120

# Hash streams (the people use 1 and 2).
S_PROFILE, S_PROFILE_MORE, S_PROJECT, S_PROJECT_MORE, S_PAIR = 10, 11, 20, 21, 22
S_PROFILE_EVEN_MORE, S_CITY = 12, 13
S_OPPORTUNITY, S_OPPORTUNITY_MORE, S_SHIFT, S_PICK, S_APPLICATION = 30, 31, 40, 50, 51

LANGUAGES = ("ru", "kk", "en")
KEY_SLOTS = 16  # shifts per opportunity key (≤ MAX_SHIFTS, plus the shiftless pool)
SHIFTLESS_POOL = 15
PICK_SLOTS = 512  # application attempts per pool key


# --- Reference data --------------------------------------------------------------------------


@dataclass(frozen=True)
class CityInfo:
    pk: int
    country: str
    region_id: int | None
    latitude: float
    longitude: float
    timezone: str
    names: tuple[str, str, str]


@dataclass(frozen=True)
class Reference:
    skills: dict[str, int]
    causes: dict[str, int]
    targets: dict[str, int]
    goals: tuple[int, ...]
    languages: frozenset[str]
    cities: dict[int, CityInfo]
    places: dict[str, Places]
    # (ru, kk, en) names as stored, for the search documents: ("cause" | "goal" | "skill" |
    # "city", pk) → names; and the goal of each SDG target.
    names: dict[tuple[str, int], tuple[str, str, str]]
    target_goals: dict[int, int]

    @classmethod
    def load(cls) -> Reference:
        skills = dict(Skill.objects.values_list("slug", "pk"))
        causes = dict(Cause.objects.values_list("slug", "pk"))
        targets = dict(SdgTarget.objects.values_list("code", "pk"))
        languages = frozenset(Language.objects.values_list("code", flat=True))
        if not (skills and causes and targets) or not {"ru", "kk", "en"} <= languages:
            raise ScaleError(
                "Skills, causes, SDG targets or languages are missing: run "
                "`manage.py load_reference` first."
            )
        cities = {
            row["pk"]: CityInfo(
                row["pk"],
                row["country_id"],
                row["region_id"],
                row["latitude"],
                row["longitude"],
                row["timezone"],
                (
                    row["name_ru"] or row["name_en"] or "",
                    row["name_kk"] or row["name_ru"] or "",
                    row["name_en"] or row["name_ru"] or "",
                ),
            )
            for row in City.objects.filter(country_id__in=("RU", "KZ")).values(
                "pk",
                "country_id",
                "region_id",
                "latitude",
                "longitude",
                "timezone",
                "name_ru",
                "name_kk",
                "name_en",
            )
        }
        names: dict[tuple[str, int], tuple[str, str, str]] = {}
        named: tuple[tuple[str, QuerySet[Any], str], ...] = (
            ("cause", Cause.objects.all(), "name"),
            ("goal", SdgGoal.objects.all(), "short_name"),
            ("skill", Skill.objects.all(), "name"),
            ("city", City.objects.filter(pk__in=cities), "name"),
        )
        for kind, rows, column in named:
            for pk, ru, kk, en in rows.values_list(
                "pk", f"{column}_ru", f"{column}_kk", f"{column}_en"
            ):
                names[(kind, pk)] = (ru or "", kk or "", en or "")
        return cls(
            skills=skills,
            causes=causes,
            targets=targets,
            goals=tuple(SdgGoal.objects.order_by("pk").values_list("pk", flat=True)),
            languages=languages,
            cities=cities,
            places={country: _places(country) for country in ("RU", "KZ")},
            names=names,
            target_goals=dict(SdgTarget.objects.values_list("pk", "goal_id")),
        )


# --- Tables ----------------------------------------------------------------------------------

PROFILE_FIELDS = (
    "user_id",
    "date_of_birth",
    "city_id",
    "availability",
    "medical_qualification",
    "bio",
    "bio_ru",
    "bio_kk",
    "bio_en",
    "discoverable",
    "guardian_name",
    "guardian_contact",
)
PROJECT_FIELDS = (
    "id",
    "owner_id",
    "title",
    "title_ru",
    "title_kk",
    "title_en",
    "description",
    "description_ru",
    "description_kk",
    "description_en",
    "start_date",
    "end_date",
    "status",
    "is_flagship",
    "countries",
    "created_by_id",
    "created_at",
)
OPPORTUNITY_FIELDS = (
    "id",
    "project_id",
    "title",
    "title_ru",
    "title_kk",
    "title_en",
    "description",
    "description_ru",
    "description_kk",
    "description_en",
    "min_age",
    "medical_required",
    "restricted_category",
    "is_online",
    "city_id",
    "address",
    "latitude",
    "longitude",
    "timezone",
    "application_mode",
    "capacity",
    "country_id",
    "region_id",
    "is_published",
    "first_start",
    "last_end",
    "has_ended",
    "created_at",
)
SHIFT_FIELDS = ("id", "opportunity_id", "start", "end", "capacity")
APPLICATION_FIELDS = (
    "volunteer_id",
    "opportunity_id",
    "shift_id",
    "status",
    "reason",
    "created_at",
    "decided_at",
    "decided_by_id",
)


def _through(model: Any, name: str) -> Table:
    through = model._meta.get_field(name).remote_field.through
    fields = [f.attname for f in through._meta.concrete_fields if not f.primary_key]
    return Table(through, fields)


@dataclass(frozen=True)
class ActivityTables:
    profile: Table
    profile_skills: Table
    profile_causes: Table
    profile_goals: Table
    language_skill: Table
    consent: Table
    project: Table
    project_partners: Table
    project_causes: Table
    project_targets: Table
    opportunity: Table
    opportunity_skills: Table
    opportunity_language: Table
    shift: Table
    application: Table

    @classmethod
    def build(cls) -> ActivityTables:
        return cls(
            profile=Table(VolunteerProfile, PROFILE_FIELDS),
            profile_skills=_through(VolunteerProfile, "skills"),
            profile_causes=_through(VolunteerProfile, "causes"),
            profile_goals=_through(VolunteerProfile, "sdg_goals"),
            language_skill=Table(LanguageSkill, ("profile_id", "language_id", "level")),
            consent=Table(
                Consent, ("user_id", "purpose", "text_version", "given_at", "guardian_name")
            ),
            project=Table(Project, PROJECT_FIELDS),
            project_partners=_through(Project, "partners"),
            project_causes=_through(Project, "causes"),
            project_targets=_through(Project, "sdg_targets"),
            opportunity=Table(Opportunity, OPPORTUNITY_FIELDS),
            opportunity_skills=_through(Opportunity, "skills"),
            opportunity_language=Table(
                OpportunityLanguage, ("opportunity_id", "language_id", "min_level")
            ),
            shift=Table(Shift, SHIFT_FIELDS),
            application=Table(Application, APPLICATION_FIELDS),
        )


# --- Synthetic rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileFacts:
    """What eligibility needs to know about a profile holder."""

    birth: date
    medical: bool


@dataclass(frozen=True)
class OrganisationInfo:
    index: int
    pk: int
    country: str
    city: CityInfo
    status: str
    created_at: datetime
    admin_id: int
    name: tuple[str, str, str]


@dataclass
class SyntheticShift:
    key: int
    start: datetime
    end: datetime
    capacity: int
    pk: int = 0


@dataclass
class SyntheticOpportunity:
    key: int
    theme: words.Theme
    texts: dict[str, str]  # title_ru … description_en
    min_age: int
    medical: bool
    restricted: str
    online: bool
    city: CityInfo | None
    country: str
    address: str
    latitude: float | None
    longitude: float | None
    timezone: str
    mode: str
    capacity: int
    created_at: datetime
    skills: list[int]
    languages: list[tuple[str, str]]
    shifts: list[SyntheticShift] = field(default_factory=list)
    pk: int = 0


@dataclass
class SyntheticProject:
    index: int
    organisation: OrganisationInfo
    texts: dict[str, str]
    start: date
    end: date
    status: str
    flagship: bool
    countries: list[str]
    partners: list[int]
    causes: list[int]
    targets: list[int]
    created_at: datetime
    opportunities: list[SyntheticOpportunity] = field(default_factory=list)
    pk: int = 0


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _keys(text: str, language: str) -> str:
    return document_keys(text, language)


def _joined_keys(parts: Iterable[str], language: str) -> str:
    """The keys of `" ".join(parts)`: document_keys works word by word, so the keys of a text
    are the keys of its parts, and the parts repeat a lot."""
    return " ".join(keys for keys in (_keys(part, language) for part in parts) if keys)


def _pick(draw: int, values: tuple[Any, ...], count: int) -> list[Any]:
    """`count` distinct values, deterministic in `draw`."""
    count = min(count, len(values))
    chosen: list[Any] = []
    step = 0
    while len(chosen) < count:
        value = values[(draw + step * 7919) % len(values)]
        if value not in chosen:
            chosen.append(value)
        step += 1
    return chosen


class ActivityGenerator:
    def __init__(self, people: Generator, reference: Reference) -> None:
        self.people = people
        self.seed = people.seed
        self.anchor = people.anchor
        self.today = people.anchor.date()
        self.reference = reference
        self.guardian_version = current_version(ConsentPurpose.GUARDIAN)
        self.all_skills = tuple(sorted(reference.skills.values()))
        self.all_causes = tuple(sorted(reference.causes.values()))

    # -- profiles --

    def profile_facts(self, index: int) -> ProfileFacts | None:
        h = mix(self.seed, index, S_PROFILE)
        h, holder = divmod(h, 100)
        if holder >= PROFILE_PERCENT:
            return None
        h, band = divmod(h, 100)
        h, years = divmod(h, 64)
        h, days = divmod(h, 365)
        h, medical = divmod(h, 100)
        if band < 6:
            age = 14 + years % 4
        elif band < 88:
            age = 18 + years % 37
        else:
            age = 55 + years % 26
        base = date(self.today.year - age, self.today.month, min(self.today.day, 28))
        birth = base - timedelta(days=days)
        return ProfileFacts(birth=birth, medical=age >= ADULT_AGE and medical < 6)

    def profile(self, index: int, user_id: int) -> dict[str, Any] | None:
        facts = self.profile_facts(index)
        if facts is None:
            return None
        h = mix(self.seed, index, S_PROFILE_MORE)
        h, availability_bits = divmod(h, 16)
        h, discoverable = divmod(h, 100)
        h, bio_draw = divmod(h, 2 * len(words.BIOS))
        h, skill_draw = divmod(h, 1 << 10)
        h, skill_count = divmod(h, 4)
        h, cause_draw = divmod(h, 1 << 8)
        h, cause_count = divmod(h, 3)
        g = mix(self.seed, index, S_PROFILE_EVEN_MORE)
        g, goal_draw = divmod(g, 1 << 8)
        g, goal_count = divmod(g, 3)
        g, language_draw = divmod(g, 100)
        g, level_draw = divmod(g, 100)
        g, phone = divmod(g, 1_000_000_000)
        country = self.people.volunteer_country(index)
        city = self.reference.places[country].pick(mix(self.seed, index, S_CITY))
        availability = [
            value for bit, value in enumerate(Availability.values) if availability_bits & (1 << bit)
        ] or [Availability.WEEKENDS.value]
        bio = ("", "", "")
        if bio_draw < len(words.BIOS):
            ru, kk, en = words.BIOS[bio_draw]
            bio = (ru, kk if country == "KZ" else "", en if level_draw < 20 else "")
        age_today = _age(facts.birth, self.today)
        guardian_name = guardian_contact = ""
        if age_today < ADULT_AGE:
            row = self.people.volunteer(index)
            parents = names.KZ_FEMALE if country == "KZ" else names.RU_FEMALE
            guardian_name = f"{parents[level_draw % len(parents)]} {row[3]}"
            guardian_contact = (
                f"+7 7{phone // 10**7:02d} {phone // 10**4 % 1000:03d} "
                f"{phone // 100 % 100:02d} {phone % 100:02d}"
            )
        languages = _languages(country, language_draw, level_draw)
        return {
            "row": (
                user_id,
                facts.birth,
                city.city_id,
                availability,
                facts.medical,
                bio[0],
                bio[0] or None,
                bio[1] or None,
                bio[2] or None,
                discoverable < 40,
                guardian_name,
                guardian_contact,
            ),
            "skills": _pick(skill_draw, self.all_skills, 1 + skill_count),
            "causes": _pick(cause_draw, self.all_causes, 1 + cause_count),
            "goals": _pick(goal_draw, self.reference.goals, goal_count),
            "languages": [(code, level) for code, level in languages],
            "guardian": (
                self.people.volunteer_joined(index) + timedelta(hours=1),
                guardian_name,
            )
            if guardian_name
            else None,
        }

    # -- projects --

    def project(
        self, index: int, organisation: OrganisationInfo, networks: dict[str, int]
    ) -> SyntheticProject:
        h = mix(self.seed, index, S_PROJECT)
        h, theme_draw = divmod(h, len(words.THEMES))
        h, name_draw = divmod(h, 2)
        h, start_draw = divmod(h, LAST_START_DAY - FIRST_START_DAY + 1)
        h, short_draw = divmod(h, 100)
        h, length_draw = divmod(h, 180)
        h, lead_draw = divmod(h, 54)
        h, status_draw = divmod(h, 100)
        g = mix(self.seed, index, S_PROJECT_MORE)
        g, joint_draw = divmod(g, 100)
        g, _programme_draw = divmod(g, 100)  # kept: the draws after it stay as they were
        g, flagship_draw = divmod(g, 100)
        g, cause_draw = divmod(g, 100)
        g, target_draw = divmod(g, 100)
        g, sentence_draw = divmod(g, 3)
        theme = words.THEMES[theme_draw]
        earliest = organisation.created_at.date() + timedelta(days=1)
        start = max(self.today + timedelta(days=FIRST_START_DAY + start_draw), earliest)
        days = 1 + length_draw % 3 if short_draw < 35 else 14 + length_draw % 167
        end = start + timedelta(days=days - 1)
        if organisation.status != OrganisationStatus.VERIFIED or status_draw < 4:
            status = ProjectStatus.DRAFT
        elif status_draw < 7:
            status = ProjectStatus.CANCELLED
        elif end < self.today and status_draw < 62:
            status = ProjectStatus.COMPLETED
        else:
            status = ProjectStatus.PUBLISHED
        other = "KZ" if organisation.country == "RU" else "RU"
        joint = joint_draw < 3 and other in networks
        partners = [networks[other]] if joint else []
        countries = sorted({organisation.country, *([other] if joint else [])})
        start_at = datetime.combine(start, day_time(9), tzinfo=UTC)
        created = start_at - timedelta(days=7 + lead_draw)
        created = _clamp(
            created,
            organisation.created_at + timedelta(hours=1),
            self.anchor - timedelta(minutes=1),
            organisation.created_at,
        )
        name = theme.projects[name_draw]
        city_names = organisation.city.names
        texts = {}
        for position, code in enumerate(LANGUAGES):
            texts[f"title_{code}"] = f"{name[position]} — {city_names[position]} {start.year}"
            parts = [
                theme.sentences[sentence_draw][position],
                words.PROJECT_SENTENCE[position].format(organisation=organisation.name[position]),
            ]
            if joint:
                parts.append(words.JOINT_SENTENCE[position])
            texts[f"description_{code}"] = " ".join(parts)
        causes = [theme.causes[0]]
        if len(theme.causes) > 1 and cause_draw < 40:
            causes.append(theme.causes[1])
        targets = [theme.targets[0]]
        if len(theme.targets) > 1 and target_draw < 50:
            targets.append(theme.targets[1])
        project = SyntheticProject(
            index=index,
            organisation=organisation,
            texts=texts,
            start=start,
            end=end,
            status=status,
            flagship=flagship_draw == 0 or (joint and flagship_draw < 20),
            countries=countries,
            partners=partners,
            causes=[
                self.reference.causes[slug] for slug in causes if slug in self.reference.causes
            ],
            targets=[self.reference.targets[c] for c in targets if c in self.reference.targets],
            created_at=created,
        )
        pair = (index + 1) // 2
        share = 1 + mix(self.seed, pair, S_PAIR) % (OPPORTUNITIES_PER_ORGANISATION - 1)
        count = share if index % 2 else OPPORTUNITIES_PER_ORGANISATION - share
        for number in range(count):
            project.opportunities.append(self.opportunity(project, theme, number))
        return project

    def opportunity(
        self, project: SyntheticProject, theme: words.Theme, number: int
    ) -> SyntheticOpportunity:
        key = project.index * OPPORTUNITIES_PER_ORGANISATION + number
        h = mix(self.seed, key, S_OPPORTUNITY)
        h, own_theme = divmod(h, 100)
        h, theme_draw = divmod(h, len(words.THEMES))
        h, title_draw = divmod(h, 3)
        h, suffix_draw = divmod(h, 10)
        h, online_draw = divmod(h, 100)
        h, place_draw = divmod(h, 100)
        h, jitter_lat = divmod(h, 1001)
        h, jitter_lon = divmod(h, 1001)
        g = mix(self.seed, key, S_OPPORTUNITY_MORE)
        g, mode_draw = divmod(g, 100)
        g, age_draw = divmod(g, 100)
        g, medical_draw = divmod(g, 100)
        g, shifts_draw = divmod(g, 100)
        g, shift_count = divmod(g, MAX_SHIFTS)
        g, capacity_draw = divmod(g, 46)
        g, language_draw = divmod(g, 100)
        g, skill_draw = divmod(g, 100)
        g, sentence_draw = divmod(g, 6)
        g, street_draw = divmod(g, 5)
        g, house = divmod(g, 120)
        if own_theme >= 80:
            theme = words.THEMES[theme_draw]
        organisation = project.organisation
        online = theme.online and online_draw < 40
        city: CityInfo | None = None
        if not online:
            if place_draw < 75:
                city = organisation.city
            else:
                country = organisation.country
                if len(project.countries) > 1 and place_draw >= 90:
                    country = next(c for c in project.countries if c != country)
                place = self.reference.places[country].pick(mix(self.seed, key, S_CITY))
                city = self.reference.cities.get(place.city_id, organisation.city)
        restricted = theme.restricted if not online or theme.restricted == "emergency" else ""
        min_age = theme.min_age
        if not min_age and age_draw < 25:
            min_age = 14 if age_draw < 15 else 16
        if restricted:
            min_age = max(min_age, ADULT_AGE)
        medical = theme.medical and medical_draw < 70
        shiftless = online and shifts_draw < 50
        texts = self._opportunity_texts(
            theme, title_draw, suffix_draw, sentence_draw, min_age, medical, city
        )
        skills = [self.reference.skills[s] for s in theme.skills if s in self.reference.skills]
        skills = skills[: 1 + skill_draw % len(skills)] if skills else []
        languages: list[tuple[str, str]] = []
        if language_draw < 10 or (len(project.countries) > 1 and language_draw < 60):
            languages.append(("en", "B1"))
        elif organisation.country == "KZ" and language_draw < 30:
            languages.append(("kk", "B1"))
        opportunity = SyntheticOpportunity(
            key=key,
            theme=theme,
            texts=texts,
            min_age=min_age,
            medical=medical,
            restricted=restricted,
            online=online,
            city=city,
            country=city.country if city else organisation.country,
            address=""
            if city is None
            else f"{words.STREETS[city.country][street_draw]}, {house + 1}",
            latitude=None if city is None else round(city.latitude + (jitter_lat - 500) / 1e4, 6),
            longitude=None if city is None else round(city.longitude + (jitter_lon - 500) / 6e3, 6),
            timezone=(city or organisation.city).timezone,
            mode=ApplicationMode.INSTANT if mode_draw < 55 else ApplicationMode.REVIEW,
            capacity=5 + capacity_draw if shiftless else 0,
            created_at=min(project.created_at + timedelta(hours=number + 1), self.anchor),
            skills=skills,
            languages=languages,
        )
        if not shiftless:
            opportunity.shifts = self.shifts(project, opportunity, 1 + shift_count)
        return opportunity

    def _opportunity_texts(
        self,
        theme: words.Theme,
        title_draw: int,
        suffix_draw: int,
        sentence_draw: int,
        min_age: int,
        medical: bool,
        city: CityInfo | None,
    ) -> dict[str, str]:
        first, second = ((0, 1), (0, 2), (1, 2), (1, 0), (2, 0), (2, 1))[sentence_draw]
        suffix = words.TITLE_SUFFIXES[0 if suffix_draw < 6 else 1 + suffix_draw % 2]
        texts = {}
        for position, code in enumerate(LANGUAGES):
            texts[f"title_{code}"] = theme.titles[title_draw][position] + suffix[position]
            texts[f"description_{code}"] = " ".join(
                self._sentences(theme, first, second, min_age, medical, city, position)
            )
        return texts

    def _sentences(
        self,
        theme: words.Theme,
        first: int,
        second: int,
        min_age: int,
        medical: bool,
        city: CityInfo | None,
        position: int,
    ) -> list[str]:
        parts = [theme.sentences[first][position], theme.sentences[second][position]]
        if min_age:
            parts.append(words.AGE_SENTENCE[position].format(age=min_age))
        if medical:
            parts.append(words.MEDICAL_SENTENCE[position])
        if city is None:
            parts.append(words.ONLINE_SENTENCE[position])
        else:
            parts.append(words.PLACE_SENTENCE[position].format(city=city.names[position]))
        return parts

    def shifts(
        self, project: SyntheticProject, opportunity: SyntheticOpportunity, count: int
    ) -> list[SyntheticShift]:
        span = (project.end - project.start).days + 1
        zone = _zone(opportunity.timezone)
        shifts = []
        for number in range(count):
            key = opportunity.key * KEY_SLOTS + number
            h = mix(self.seed, key, S_SHIFT)
            h, day = divmod(h, span)
            h, hour = divmod(h, 11)
            h, half = divmod(h, 2)
            h, hours = divmod(h, 7)
            h, small = divmod(h, 100)
            h, capacity = divmod(h, 21)
            local = datetime.combine(
                project.start + timedelta(days=day), day_time(8 + hour, 30 * half), tzinfo=zone
            )
            start = local.astimezone(UTC)
            shifts.append(
                SyntheticShift(
                    key=key,
                    start=start,
                    end=start + timedelta(hours=2 + hours),
                    capacity=1 + capacity % 4 if small < 30 else 5 + capacity,
                )
            )
        shifts.sort(key=lambda shift: (shift.start, shift.key))
        return shifts

    # -- applications --

    def applications(
        self,
        project: SyntheticProject,
        opportunity: SyntheticOpportunity,
        user_ids: array[int],
        volunteers: int,
    ) -> list[tuple[Any, ...]]:
        if project.status not in (ProjectStatus.PUBLISHED, ProjectStatus.COMPLETED):
            return []
        rows: list[tuple[Any, ...]] = []
        for shift in opportunity.shifts:
            wanted = 1 + mix(self.seed, shift.key, S_APPLICATION) % 13
            rows += self._pool(
                project,
                opportunity,
                shift.key,
                shift.pk,
                shift.capacity,
                wanted,
                start=shift.start,
                past=shift.end <= self.anchor,
                user_ids=user_ids,
                volunteers=volunteers,
            )
        if not opportunity.shifts:
            key = opportunity.key * KEY_SLOTS + SHIFTLESS_POOL
            wanted = 10 + mix(self.seed, key, S_APPLICATION) % 31
            rows += self._pool(
                project,
                opportunity,
                key,
                None,
                opportunity.capacity,
                wanted,
                start=None,
                past=project.end < self.today,
                user_ids=user_ids,
                volunteers=volunteers,
            )
        return rows

    def _pool(
        self,
        project: SyntheticProject,
        opportunity: SyntheticOpportunity,
        key: int,
        shift_id: int | None,
        capacity: int,
        wanted: int,
        *,
        start: datetime | None,
        past: bool,
        user_ids: array[int],
        volunteers: int,
    ) -> list[tuple[Any, ...]]:
        """Applications for one seat pool: a shift, or an opportunity without shifts."""
        latest = min(start - timedelta(hours=1), self.anchor) if start else self.anchor
        earliest = opportunity.created_at
        if latest <= earliest:
            return []
        day = start.date() if start else self.today
        organisation = project.organisation.index
        block = (organisation - 1) * VOLUNTEERS_PER_ORGANISATION + 1
        reach = min(organisation * VOLUNTEERS_PER_ORGANISATION, volunteers)
        chosen: dict[int, datetime] = {}
        for attempt in range(12 * wanted):
            if len(chosen) == wanted:
                break
            h = mix(self.seed, key * PICK_SLOTS + attempt, S_PICK)
            h, local = divmod(h, 100)
            h, offset = divmod(h, 1 << 24)
            if local < BLOCK_PERCENT:
                volunteer = block + offset % VOLUNTEERS_PER_ORGANISATION
            else:
                volunteer = 1 + offset % reach
            if volunteer in chosen or volunteer > volunteers:
                continue
            facts = self.profile_facts(volunteer)
            if facts is None or not self._eligible(facts, opportunity, day):
                continue
            lower = max(earliest, self.people.volunteer_joined(volunteer))
            if lower >= latest:
                continue
            chosen[volunteer] = lower + (latest - lower) * ((h % 1000) / 1000)
        confirmed = 0
        admin = project.organisation.admin_id
        rows = []
        ordered = sorted(chosen.items(), key=lambda item: (item[1], item[0]))
        for number, (volunteer, created) in enumerate(ordered):
            draw = mix(self.seed, key * PICK_SLOTS + number, S_APPLICATION) % 100
            delay = timedelta(hours=1 + draw % 72)
            decided: datetime | None = min(created + delay, latest)
            decided_by = None
            reason = ""
            seat = confirmed < capacity
            if opportunity.mode == ApplicationMode.INSTANT:
                decided = created
                if seat:
                    status = (
                        ApplicationStatus.CONFIRMED if draw < 82 else ApplicationStatus.WITHDRAWN
                    )
                else:
                    status = (
                        ApplicationStatus.WAITLISTED if draw < 70 else ApplicationStatus.WITHDRAWN
                    )
                if status == ApplicationStatus.WITHDRAWN:
                    decided = min(created + delay, latest)
            else:
                decided_by = admin
                if past:
                    if draw < 70 and seat:
                        status = ApplicationStatus.CONFIRMED
                    elif draw < 85:
                        status = ApplicationStatus.REJECTED
                    else:
                        status = ApplicationStatus.WITHDRAWN
                elif draw < 45:
                    status = ApplicationStatus.CONFIRMED if seat else ApplicationStatus.WAITLISTED
                elif draw < 80:
                    status = ApplicationStatus.PENDING
                elif draw < 90:
                    status = ApplicationStatus.REJECTED
                else:
                    status = ApplicationStatus.WITHDRAWN
                if status == ApplicationStatus.WITHDRAWN:
                    decided_by = None
            if status == ApplicationStatus.CONFIRMED:
                confirmed += 1
            elif status == ApplicationStatus.REJECTED:
                reason = words.REJECTION_REASON
            elif status == ApplicationStatus.PENDING:
                decided, decided_by = None, None
            rows.append(
                (
                    user_ids[volunteer],
                    opportunity.pk,
                    shift_id,
                    status,
                    reason,
                    created,
                    decided,
                    decided_by,
                )
            )
        return rows

    @staticmethod
    def _eligible(facts: ProfileFacts, opportunity: SyntheticOpportunity, day: date) -> bool:
        age = _age(facts.birth, day)
        if age < opportunity.min_age:
            return False
        if opportunity.restricted and age < ADULT_AGE:
            return False
        return facts.medical or not opportunity.medical

    # -- denormalised text --

    def index_document(
        self, project: SyntheticProject, opportunity: SyntheticOpportunity
    ) -> tuple[str, str]:
        """What `search_backend.opportunity_document` makes of these texts and names, with
        the keys of repeated parts computed once."""
        titles, bodies = [], []
        for code in LANGUAGES:
            for texts in (opportunity.texts, project.texts):
                titles.append(_keys(texts[f"title_{code}"], code))
                bodies.append(_description_keys(texts[f"description_{code}"], code))
        names = self.reference.names
        goals = sorted({self.reference.target_goals[pk] for pk in project.targets})
        named = [
            *(("cause", pk) for pk in project.causes),
            *(("goal", pk) for pk in goals),
            *(("skill", pk) for pk in opportunity.skills),
            *([("city", opportunity.city.pk)] if opportunity.city else []),
        ]
        bodies.append(classification_keys([names[key] for key in named if key in names], _keys))
        return " ".join(t for t in titles if t), " ".join(b for b in bodies if b)


def _description_keys(text: str, language: str) -> str:
    # Descriptions are sentences joined by spaces; each sentence ends with a full stop.
    return _joined_keys(_split_sentences(text), language)


@cache
def _split_sentences(text: str) -> tuple[str, ...]:
    parts, current = [], []
    for word in text.split(" "):
        current.append(word)
        if word.endswith("."):
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return tuple(parts)


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _clamp(value: datetime, low: datetime, high: datetime, fallback: datetime) -> datetime:
    if low > high:
        return fallback
    return min(max(value, low), high)


def _languages(country: str, draw: int, level_draw: int) -> list[tuple[str, str]]:
    levels = ("A2", "B1", "B2", "C1")
    if country == "KZ":
        if draw < 60:
            result = [("kk", "native"), ("ru", "C1" if level_draw < 50 else "native")]
        else:
            result = [("ru", "native"), ("kk", levels[level_draw % 4])]
    else:
        result = [("ru", "native")]
        if draw < 5:
            result.append(("kk", "A2" if level_draw < 50 else "B1"))
    if draw % 2 == 0:
        result.append(("en", levels[(draw + level_draw) % 4]))
    return result


# --- Writing ---------------------------------------------------------------------------------


def _user_ids(volunteers: int) -> array[int]:
    """Primary keys of the scale volunteers, by index (0 where missing)."""
    ids = array("q", [0]) * (volunteers + 1)
    rows = User.objects.filter(email__startswith="v", email__endswith=f"@{DOMAIN}").values_list(
        "pk", "email"
    )
    for pk, email in rows.iterator(chunk_size=20_000):
        index = int(email[1:8])
        if index <= volunteers:
            ids[index] = pk
    return ids


def write_activity(
    sink: Sink,
    people: Generator,
    volunteers: int,
    *,
    chunk_size: int,
    progress: Callable[[str], None] | None = None,
) -> None:
    say = progress or (lambda line: None)
    reference = Reference.load()
    generator = ActivityGenerator(people, reference)
    tables = ActivityTables.build()
    started = clock.perf_counter()
    user_ids = _user_ids(volunteers)
    before = sum(sink.rows.values())
    _write_profiles(sink, tables, generator, user_ids, volunteers, chunk_size)
    say(
        f"profiles: {sum(sink.rows.values()) - before:,} rows "
        f"in {clock.perf_counter() - started:.1f} s"
    )
    started = clock.perf_counter()
    before = sum(sink.rows.values())
    documents = _write_projects(sink, tables, generator, user_ids, volunteers, chunk_size)
    say(
        f"projects, opportunities, shifts, applications: "
        f"{sum(sink.rows.values()) - before:,} rows in {clock.perf_counter() - started:.1f} s "
        f"({documents:,} opportunities indexed)"
    )


def _write_profiles(
    sink: Sink,
    tables: ActivityTables,
    generator: ActivityGenerator,
    user_ids: array[int],
    volunteers: int,
    chunk_size: int,
) -> None:
    have = set(
        VolunteerProfile.objects.filter(user__email__endswith=f"@{DOMAIN}").values_list(
            "pk", flat=True
        )
    )
    batch: list[dict[str, Any]] = []
    for index in range(1, volunteers + 1):
        user_id = user_ids[index]
        if not user_id or user_id in have:
            continue
        profile = generator.profile(index, user_id)
        if profile is None:
            continue
        batch.append(profile)
        if len(batch) >= chunk_size:
            _flush_profiles(sink, tables, generator, batch)
            batch = []
    if batch:
        _flush_profiles(sink, tables, generator, batch)


def _flush_profiles(
    sink: Sink,
    tables: ActivityTables,
    generator: ActivityGenerator,
    batch: list[dict[str, Any]],
) -> None:
    sink.write(tables.profile, (p["row"] for p in batch))
    sink.write(tables.profile_skills, ((p["row"][0], s) for p in batch for s in p["skills"]))
    sink.write(tables.profile_causes, ((p["row"][0], c) for p in batch for c in p["causes"]))
    sink.write(tables.profile_goals, ((p["row"][0], g) for p in batch for g in p["goals"]))
    sink.write(
        tables.language_skill,
        ((p["row"][0], code, level) for p in batch for code, level in p["languages"]),
    )
    guardians = [p for p in batch if p["guardian"]]
    if guardians:
        sink.write(
            tables.consent,
            (
                (
                    p["row"][0],
                    ConsentPurpose.GUARDIAN,
                    generator.guardian_version,
                    p["guardian"][0],
                    p["guardian"][1],
                )
                for p in guardians
            ),
        )


def _organisations(indices: range, reference: Reference) -> dict[int, OrganisationInfo]:
    emails = {organisation_email(i): i for i in indices}
    found = {}
    rows = Organisation.objects.filter(email__in=list(emails)).values(
        "pk",
        "email",
        "country_id",
        "city_id",
        "status",
        "created_at",
        "created_by_id",
        "name_ru",
        "name_kk",
        "name_en",
    )
    for row in rows:
        index = emails[row["email"]]
        city = reference.cities.get(row["city_id"])
        if city is None:
            raise ScaleError(f"Organisation {row['email']} has no city of Russia or Kazakhstan.")
        found[index] = OrganisationInfo(
            index=index,
            pk=row["pk"],
            country=row["country_id"],
            city=city,
            status=row["status"],
            created_at=row["created_at"],
            admin_id=row["created_by_id"],
            name=(row["name_ru"], row["name_kk"] or row["name_ru"], row["name_en"]),
        )
    if len(found) != len(emails):
        raise ScaleError("Some scale organisations are missing; they must be indices 1..N/50.")
    return found


def _write_projects(
    sink: Sink,
    tables: ActivityTables,
    generator: ActivityGenerator,
    user_ids: array[int],
    volunteers: int,
    chunk_size: int,
) -> int:
    total = (volunteers // VOLUNTEERS_PER_ORGANISATION) * PROJECTS_PER_ORGANISATION
    existing = Project.objects.filter(owner__email__endswith=f"@{DOMAIN}").count()
    if existing > total:
        return 0
    networks = dict(
        Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK, status=OrganisationStatus.VERIFIED
        )
        .exclude(email__endswith=f"@{DOMAIN}")
        .order_by("-pk")
        .values_list("country_id", "pk")
    )
    per_chunk = max(chunk_size // 25, 2)
    documents = 0
    index = existing + 1
    while index <= total:
        last = min(index + per_chunk - 1, total)
        first_organisation = (index + 1) // PROJECTS_PER_ORGANISATION
        last_organisation = (last + 1) // PROJECTS_PER_ORGANISATION
        organisations = _organisations(
            range(first_organisation, last_organisation + 1), generator.reference
        )
        projects = [
            generator.project(j, organisations[(j + 1) // PROJECTS_PER_ORGANISATION], networks)
            for j in range(index, last + 1)
        ]
        documents += _write_project_chunk(sink, tables, generator, projects, user_ids, volunteers)
        index = last + 1
    return documents


def _write_project_chunk(
    sink: Sink,
    tables: ActivityTables,
    generator: ActivityGenerator,
    projects: list[SyntheticProject],
    user_ids: array[int],
    volunteers: int,
) -> int:
    for project, pk in zip(projects, sink.reserve_ids(Project, len(projects)), strict=True):
        project.pk = pk
    opportunities = [(p, o) for p in projects for o in p.opportunities]
    for (_project, opportunity), pk in zip(
        opportunities, sink.reserve_ids(Opportunity, len(opportunities)), strict=True
    ):
        opportunity.pk = pk
    shifts = [s for _p, o in opportunities for s in o.shifts]
    for shift, pk in zip(shifts, sink.reserve_ids(Shift, len(shifts)), strict=True):
        shift.pk = pk

    sink.write(tables.project, (_project_row(p) for p in projects))
    sink.write(tables.project_partners, ((p.pk, o) for p in projects for o in p.partners))
    sink.write(tables.project_causes, ((p.pk, c) for p in projects for c in p.causes))
    sink.write(tables.project_targets, ((p.pk, t) for p in projects for t in p.targets))
    sink.write(
        tables.opportunity,
        (_opportunity_row(generator, p, o) for p, o in opportunities),
    )
    sink.write(tables.opportunity_skills, ((o.pk, s) for _p, o in opportunities for s in o.skills))
    sink.write(
        tables.opportunity_language,
        ((o.pk, code, level) for _p, o in opportunities for code, level in o.languages),
    )
    sink.write(
        tables.shift,
        ((s.pk, o.pk, s.start, s.end, s.capacity) for _p, o in opportunities for s in o.shifts),
    )
    sink.write(
        tables.application,
        (
            row
            for p, o in opportunities
            for row in generator.applications(p, o, user_ids, volunteers)
        ),
    )
    store_documents(connection, [(o.pk, *generator.index_document(p, o)) for p, o in opportunities])
    return len(opportunities)


def _project_row(project: SyntheticProject) -> tuple[Any, ...]:
    t = project.texts
    return (
        project.pk,
        project.organisation.pk,
        t["title_ru"],
        t["title_ru"],
        t["title_kk"],
        t["title_en"],
        t["description_ru"],
        t["description_ru"],
        t["description_kk"],
        t["description_en"],
        project.start,
        project.end,
        project.status,
        project.flagship,
        project.countries,
        project.organisation.admin_id,
        project.created_at,
    )


def _opportunity_row(
    generator: ActivityGenerator, project: SyntheticProject, opportunity: SyntheticOpportunity
) -> tuple[Any, ...]:
    t = opportunity.texts
    city = opportunity.city
    last_end = max(s.end for s in opportunity.shifts) if opportunity.shifts else None
    return (
        opportunity.pk,
        project.pk,
        t["title_ru"],
        t["title_ru"],
        t["title_kk"],
        t["title_en"],
        t["description_ru"],
        t["description_ru"],
        t["description_kk"],
        t["description_en"],
        opportunity.min_age,
        opportunity.medical,
        opportunity.restricted,
        opportunity.online,
        city.pk if city else None,
        opportunity.address,
        opportunity.latitude,
        opportunity.longitude,
        opportunity.timezone,
        opportunity.mode,
        opportunity.capacity,
        opportunity.country,
        city.region_id if city else None,
        project.status == ProjectStatus.PUBLISHED,
        opportunity.shifts[0].start if opportunity.shifts else None,
        last_end,
        ended_by(last_end, datetime.now(UTC)),
        opportunity.created_at,
    )
