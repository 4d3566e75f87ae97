"""The opportunity page shows what the work takes — languages with their minimum level,
skills, minimum age, a medical qualification, work barred to minors — in the reader's
language, and marks for a signed-in volunteer which of them they meet."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from council.conftest import speaking
from council.lib.tests.languages import in_each_language
from council.projects.models import OpportunityLanguage
from council.projects.tests.conftest import interpreting_skill, make_opportunity
from council.projects.tests.search_helpers import make_profile
from council.reference.models import Language

pytestmark = pytest.mark.django_db

MARKS = {
    "en": ("✓ you meet this", "✗ you do not meet this"),
    "ru": ("✓ вы соответствуете", "✗ вы не соответствуете"),
    "kk": ("✓ сіз сәйкессіз", "✗ сіз сәйкес емессіз"),
}


@pytest.fixture
def interpreter(project: Any) -> Any:
    """The demo's Kazakh interpreter role: Kazakh C1, Russian C1 and interpreting."""
    kazakh = Language.objects.create(
        code="kk", name_ru="Казахский", name_kk="Қазақ тілі", name_en="Kazakh", position=1
    )
    russian = Language.objects.create(
        code="ru", name_ru="Русский", name_kk="Орыс тілі", name_en="Russian", position=2
    )
    interpreting = interpreting_skill()
    opportunity = make_opportunity(
        project, title_en="Kazakh interpreter", title_ru="Переводчик", title_kk="Аудармашы"
    )
    opportunity.skills.set([interpreting])
    OpportunityLanguage.objects.create(opportunity=opportunity, language=kazakh, min_level="C1")
    OpportunityLanguage.objects.create(opportunity=opportunity, language=russian, min_level="C1")
    return opportunity


def requirement_lines(page: str) -> list[str]:
    """The requirements as a person reads them: one line of text per item."""
    section = page.split('id="requirements-heading"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", section, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_a_visitor_reads_the_requirements_without_marks(client, interpreter) -> None:
    interpreter.min_age = 18
    interpreter.medical_required = True
    interpreter.restricted_category = "emergency"
    interpreter.save()
    page = client.get(f"/opportunities/{interpreter.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert requirement_lines(page.content.decode()) == [
        "Language: Kazakh — C1",
        "Language: Russian — C1",
        "Skill: Interpreting",
        "Minimum age: 18",
        "Medical qualification: required",
        "Not for minors: Emergency and disaster response",
    ]


@in_each_language(
    kk=("Тіл: Қазақ тілі — C1", "Тіл: Орыс тілі — C1", "Дағды: Ауызша аударма"),
    ru=("Язык: Казахский — C1", "Язык: Русский — C1", "Навык: Устный перевод"),
    en=("Language: Kazakh — C1", "Language: Russian — C1", "Skill: Interpreting"),
)
def test_a_volunteer_sees_which_requirements_they_meet(
    client, interpreter, kazakhstan, language, kazakh, russian, skill
) -> None:
    profile = make_profile(
        "aigerim@example.org",
        kazakhstan,
        languages=(("kk", "native"), ("ru", "B2")),
        skills=tuple(interpreter.skills.all()),
    )
    speaking(profile.user, language)
    client.force_login(profile.user)
    page = client.get(f"/opportunities/{interpreter.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    meets, misses = MARKS[language]
    assert requirement_lines(page.content.decode()) == [
        f"{kazakh} {meets}",
        f"{russian} {misses}",  # B2 is below C1
        f"{skill} {meets}",
    ]


def test_age_medical_and_work_barred_to_minors_are_marked(client, project, kazakhstan) -> None:
    opportunity = make_opportunity(
        project, min_age=16, medical_required=True, restricted_category="hazardous"
    )
    today = date.today()
    teenager = make_profile(
        "timur@example.org",
        kazakhstan,
        born=date(today.year - 17, 1, 1),
        medical_qualification=True,
    )
    speaking(teenager.user, "ru")
    client.force_login(teenager.user)
    page = client.get(f"/opportunities/{opportunity.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    meets, misses = MARKS["ru"]
    assert requirement_lines(page.content.decode()) == [
        f"Минимальный возраст: 16 {meets}",
        f"Медицинская квалификация: требуется {meets}",
        f"Не для несовершеннолетних: Тяжёлые или опасные работы {misses}",
    ]


def test_a_page_without_requirements_has_no_such_section(client, opportunity) -> None:
    page = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert 'id="requirements-heading"' not in page
