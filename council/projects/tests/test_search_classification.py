"""Search by what an opportunity is classified by: the names of its project's causes and SDG
goals, its skills and its city, in ru, kk and en, in any word form; the index follows when
they change, and a rebuild brings existing rows up to date."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from council.projects.search_backend import store_document
from council.projects.selectors.search import opportunity_search
from council.projects.services.index import project_refresh
from council.projects.services.opportunities import opportunity_update
from council.projects.services.projects import project_update
from council.projects.tests.conftest import interpreting_skill, make_opportunity, make_project
from council.reference.models import Cause, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return sorted(opportunity.pk for opportunity in opportunity_search(query=query))


def cause(slug: str, ru: str, kk: str, en: str) -> Cause:
    return Cause.objects.create(slug=slug, name_ru=ru, name_kk=kk, name_en=en)


@pytest.fixture
def catalogue(db: Any) -> dict[str, Any]:
    """Names as the reference data has them (council/reference/data)."""
    climate = SdgGoal.objects.create(
        number=13,
        short_name_ru="Борьба с изменением климата",
        short_name_kk="Климаттың өзгеруімен күрес",
        short_name_en="Climate action",
        colour="#3F7E44",
    )
    return {
        "elderly": cause("elderly", "Помощь пожилым людям", "Қарт адамдарға көмек", "Elderly care"),
        "environment": cause(
            "environment",
            "Экология и охрана природы",
            "Экология және табиғатты қорғау",
            "Environment",
        ),
        "animals": cause("animals", "Помощь животным", "Жануарларға көмек", "Animal welfare"),
        "climate": SdgTarget.objects.create(
            code="13.1", goal=climate, position=1, title_en="Resilience to climate hazards"
        ),
        "interpreting": interpreting_skill(),
    }


def neutral_opportunity(org: Any, **fields: Any) -> Any:
    """An opportunity whose titles and descriptions hold none of the words searched for."""
    project = make_project(org, title_en="Programme 2027", title_ru="Программа 2027")
    fields.setdefault("title_en", "Helper")
    fields.setdefault("title_ru", "Помощник")
    fields.setdefault("is_online", "city" not in fields)
    return project, make_opportunity(project, **fields)


@pytest.mark.parametrize(
    ("slug", "queries"),
    [
        ("elderly", ["elderly", "пожилых", "пожилым", "қарттарға"]),
        ("environment", ["environment", "экология", "экологией", "табиғатты"]),
        ("animals", ["animals", "животными", "жануарлар"]),
    ],
)
def test_a_cause_is_found_by_its_name_in_every_language(org, catalogue, slug, queries) -> None:
    project, opportunity = neutral_opportunity(org)
    project.causes.set([catalogue[slug]])
    neutral_opportunity(org)  # without the cause: never found
    project_refresh(project=project)
    for query in queries:
        assert found(query) == [opportunity.pk], query


def test_every_opportunity_of_a_cause_is_found(org, org_admin, catalogue) -> None:
    """ "экология" found one of the three opportunities of the Environment cause: the one whose
    description happened to hold the word."""
    ids = []
    for _number in range(3):
        project, opportunity = neutral_opportunity(org)
        project_update(actor=org_admin, project=project, causes=[catalogue["environment"]])
        ids.append(opportunity.pk)
    assert found("экология") == sorted(ids)
    assert found("экологиясы") == sorted(ids)
    assert found("Environment") == sorted(ids)


def test_sdg_goals_skills_and_city_are_searched(org, org_admin, catalogue, astana) -> None:
    project, opportunity = neutral_opportunity(org, city=astana)
    project_update(actor=org_admin, project=project, sdg_targets=[catalogue["climate"]])
    opportunity_update(actor=org_admin, opportunity=opportunity, skills=[catalogue["interpreting"]])
    for query in ("climate", "климата", "климаттың", "interpreting", "перевод", "аударма"):
        assert found(query) == [opportunity.pk], query
    assert found("Astana") == [opportunity.pk]
    assert found("Астане") == [opportunity.pk]
    assert found("Астанада") == [opportunity.pk]


def test_the_index_follows_a_change_of_classification(org, org_admin, catalogue) -> None:
    project, opportunity = neutral_opportunity(org)
    project_update(actor=org_admin, project=project, causes=[catalogue["animals"]])
    assert found("animals") == [opportunity.pk]
    project_update(actor=org_admin, project=project, causes=[catalogue["elderly"]])
    assert found("animals") == []
    assert found("elderly") == [opportunity.pk]
    opportunity_update(actor=org_admin, opportunity=opportunity, skills=[catalogue["interpreting"]])
    assert found("interpreting") == [opportunity.pk]
    opportunity_update(actor=org_admin, opportunity=opportunity, skills=[])
    assert found("interpreting") == []


def test_a_rebuild_adds_the_names_to_existing_rows(org, catalogue) -> None:
    project, opportunity = neutral_opportunity(org)
    project.causes.set([catalogue["animals"]])
    # A row written before the names were part of the document: titles only.
    store_document(connection, opportunity.pk, "helper", "")
    assert found("animals") == []
    call_command("search_reindex", stdout=io.StringIO())
    assert found("animals") == [opportunity.pk]
    assert found("жануарлар") == [opportunity.pk]
