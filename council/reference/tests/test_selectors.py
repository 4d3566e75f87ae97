import pytest
from django.utils import translation

from council.reference.selectors import (
    cities_search,
    countries_ordered,
    regions_for_country,
    sdg_goals_with_targets,
    skills_grouped,
)

pytestmark = pytest.mark.django_db


def test_it_lists_council_members_first(loaded: dict[str, int]) -> None:
    with translation.override("ru"):
        codes = list(countries_ordered().values_list("code", flat=True))
    assert set(codes[:2]) == {"RU", "KZ"}
    assert len(codes) == loaded["countries"]


def test_it_lists_regions_of_one_country_by_name(loaded: dict[str, int]) -> None:
    with translation.override("kk"):
        names = [region.name for region in regions_for_country(country="kz")]
    assert len(names) == 20
    assert names == sorted(names)
    assert "Абай облысы" in names


def test_it_searches_cities_in_any_language_and_case(loaded: dict[str, int]) -> None:
    def codes(**filters: str) -> list[int]:
        return list(cities_search(**filters).values_list("geonames_id", flat=True)[:3])

    almaty = 1526384
    assert codes(query="алматы")[0] == almaty
    assert codes(query="Алматы")[0] == almaty
    assert codes(query="almaty")[0] == almaty
    assert codes(country="KZ", query="алм")[0] == almaty
    assert codes(country="RU", query="алматы") == []
    assert codes(region="RU-SPE", query="санкт-петербург") == [498817]
    assert codes(region="RU-MOW")[0] == 524901
    assert cities_search().count() == loaded["cities"]


def test_it_reads_goals_and_skills_without_n_plus_one(
    loaded: dict[str, int], django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(2):  # type: ignore[operator]
        goals = list(sdg_goals_with_targets())
        codes = [target.code for goal in goals for target in goal.targets.all()]
    assert len(goals) == 17 and len(codes) == 169
    assert codes[:8] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b", "2.1"]

    with django_assert_num_queries(2):  # type: ignore[operator]
        groups = list(skills_grouped())
        majors = {skill.isco_major.code for group in groups for skill in group.skills.all()}
    assert sum(len(group.skills.all()) for group in groups) == loaded["skills"]
    assert majors <= set("0123456789")
