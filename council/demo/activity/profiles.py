"""Volunteer profiles: which scale volunteers hold one, their age, city, skills, languages and
(for minors) a guardian."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from council.accounts.consents import current_version
from council.accounts.models import ConsentPurpose
from council.demo import names, words
from council.demo.activity.reference import (
    PROFILE_PERCENT,
    S_CITY,
    S_PROFILE,
    S_PROFILE_EVEN_MORE,
    S_PROFILE_MORE,
    Reference,
)
from council.demo.activity.rows import (
    ProfileFacts,
    SyntheticOpportunity,
    _age,
    _languages,
    _pick,
)
from council.demo.bulk import mix
from council.demo.scale import (
    Generator,
)
from council.volunteers.models import ADULT_AGE, Availability


class ProfileDraws:
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

    @staticmethod
    def _eligible(facts: ProfileFacts, opportunity: SyntheticOpportunity, day: date) -> bool:
        age = _age(facts.birth, day)
        if age < opportunity.min_age:
            return False
        if opportunity.restricted and age < ADULT_AGE:
            return False
        return facts.medical or not opportunity.medical
