"""The programme a project named in a text field becomes a Programme it is linked to."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("cooperation", "0003_programme_without_council"),
    ("projects", "0011_opportunity_isco_group"),
]
AFTER = [
    ("cooperation", "0004_programmes_from_projects"),
    ("projects", "0012_programme_now_a_link"),
]


@pytest.mark.django_db(transaction=True)
def test_programme_texts_become_programmes() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    country = old.get_model("reference", "Country").objects.create(
        code="KZ", code3="KAZ", name="Kazakhstan"
    )
    owner = old.get_model("orgs", "Organisation").objects.create(
        kind="ngo", name_en="Astana Volunteer Centre", country=country
    )
    Project = old.get_model("projects", "Project")
    for title, programme in (("A", "Волонтеры мира"), ("B", "Волонтеры мира"), ("C", "")):
        Project.objects.create(owner=owner, title=title, title_en=title, programme=programme)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from council.cooperation.models import Programme
    from council.projects.models import Project as Current

    programme = Programme.objects.get()
    assert programme.name_ru == "Волонтеры мира"
    assert sorted(programme.projects.values_list("title_en", flat=True)) == ["A", "B"]
    assert list(programme.organisations.values_list("name", flat=True)) == [
        "Astana Volunteer Centre"
    ]
    assert list(programme.countries.values_list("code", flat=True)) == ["KZ"]
    assert not Current.objects.get(title_en="C").programmes.exists()
