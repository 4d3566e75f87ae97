"""The programme a project named in a text field becomes a Programme it is linked to.

The rows are written with the models of the state before the move; a later migration that
adds a required column to those tables must be unapplied too (add it to BEFORE)."""

from __future__ import annotations

import pytest

from council.lib.tests.migrations import migrate_to_latest, models_before

BEFORE = [
    ("cooperation", "0003_programme_without_council"),
    ("projects", "0011_opportunity_isco_group"),
    # Organisations as they were then (the state's model has no later columns).
    ("orgs", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)
def test_programme_texts_become_programmes() -> None:
    with models_before(BEFORE) as old:
        country = old.get_model("reference", "Country").objects.create(
            code="KZ", code3="KAZ", name="Kazakhstan"
        )
        owner = old.get_model("orgs", "Organisation").objects.create(
            kind="ngo", name_en="Astana Volunteer Centre", country=country
        )
        Project = old.get_model("projects", "Project")
        for title, programme in (("A", "Волонтеры мира"), ("B", "Волонтеры мира"), ("C", "")):
            Project.objects.create(owner=owner, title=title, title_en=title, programme=programme)

        migrate_to_latest()

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
