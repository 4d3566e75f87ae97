"""Projects, their opportunities and shifts, and the full-text document of each opportunity."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time

from council.demo import words
from council.demo.activity.applications import ApplicationDraws
from council.demo.activity.reference import (
    FIRST_START_DAY,
    KEY_SLOTS,
    LANGUAGES,
    LAST_START_DAY,
    MAX_SHIFTS,
    OPPORTUNITIES_PER_ORGANISATION,
    S_CITY,
    S_OPPORTUNITY,
    S_OPPORTUNITY_MORE,
    S_PAIR,
    S_PROJECT,
    S_PROJECT_MORE,
    S_SHIFT,
    CityInfo,
)
from council.demo.activity.rows import (
    OrganisationInfo,
    SyntheticOpportunity,
    SyntheticProject,
    SyntheticShift,
    _clamp,
    _description_keys,
    _keys,
    _zone,
)
from council.demo.bulk import draws, mix
from council.orgs.models import OrganisationStatus
from council.projects.models import (
    ApplicationMode,
    ProjectStatus,
)
from council.projects.search_backend import classification_keys
from council.volunteers.models import ADULT_AGE


class ActivityGenerator(ApplicationDraws):
    # -- projects --

    def project(
        self, index: int, organisation: OrganisationInfo, networks: dict[str, int]
    ) -> SyntheticProject:
        theme_draw, name_draw, start_draw, short_draw, length_draw, lead_draw, status_draw = draws(
            mix(self.seed, index, S_PROJECT),
            len(words.THEMES),
            2,
            LAST_START_DAY - FIRST_START_DAY + 1,
            100,
            180,
            54,
            100,
        )
        # _programme_draw kept: the draws after it stay as they were
        joint_draw, _programme_draw, flagship_draw, cause_draw, target_draw, sentence_draw = draws(
            mix(self.seed, index, S_PROJECT_MORE), 100, 100, 100, 100, 100, 3
        )
        theme = words.THEMES[theme_draw]
        earliest = organisation.created_at.date() + timedelta(days=1)
        start = max(self.today + timedelta(days=FIRST_START_DAY + start_draw), earliest)
        days = 1 + length_draw % 3 if short_draw < 35 else 14 + length_draw % 167
        end = start + timedelta(days=days - 1)
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
        causes = _one_or_two(theme.causes, cause_draw, 40)
        targets = _one_or_two(theme.targets, target_draw, 50)
        project = SyntheticProject(
            index=index,
            organisation=organisation,
            texts=_project_texts(theme, name_draw, sentence_draw, organisation, start, joint),
            start=start,
            end=end,
            status=_project_status(organisation, end, self.today, status_draw),
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
        (
            own_theme,
            theme_draw,
            title_draw,
            suffix_draw,
            online_draw,
            place_draw,
            jitter_lat,
            jitter_lon,
        ) = draws(
            mix(self.seed, key, S_OPPORTUNITY), 100, len(words.THEMES), 3, 10, 100, 100, 1001, 1001
        )
        (
            mode_draw,
            age_draw,
            medical_draw,
            shifts_draw,
            shift_count,
            capacity_draw,
            language_draw,
            skill_draw,
            sentence_draw,
            street_draw,
            house,
        ) = draws(
            mix(self.seed, key, S_OPPORTUNITY_MORE),
            100,
            100,
            100,
            100,
            MAX_SHIFTS,
            46,
            100,
            100,
            6,
            5,
            120,
        )
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
            day, hour, half, hours, small, capacity = draws(
                mix(self.seed, key, S_SHIFT), span, 11, 2, 7, 100, 21
            )
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


def _one_or_two(values: tuple[str, ...], draw: int, below: int) -> tuple[str, ...]:
    """The first of the values, and the second too (where there is one) when the draw is below
    `below`."""
    return values[: 2 if draw < below else 1]


def _project_status(organisation: OrganisationInfo, end: date, today: date, draw: int) -> str:
    """Drafts where the owner is not verified, else a few drafts and cancellations, most of
    the projects that have ended completed and the rest published."""
    if organisation.status != OrganisationStatus.VERIFIED or draw < 4:
        return ProjectStatus.DRAFT
    if draw < 7:
        return ProjectStatus.CANCELLED
    if end < today and draw < 62:
        return ProjectStatus.COMPLETED
    return ProjectStatus.PUBLISHED


def _project_texts(
    theme: words.Theme,
    name_draw: int,
    sentence_draw: int,
    organisation: OrganisationInfo,
    start: date,
    joint: bool,
) -> dict[str, str]:
    """The title (a name of the theme, the city and the year) and the description (a sentence
    of the theme, the organisation and, for a joint project, the joint sentence) in each
    language."""
    name, sentence = theme.projects[name_draw], theme.sentences[sentence_draw]
    city_names = organisation.city.names
    texts = {}
    for position, code in enumerate(LANGUAGES):
        texts[f"title_{code}"] = f"{name[position]} — {city_names[position]} {start.year}"
        parts = [
            sentence[position],
            words.PROJECT_SENTENCE[position].format(organisation=organisation.name[position]),
        ]
        if joint:
            parts.append(words.JOINT_SENTENCE[position])
        texts[f"description_{code}"] = " ".join(parts)
    return texts
