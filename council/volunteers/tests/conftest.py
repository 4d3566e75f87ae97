"""Reference rows for volunteer profile tests, made here so each test sees exactly these."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from council.reference.models import (
    Cause,
    City,
    Country,
    IscoGroup,
    Language,
    SdgGoal,
    Skill,
    SkillGroup,
)
from council.volunteers.models import VolunteerProfile

SDG_COLOURS = [
    "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942",
    "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D",
    "#19486A",
]  # fmt: skip


def _names(en: str, ru: str, kk: str | None = None) -> dict[str, str]:
    return {"name_en": en, "name_ru": ru, "name_kk": kk or ru}


@pytest.fixture
def moscow(russia: Country) -> City:
    return City.objects.create(
        geonames_id=524901,
        country=russia,
        latitude=55.75,
        longitude=37.62,
        population=10_000_000,
        timezone="Europe/Moscow",
        **_names("Moscow", "Москва", "Мәскеу"),
    )


@pytest.fixture
def reference(db: Any, astana: City, moscow: City) -> SimpleNamespace:
    languages = {
        code: Language.objects.create(code=code, position=position, **_names(en, ru))
        for position, (code, en, ru) in enumerate(
            [
                ("ru", "Russian", "Русский"),
                ("kk", "Kazakh", "Казахский"),
                ("en", "English", "Английский"),
                ("de", "German", "Немецкий"),
            ],
            start=1,
        )
    }
    isco = IscoGroup.objects.create(code="2", **_names("Professionals", "Специалисты"))
    care = SkillGroup.objects.create(slug="care", position=10, **_names("Social care", "Уход"))
    digital = SkillGroup.objects.create(
        slug="digital", position=20, **_names("Digital", "Цифровые навыки")
    )
    skills = {
        slug: Skill.objects.create(slug=slug, group=group, isco_major=isco, **_names(en, ru))
        for slug, group, en, ru in [
            ("first-aid", care, "First aid", "Первая помощь"),
            ("elderly-care", care, "Care for older people", "Уход за пожилыми"),
            ("web-design", digital, "Web design", "Веб-дизайн"),
        ]
    }
    causes = {
        slug: Cause.objects.create(slug=slug, position=position, **_names(en, ru))
        for position, (slug, en, ru) in enumerate(
            [("environment", "Environment", "Экология"), ("education", "Education", "Образование")]
        )
    }
    goals = {
        number: SdgGoal.objects.create(
            number=number,
            colour=SDG_COLOURS[number - 1],
            short_name_en=f"Goal {number}",
            short_name_ru=f"Цель {number}",
            short_name_kk=f"Мақсат {number}",
        )
        for number in range(1, 18)
    }
    return SimpleNamespace(
        languages=languages,
        skills=skills,
        causes=causes,
        goals=goals,
        astana=astana,
        moscow=moscow,
        groups={"care": care, "digital": digital},
        isco=isco,
    )


def years_ago(years: int) -> date:
    """A date of birth that makes the person exactly `years` old today."""
    return date(timezone.localdate().year - years, 1, 1)


def make_profile(user: Any, **fields: Any) -> VolunteerProfile:
    profile, _created = VolunteerProfile.objects.update_or_create(user=user, defaults=fields)
    return profile


def profile_post(languages: list[tuple[str, str]] | None = None, **fields: Any) -> dict[str, Any]:
    """The data the profile page posts: every field of the form plus the languages rows."""
    data: dict[str, Any] = {
        "date_of_birth": "",
        "city": "",
        "bio_ru": "",
        "bio_kk": "",
        "bio_en": "",
    }
    data.update(fields)
    rows = languages or []
    data["languages-TOTAL_FORMS"] = str(len(rows) + 1)
    data["languages-INITIAL_FORMS"] = "0"
    for index, (code, level) in enumerate(rows):
        data[f"languages-{index}-language"] = code
        data[f"languages-{index}-level"] = level
    return data


@pytest.fixture
def make_contact(org: Any, org_admin: Any) -> Any:
    """A contact of the organisation `org`, added by its admin (keyword arguments as
    contact_create takes them; a name and an address unless given)."""
    from council.volunteers.services.contacts import contact_create

    def make(**fields: Any) -> Any:
        fields.setdefault("given_name", "Айгерим")
        fields.setdefault("family_name", "Сарсенбаева")
        fields.setdefault("email", "aigerim@example.org")
        return contact_create(
            organisation=fields.pop("organisation", org), actor=org_admin, **fields
        )

    return make


def invitation_link(mailbox: list[Any]) -> str:
    """The path of the acceptance link in the last invitation mailed."""
    import re

    found = re.search(r"https?://[^/\s]+(/volunteer/invitation/[^/\s]+/)\n", mailbox[-1].body)
    assert found is not None, mailbox[-1].body
    return found.group(1)
