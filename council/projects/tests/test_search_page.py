"""The search page: a GET form that works without JavaScript, an htmx partial, bounded
queries whatever the number of results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.lib.tests.languages import in_each_language
from council.projects.tests.conftest import make_opportunity, make_project
from council.projects.tests.search_helpers import almaty, opportunity_at, opportunity_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def neutral(org):
    return make_project(org, title_en="Programme 2027", title_ru="Программа 2027")


@pytest.fixture
def thirty(neutral) -> None:
    """Thirty opportunities, each with one shift an hour after the one before."""
    for number in range(30):
        opportunity_at(neutral, [timezone.now() + timedelta(days=2, hours=number)])


def test_the_page_has_a_labelled_get_form_wired_for_htmx(client, neutral) -> None:
    make_opportunity(neutral)
    response = client.get("/search/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/search/"' in page
    assert 'hx-get="/search/"' in page
    assert 'hx-target="#search-results"' in page
    assert 'hx-push-url="true"' in page
    assert 'id="search-results"' in page
    for name in ["q", "country", "region", "city", "radius", "cause", "sdg", "skill"]:
        assert f'for="id_{name}"' in page, name
    for name in ["language", "date_from", "date_to", "online", "minors", "free", "sort"]:
        assert f'for="id_{name}"' in page, name


def test_htmx_gets_only_the_results(client, neutral) -> None:
    make_opportunity(neutral)
    partial = client.get("/search/?q=volunteer", HTTP_HX_REQUEST="true").content.decode()
    assert "Beach clean-up volunteer" in partial
    assert "<form" not in partial and "<html" not in partial
    full = client.get("/search/?q=volunteer").content.decode()
    assert "Beach clean-up volunteer" in full and "<form" in full and "<html" in full


def test_results_link_to_the_opportunity_with_place_date_and_seats(client, neutral, kazakhstan):
    start = (timezone.now() + timedelta(days=10)).replace(hour=4, minute=0, second=0, microsecond=0)
    in_almaty = opportunity_at(neutral, [start], city=almaty(kazakhstan), capacity=3)
    online = opportunity_with(neutral, titles={"en": "Remote tutor"}, is_online=True)
    page = client.get("/search/").content.decode()
    assert f'href="/opportunities/{in_almaty.pk}/"' in page
    assert f'href="/opportunities/{online.pk}/"' in page
    assert "Almaty" in page and "online" in page and "Programme 2027" in page
    # 04:00 UTC is 09:00 in Almaty (UTC+5), the place's own time.
    local = start.astimezone(UTC) + timedelta(hours=5)
    assert f"{local.day} {local:%B %Y}, 09:00" in page
    assert ">3</dd>" in page


def test_titles_follow_the_interface_language(client, neutral) -> None:
    opportunity_with(neutral, titles={"ru": "Волонтёр", "kk": "Ерікті", "en": "Volunteer"})
    assert "Ерікті" in client.get("/search/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Волонтёр" in client.get("/search/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def test_filters_stay_in_the_address_and_work_without_javascript(client, neutral, astana):
    make_opportunity(neutral, city=astana, title_en="Marathon steward")
    make_opportunity(neutral, is_online=True, title_en="Online mentor")
    page = client.get("/search/?q=stewards&online=").content.decode()
    assert "Marathon steward" in page and "Online mentor" not in page
    page = client.get("/search/?online=on").content.decode()
    assert "Online mentor" in page and "Marathon steward" not in page
    page = client.get(f"/search/?city={astana.pk}&radius=50&sort=distance").content.decode()
    assert "Marathon steward" in page and "0 km away" in page


def test_bad_filters_show_an_error_and_no_results(client, neutral) -> None:
    """Results of other filters than the ones asked for would read as the answer."""
    make_opportunity(neutral, title_en="Marathon steward")
    response = client.get("/search/?q=steward&radius=-3&country=XX&date_from=soon&page=abc")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist"' in page
    assert "Marathon steward" not in page and "found" not in page
    page = client.get("/search/?radius=50").content.decode()
    assert "Choose the city to measure the distance from." in page


@in_each_language(
    en=("The end date is before the start date.", "To", "opportunity found"),
    ru=("Дата окончания раньше даты начала.", "Дата по", "Найден"),
    kk=("Аяқталу күні басталу күнінен бұрын тұр.", "Күнге дейін", "табылды"),
)
def test_an_end_date_before_the_start_shows_the_error_and_no_count(
    client, neutral, language, error, label, found
) -> None:
    make_opportunity(neutral, title_en="Marathon steward", title_ru="Стюард", title_kk="Стюард")
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    today = timezone.now().date()
    ok = client.get(
        f"/search/?date_from={today}&date_to={today + timedelta(days=30)}", **headers
    ).content.decode()
    assert found in ok
    path = "/search/?date_from=2030-05-10&date_to=2030-05-01"
    for page in (
        client.get(path, **headers).content.decode(),
        client.get(path, HTTP_HX_REQUEST="true", **headers).content.decode(),
    ):
        assert error in page
        assert f"{label}: {error}" in page  # the results area names the field too
        assert found not in page and 'class="result-title"' not in page
        assert "Стюард" not in page and "Marathon steward" not in page


def test_the_filters_fold_and_count_what_is_chosen(client, neutral, astana) -> None:
    make_opportunity(neutral, city=astana)
    plain = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<details class="search-filters" id="search-filters" open>' in plain
    assert "<summary>Фильтры<span" in plain and "выбрано" not in plain
    assert "council/search-filters.js" in plain
    # The words stay outside the fold.
    assert plain.index('id="id_q"') < plain.index("<details")
    assert plain.index("<details") < plain.index('id="id_country"')
    chosen = client.get(
        f"/search/?q=beach&city={astana.pk}&online=on&sort=date", HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()
    assert "Сүзгілер" in chosen and "(таңдалғаны: 2)" in chosen
    # htmx replaces the results only: the count comes along out of band.
    partial = client.get(
        f"/search/?city={astana.pk}", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<span id="filter-count" hx-swap-oob="true"> (1 chosen)</span>' in partial


def assert_thirty_in_two_pages(client: Any, query: str) -> None:
    """The thirty opportunities the search finds, 25 on the first page and 5 on the second."""
    page = client.get(f"/search/?{query}").content.decode()
    assert "30 opportunities found" in page and "Page 1 of 2" in page
    assert page.count('class="result-title"') == 25
    second = client.get(f"/search/?{query}&page=2").content.decode()
    assert second.count('class="result-title"') == 5


def test_results_are_paged_by_25(client, thirty) -> None:
    assert_thirty_in_two_pages(client, "")


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_costs_the_same_queries_for_few_or_many(
    client, neutral, reference, astana, count, django_assert_max_num_queries
) -> None:
    for _number in range(count):
        opportunity = make_opportunity(neutral, city=astana)
        opportunity.skills.add(reference["first_aid"])
    path = f"/search/?q=volunteer&skill=first-aid&city={astana.pk}&radius=20&free=on"
    # Cold: 7 choice lists of the form, 2 filter look-ups, the cities, the count, the page.
    with django_assert_max_num_queries(12):
        page = client.get(path).content.decode()
    assert f"{count} opportunit" in page
    # Reference rows are then kept in the process: the count and the page.
    with django_assert_max_num_queries(2):
        page = client.get(path).content.decode()
    assert f"{count} opportunit" in page
    with django_assert_max_num_queries(3):
        client.get("/search/?q=volunteer", HTTP_HX_REQUEST="true")


def test_a_search_at_a_given_time_of_day(client, neutral) -> None:
    """The next shift is the first one still to come."""
    past = datetime.now(tz=UTC) - timedelta(days=1)
    coming = datetime.now(tz=UTC) + timedelta(days=3)
    opportunity_at(neutral, [past, coming.replace(hour=6, minute=0, second=0, microsecond=0)])
    page = client.get("/search/").content.decode()
    assert f"{coming.day} {coming:%B %Y}, 06:00" in page


def test_a_word_search_counts_exactly_and_pages_in_rank_order(client, thirty) -> None:
    assert_thirty_in_two_pages(client, "q=volunteer")
    past_the_end = client.get("/search/?q=volunteer&page=9").content.decode()
    assert "Page 2 of 2" in past_the_end
    assert client.get("/search/?q=nothing-like-this").content.decode().count("result-title") == 0


def test_the_plain_list_reuses_its_form_per_language(
    client, thirty, django_assert_max_num_queries
) -> None:
    ru = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<label for="id_q">Ключевые слова:</label>' in ru
    first = client.get("/search/", HTTP_ACCEPT_LANGUAGE="kk")
    assert "projects/search/_filters.html" in [t.name for t in first.templates]
    # The kept form HTML is per language, and the list is two queries: keys, then rows.
    with django_assert_max_num_queries(2):
        response = client.get("/search/?page=2", HTTP_ACCEPT_LANGUAGE="kk")
    # not rendered again
    assert "projects/search/_filters.html" not in [t.name for t in response.templates]
    kk = response.content.decode()
    assert '<label for="id_q">Кілт сөздер:</label>' in kk and "Ключевые" not in kk
    assert kk.count('class="result-title"') == 5
    # With a filter the form is rendered and shows what was asked for.
    bound = client.get("/search/?q=harbour", HTTP_ACCEPT_LANGUAGE="en")
    assert "projects/search/_filters.html" in [t.name for t in bound.templates]
    assert 'name="q" value="harbour"' in bound.content.decode()
