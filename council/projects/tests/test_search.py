"""opportunity_search: full text in three languages, every filter, the three orders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from council.projects.models import Opportunity, OpportunityLanguage, ProjectStatus, Shift
from council.projects.selectors.search import opportunity_search
from council.projects.services.index import opportunity_refresh
from council.projects.tests.conftest import make_opportunity, make_project
from council.projects.tests.search_helpers import (
    almaty,
    confirm,
    in_days,
    opportunity_at,
    opportunity_with,
    st_petersburg,
)
from council.reference.models import Skill

pytestmark = pytest.mark.django_db


def found(**filters) -> list[int]:
    return [opportunity.pk for opportunity in opportunity_search(**filters)]


@pytest.fixture
def neutral(org):
    """A project whose own title matches none of the test words."""
    return make_project(org, title_en="Programme 2027", title_ru="Программа 2027")


@pytest.fixture
def corpus(neutral):
    return {
        "ru": opportunity_with(neutral, titles={"ru": "Волонтёр уборки пляжа"}),
        "kk": opportunity_with(neutral, titles={"kk": "Ерікті мұғалім"}),
        "en": opportunity_with(neutral, titles={"en": "Volunteer translator"}),
        "other": opportunity_with(neutral, titles={"ru": "Сбор книг", "en": "Book drive"}),
    }


# --- Full text -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["волонтёрами", "волонтерами", "Волонтёры", "ПЛЯЖЕ"])
def test_a_russian_word_is_found_in_any_form(corpus, query) -> None:
    assert found(query=query) == [corpus["ru"].pk]


def test_an_english_plural_finds_the_singular(corpus) -> None:
    assert found(query="volunteers") == [corpus["en"].pk]
    assert found(query="translators") == [corpus["en"].pk]


@pytest.mark.parametrize("query", ["еріктілерге", "еріктілер", "ерікті", "ериктилерге"])
def test_a_kazakh_word_is_found_in_any_form(corpus, query) -> None:
    assert found(query=query) == [corpus["kk"].pk]


def test_every_word_must_match(corpus) -> None:
    assert found(query="волонтёр пляж") == [corpus["ru"].pk]
    assert found(query="волонтёр книги") == []


def test_descriptions_and_project_titles_are_searched(org, neutral) -> None:
    described = opportunity_with(
        neutral, titles={"en": "Helper"}, description_en="We need interpreters for guests."
    )
    sea = make_project(org, title_en="", title_ru="Каспийское море", title_kk="Каспий теңізі")
    by_project = opportunity_with(sea, titles={"en": "Helper"})
    assert found(query="interpreter") == [described.pk]
    assert found(query="моря") == [by_project.pk]
    assert found(query="теңізінде") == [by_project.pk]


def test_an_edit_is_found_at_once(corpus) -> None:
    opportunity = corpus["other"]
    opportunity.title_en = "Marathon steward"
    opportunity.save()
    opportunity_refresh(opportunity=opportunity)
    assert found(query="stewards") == [opportunity.pk]
    assert found(query="book") == []


def test_a_title_match_ranks_above_a_description_match(neutral) -> None:
    in_text = opportunity_with(
        neutral, titles={"en": "Helper"}, description_en="Some gardening on the way."
    )
    in_title = opportunity_with(neutral, titles={"en": "Gardening helper"})
    assert found(query="gardening", sort="relevance") == [in_title.pk, in_text.pk]


def test_symbols_in_the_query_are_harmless(corpus) -> None:
    every = set(found())
    for query in ["'", '"', "&|!", ":*", "( )", "NEAR OR AND", "--", "%_"]:
        assert set(found(query=query)) <= every
    assert len(every) == 4


def test_only_open_published_opportunities_are_found(org, neutral, corpus) -> None:
    draft = make_project(org, status=ProjectStatus.DRAFT)
    opportunity_with(draft, titles={"en": "Volunteer guide"})
    ended = opportunity_at(neutral, [timezone.now() - timedelta(days=3)], title_en="Volunteer")
    open_ended = make_opportunity(neutral, shifts=0, title_en="Volunteer mentor", title_ru="")
    results = found(query="volunteer")
    assert open_ended.pk in results and corpus["en"].pk in results
    assert ended.pk not in results
    assert len(results) == 2


# --- Place ---------------------------------------------------------------------------------


@pytest.fixture
def places(org, neutral, astana, moscow, kazakhstan, russia):
    return {
        "astana": make_opportunity(neutral, city=astana),
        "almaty": make_opportunity(neutral, city=almaty(kazakhstan)),
        "moscow": make_opportunity(neutral, city=moscow),
        "petersburg": make_opportunity(neutral, city=st_petersburg(russia)),
        "online": make_opportunity(neutral, is_online=True),
    }


def test_country_and_region(places, astana) -> None:
    assert set(found(country="ru")) == {places["moscow"].pk, places["petersburg"].pk}
    assert found(region=astana.region_id) == [places["astana"].pk]


def test_a_city_alone_is_that_city(places, astana) -> None:
    assert found(city=astana.pk) == [places["astana"].pk]


def test_the_radius_follows_known_distances(places, astana, moscow) -> None:
    # Astana – Almaty is about 970 km; Moscow – Saint Petersburg about 634 km.
    assert set(found(city=astana.pk, radius_km=1000)) == {places["astana"].pk, places["almaty"].pk}
    assert found(city=astana.pk, radius_km=940) == [places["astana"].pk]
    assert set(found(city=moscow.pk, radius_km=650)) == {
        places["moscow"].pk,
        places["petersburg"].pk,
    }
    assert found(city=moscow.pk, radius_km=620) == [places["moscow"].pk]


def test_the_distance_is_on_every_row(places, astana) -> None:
    rows = {row.pk: row for row in opportunity_search(city=astana.pk, radius_km=1000)}
    assert rows[places["astana"].pk].distance_km == pytest.approx(0, abs=0.5)
    assert rows[places["almaty"].pk].distance_km == pytest.approx(970, abs=5)


def test_sort_by_distance_puts_online_last(places, astana) -> None:
    order = found(sort="distance", latitude=astana.latitude, longitude=astana.longitude)
    expected = ["astana", "almaty", "moscow", "petersburg", "online"]
    assert order == [places[name].pk for name in expected]


def test_an_unknown_city_finds_nothing(places) -> None:
    assert found(city=999_999) == []


# --- Catalogue filters ---------------------------------------------------------------------


def test_cause_sdg_skill_and_language(org, neutral, reference) -> None:
    green = make_project(org, title_en="Green")
    green.causes.add(reference["environment"])
    green.sdg_targets.add(reference["marine"], reference["ecosystems"])
    in_green = make_opportunity(green)
    medic = make_opportunity(neutral)
    medic.skills.add(reference["first_aid"])
    kazakh = make_opportunity(neutral)
    OpportunityLanguage.objects.create(opportunity=kazakh, language_id="kk", min_level="B1")
    make_opportunity(neutral)

    assert found(cause="environment") == [in_green.pk]
    assert found(cause="education") == []
    assert found(sdg_goal=14) == [in_green.pk]  # one row, though two targets match
    assert found(sdg_goal=4) == []
    assert found(skill="first-aid") == [medic.pk]
    assert found(language="kk") == [kazakh.pk]
    assert found(language="en") == []
    assert Skill.objects.count() == 1


def test_dates_select_overlapping_shifts(neutral) -> None:
    soon = opportunity_at(neutral, [in_days(3)])
    later = opportunity_at(neutral, [in_days(20), in_days(40)])
    open_ended = make_opportunity(neutral, shifts=0)
    today = timezone.localdate()
    assert set(found(date_from=today + timedelta(days=2), date_to=today + timedelta(days=4))) == {
        soon.pk,
        open_ended.pk,
    }
    assert set(found(date_from=today + timedelta(days=25), date_to=today + timedelta(days=30))) == {
        open_ended.pk
    }
    assert later.pk in found(date_from=today + timedelta(days=39))
    assert soon.pk not in found(date_from=today + timedelta(days=39))
    assert later.pk not in found(date_to=today + timedelta(days=5))


def test_online_only_and_open_to_minors(neutral) -> None:
    online = make_opportunity(neutral, is_online=True)
    teens = make_opportunity(neutral, min_age=14)
    adults = make_opportunity(neutral, min_age=18)
    barred = make_opportunity(neutral, restricted_category="emergency")
    assert found(online_only=True) == [online.pk]
    minors = found(open_to_minors=True)
    assert online.pk in minors and teens.pk in minors
    assert adults.pk not in minors and barred.pk not in minors


def test_has_free_seats_after_confirmed_applications_fill_a_shift(neutral) -> None:
    full = make_opportunity(neutral, capacity=2)
    shift = full.shifts.get()
    spare = make_opportunity(neutral, capacity=2)
    confirm(full, "one@example.org", shift=shift)
    assert {row.pk: row.free_seats for row in opportunity_search()} == {full.pk: 1, spare.pk: 2}
    assert set(found(has_free_seats=True)) == {full.pk, spare.pk}
    confirm(full, "two@example.org", shift=shift)
    assert found(has_free_seats=True) == [spare.pk]
    assert {row.pk: row.free_seats for row in opportunity_search()}[full.pk] == 0


def test_free_seats_count_the_pool_of_an_opportunity_without_shifts(neutral) -> None:
    pool = make_opportunity(neutral, shifts=0, capacity=1)
    assert found(has_free_seats=True) == [pool.pk]
    confirm(pool, "one@example.org")
    assert found(has_free_seats=True) == []


def test_free_seats_skip_shifts_that_have_started(neutral) -> None:
    running = opportunity_at(neutral, [timezone.now() - timedelta(hours=1)], capacity=5)
    assert found() == [running.pk]
    assert found(has_free_seats=True) == []


# --- Orders --------------------------------------------------------------------------------


def test_sort_by_date_is_by_first_shift(neutral) -> None:
    late = opportunity_at(neutral, [in_days(30)])
    early = opportunity_at(neutral, [in_days(2)])
    open_ended = make_opportunity(neutral, shifts=0)
    assert found(sort="date") == [early.pk, late.pk, open_ended.pk]


def test_without_words_relevance_falls_back_to_date(neutral) -> None:
    late = opportunity_at(neutral, [in_days(30)])
    early = opportunity_at(neutral, [in_days(2)])
    assert found(sort="relevance") == [early.pk, late.pk]


def test_next_start_is_the_next_shift_not_a_past_one(neutral) -> None:
    opportunity = opportunity_at(neutral, [timezone.now() - timedelta(days=1), in_days(5)])
    row = opportunity_search().get(pk=opportunity.pk)
    assert (
        row.next_start == Shift.objects.filter(opportunity=opportunity).order_by("start")[1].start
    )


def test_the_queryset_is_one_query_with_its_annotations(neutral, django_assert_num_queries) -> None:
    for _number in range(5):
        make_opportunity(neutral)
    with django_assert_num_queries(1):
        rows = list(opportunity_search(query="volunteer", sort="date"))
        assert all(row.project.title and row.free_seats == 10 for row in rows)
    assert len(rows) == 5
    assert Opportunity.objects.count() == 5


def test_words_with_country_cause_and_radius_together(org, neutral, reference, astana, moscow):
    # On PostgreSQL these filters also narrow the match inside the full-text index.
    from council.projects.services.index import project_refresh

    green = make_project(org, title_en="Green", title_ru="Зелёный город")
    green.causes.add(reference["environment"])
    project_refresh(project=green)
    near = make_opportunity(green, city=astana, title_ru="Посадка деревьев")
    make_opportunity(green, city=moscow, title_ru="Посадка деревьев")
    make_opportunity(neutral, city=astana, title_ru="Посадка деревьев")
    filters = {"country": "KZ", "cause": "environment", "city": astana.pk, "radius_km": 50}
    assert found(query="посадку деревьев", **filters) == [near.pk]
    assert found(query="посадку деревьев", **{**filters, "cause": "education"}) == []


def test_the_ended_mark_only_narrows_and_a_new_shift_clears_it(neutral) -> None:
    from django.core.management import call_command

    soon = opportunity_at(neutral, [in_days(2)], title_en="Volunteer host")
    later = opportunity_at(neutral, [in_days(9)], title_en="Volunteer guide")
    # Time passes for `soon` without any edit: its last shift is now behind us.
    Shift.objects.filter(opportunity=soon).update(
        start=timezone.now() - timedelta(days=2), end=timezone.now() - timedelta(days=1)
    )
    Opportunity.objects.filter(pk=soon.pk).update(last_end=timezone.now() - timedelta(days=1))
    assert not Opportunity.objects.get(pk=soon.pk).has_ended
    assert found() == [later.pk]  # exact before the mark
    call_command("mark_ended_opportunities")
    assert Opportunity.objects.get(pk=soon.pk).has_ended
    assert not Opportunity.objects.get(pk=later.pk).has_ended
    assert found() == [later.pk]
    Shift.objects.create(
        opportunity=soon, start=in_days(3), end=in_days(3) + timedelta(hours=2), capacity=5
    )
    opportunity_refresh(opportunity=Opportunity.objects.get(pk=soon.pk))
    assert not Opportunity.objects.get(pk=soon.pk).has_ended
    assert found() == [soon.pk, later.pk]
