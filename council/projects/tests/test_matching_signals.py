"""`Opportunity.match_signals`: what the services keep in the row, and "for you" ranking from
it exactly as from the tables (the reference statement, SQLite's path)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from council.conftest import make_city
from council.projects.models import Opportunity, ProjectStatus
from council.projects.selectors.matching.facts import volunteer_facts
from council.projects.selectors.matching.offers import _candidates
from council.projects.services.index import opportunity_match_signals
from council.projects.services.opportunities import (
    opportunity_language_set,
    opportunity_update,
)
from council.projects.services.projects import project_update
from council.projects.tests.conftest import make_opportunity, make_project
from council.projects.tests.search_helpers import make_profile
from council.reference.models import Cause, Skill
from council.volunteers.models import CEFR_ORDER

pytestmark = pytest.mark.django_db

LEVELS = list(CEFR_ORDER)


def keys(reference: dict[str, Any]) -> dict[str, str]:
    return {
        "first_aid": f"s{reference['first_aid'].pk}",
        "environment": f"c{reference['environment'].pk}",
        "education": f"c{reference['education'].pk}",
        "water": f"g{reference['marine'].goal_id}",
        "school": f"g{reference['literacy'].goal_id}",
    }


# --- What the services keep --------------------------------------------------------------------


def test_the_row_carries_skills_languages_causes_and_goals(org, reference, astana) -> None:
    project = make_project(org)
    project.causes.add(reference["environment"])
    project.sdg_targets.add(reference["marine"], reference["ecosystems"], reference["literacy"])
    opportunity = make_opportunity(
        project, city=astana, skills=[reference["first_aid"]], languages=[("kk", "B1")]
    )
    named = keys(reference)
    # Two targets of goal 14 count twice, as the ranking statement counts targets.
    assert opportunity.match_signals == {
        named["first_aid"]: 1,
        "lkk": CEFR_ORDER["B1"],
        named["environment"]: 1,
        named["water"]: 2,
        named["school"]: 1,
    }


def test_every_service_that_changes_an_input_rewrites_it(org, org_admin, reference, astana) -> None:
    organiser = org_admin
    project = make_project(org, status=ProjectStatus.PUBLISHED)
    opportunity = make_opportunity(project, city=astana)
    named = keys(reference)
    assert Opportunity.objects.get(pk=opportunity.pk).match_signals == {}

    opportunity_update(
        actor=organiser,
        opportunity=opportunity,
        skills=[reference["first_aid"]],
        languages=[(reference["russian"], "C1")],
    )
    assert Opportunity.objects.get(pk=opportunity.pk).match_signals == {
        named["first_aid"]: 1,
        "lru": CEFR_ORDER["C1"],
    }

    opportunity_language_set(
        actor=organiser, opportunity=opportunity, requirements=[(reference["kazakh"], "A2")]
    )
    assert Opportunity.objects.get(pk=opportunity.pk).match_signals == {
        named["first_aid"]: 1,
        "lkk": CEFR_ORDER["A2"],
    }

    project_update(
        actor=organiser,
        project=project,
        causes=[reference["education"]],
        sdg_targets=[reference["marine"], reference["ecosystems"]],
    )
    assert Opportunity.objects.get(pk=opportunity.pk).match_signals == {
        named["first_aid"]: 1,
        "lkk": CEFR_ORDER["A2"],
        named["education"]: 1,
        named["water"]: 2,
    }

    opportunity_update(actor=organiser, opportunity=opportunity, skills=[])
    project_update(actor=organiser, project=project, causes=[], sdg_targets=[])
    opportunity_language_set(actor=organiser, opportunity=opportunity, requirements=[])
    assert Opportunity.objects.get(pk=opportunity.pk).match_signals == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the migration's SQL")
def test_the_migration_fills_what_the_service_writes(varied) -> None:
    from importlib import import_module

    migration = import_module("council.projects.migrations.0016_opportunity_match_signals")
    written = dict(Opportunity.objects.values_list("pk", "match_signals"))
    Opportunity.objects.update(match_signals={})
    with connection.cursor() as cursor:
        cursor.execute(migration.POSTGRESQL_FILL)
    assert dict(Opportunity.objects.values_list("pk", "match_signals")) == written
    for opportunity in Opportunity.objects.all():
        assert opportunity_match_signals(opportunity) == written[opportunity.pk]


# --- Ranking from the row = ranking from the tables ---------------------------------------------


@pytest.fixture
def varied(org, reference, astana, kazakhstan):
    """Sixty opportunities and twenty volunteers with random classifications, places and
    languages (a fixed seed): many ties, so the cut at the limit and the order by key count."""
    draw = random.Random(19)
    group, isco = reference["first_aid"].group, reference["first_aid"].isco_major
    skills = [reference["first_aid"]] + [
        Skill.objects.create(slug=f"skill-{n}", group=group, name_en=f"Skill {n}", isco_major=isco)
        for n in range(5)
    ]
    causes = [reference["environment"], reference["education"]] + [
        Cause.objects.create(slug=f"cause-{n}", name_en=f"Cause {n}", position=3 + n)
        for n in range(3)
    ]
    targets = [reference["marine"], reference["ecosystems"], reference["literacy"]]
    near = make_city(kazakhstan, "Near Astana", latitude=51.5, longitude=71.8)
    far = make_city(kazakhstan, "Far away", latitude=43.2, longitude=76.9)
    places = [astana, near, far, None]
    projects = []
    for number in range(6):
        project = make_project(org, title_en=f"Project {number}")
        project.causes.set(draw.sample(causes, draw.randint(0, 3)))
        project.sdg_targets.set(draw.sample(targets, draw.randint(0, 3)))
        projects.append(project)
    for number in range(60):
        city = draw.choice(places)
        online = city is None and draw.random() < 0.7
        make_opportunity(
            draw.choice(projects),
            city=city,
            is_online=online,
            title_en=f"Role {number}",
            skills=draw.sample(skills, draw.randint(0, 3)),
            languages=[
                (code, draw.choice(LEVELS))
                for code in draw.sample(["ru", "kk", "en"], draw.randint(0, 2))
            ],
            shifts=draw.randint(0, 2),
        )
    people = []
    for number in range(20):
        people.append(
            make_profile(
                f"v{number}@example.org",
                kazakhstan,
                city=draw.choice([astana, near, far, None]),
                skills=tuple(draw.sample(skills, draw.randint(0, 3))),
                causes=tuple(draw.sample(causes, draw.randint(0, 3))),
                sdg_goals=tuple({t.goal_id for t in draw.sample(targets, draw.randint(0, 2))}),
                languages=tuple(
                    (code, draw.choice(LEVELS))
                    for code in draw.sample(["ru", "kk", "en"], draw.randint(0, 3))
                ),
                availability=tuple(
                    draw.sample(["weekends", "evenings", "weekdays", "remote"], draw.randint(0, 2))
                ),
                born=date.today() - timedelta(days=365 * draw.choice([16, 30])),
            ).user
        )
    return people


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the row path is PostgreSQL's")
@pytest.mark.parametrize("count", [5, 12, 60])
def test_ranking_from_the_row_is_ranking_from_the_tables(varied, count) -> None:
    at = timezone.now()
    compared = 0
    for user in varied:
        facts = volunteer_facts(user)
        assert facts is not None
        profile, volunteer, _names = facts
        ask = {"user": user, "profile": profile, "volunteer": volunteer, "at": at, "count": count}
        from_rows = _candidates(**ask, from_rows=True)
        assert from_rows == _candidates(**ask, from_rows=False)
        compared += len(from_rows)
    assert compared > count * 5  # most volunteers have candidates
