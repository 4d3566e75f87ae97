"""The council's dashboard: every figure against the hand-computed world (conftest.py), with
each filter, on the page and over the API; and who may see it."""

from __future__ import annotations

import base64
import html
import itertools
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from council.conftest import speaking
from council.lib.tests.pages import assert_shown, page_text
from council.reports.selectors.council import council_dashboard
from council.reports.selectors.filters import Filters
from council.reports.selectors.sdg import sdg_breakdown
from council.reports.selectors.sums import volunteers_by_age
from council.reports.tests.conftest import log_hours


def _column(columns: list[Any], code: str) -> Any:
    return next(column for column in columns if column.country.code == code)


def test_every_figure_of_the_whole_year(world: dict[str, Any]) -> None:
    columns = council_dashboard(Filters(year=2026), currency="USD")
    assert [column.country.code for column in columns] == ["KZ", "RU"]
    ru, kz = _column(columns, "RU"), _column(columns, "KZ")
    assert (ru.volunteers, ru.sums.hours, ru.sums.paid_hours, ru.sums.entries) == (
        6,
        Decimal("15.00"),
        Decimal("4.00"),
        7,
    )
    assert ru.sums.values == {"RUB": Decimal("6000.00")}
    assert ru.conversion.total == Decimal("66.00")
    assert (kz.volunteers, kz.sums.hours, kz.sums.values) == (
        3,
        Decimal("15.00"),
        {"KZT": Decimal("30000.00")},
    )
    assert kz.conversion.total == Decimal("60.00")
    assert (ru.projects, ru.joint_projects, kz.projects, kz.joint_projects) == (1, 1, 1, 0)
    assert (ru.commitments_due, ru.commitments_done, ru.commitments_late) == (1, 1, 0)
    assert (kz.commitments_due, kz.commitments_done, kz.commitments_late) == (1, 0, 1)
    assert (ru.forums, ru.delegations, ru.deployments) == (0, 0, 0)


def test_the_charts_series(world: dict[str, Any]) -> None:
    filters = Filters(year=2026)
    by_goal = sdg_breakdown(filters)
    assert {key: sums.hours for key, sums in by_goal.items()} == {
        ("3", "KZ"): Decimal("15.00"),
        ("4", "RU"): Decimal("15.00"),
        ("11", "RU"): Decimal("15.00"),
    }
    assert {key: sums.volunteers for key, sums in by_goal.items()} == {
        ("3", "KZ"): 3,
        ("4", "RU"): 6,
        ("11", "RU"): 6,
    }
    assert volunteers_by_age(filters) == {
        ("silver", "RU"): 1,
        ("14_17", "RU"): 1,
        ("adult", "RU"): 4,
        ("under_14", "KZ"): 1,
        ("unknown", "KZ"): 2,
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # (RU people, RU hours, KZ people, KZ hours)
        ({"month": 4}, (1, "3.00", 0, "0")),
        ({"month": 3}, (6, "12.00", 3, "15.00")),
        ({"cause": "health"}, (0, "0", 3, "15.00")),
        ({"goal": 4}, (6, "15.00", 0, "0")),
        ({"goal": 3, "cause": "health"}, (0, "0", 3, "15.00")),
        ({"region": "moscow"}, (6, "15.00", 0, "0")),
        ({"region": "moscow", "goal": 11}, (6, "15.00", 0, "0")),
        ({"organisation": "ru_org"}, (6, "15.00", 0, "0")),
        ({"organisation": "ru_org", "month": 4}, (1, "3.00", 0, "0")),
    ],
)
def test_each_filter(
    world: dict[str, Any], filters: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    values = dict(filters)
    if "region" in values:
        values["region"] = world[values["region"]].pk
    if "organisation" in values:
        values["organisation"] = world[values["organisation"]].pk
    columns = council_dashboard(
        Filters(year=2026, countries=("KZ", "RU"), **values), currency="USD"
    )
    ru, kz = _column(columns, "RU"), _column(columns, "KZ")
    assert (ru.volunteers, ru.sums.hours, kz.volunteers, kz.sums.hours) == (
        expected[0],
        Decimal(expected[1]),
        expected[2],
        Decimal(expected[3]),
    )


def test_the_page_in_russian(client: Any, world: dict[str, Any], ru_coordinator: Any) -> None:
    page = page_text(client, "/reports/?year=2026", speaking(ru_coordinator, "ru"))
    assert_shown(
        page,
        "Панель совета",
        "6\xa0000,00\xa0RUB",
        "≈ 66,00\xa0USD",
        "30\xa0000,00\xa0KZT",
        "≈ 60,00\xa0USD",
    )
    charts = [
        base64.b64decode(data).decode()
        for data in re.findall(
            r'<img class="chart-image" src="data:image/svg\+xml;base64,([^"]+)"', page
        )
    ]
    assert len(charts) == 4 and all(svg.startswith("<svg") for svg in charts)
    # No script and nothing fetched from elsewhere: pygal's CDN script is switched off.
    assert not [svg for svg in charts if "<script" in svg or "kozea" in svg]
    assert "1 RUB = 0,011 USD" in page
    assert "Demo wage table RU 2026" in page


def test_the_page_in_english_with_a_filter(
    client: Any, world: dict[str, Any], secretariat: Any
) -> None:
    page = page_text(client, f"/reports/?year=2026&region={world['moscow'].pk}", secretariat)
    assert_shown(
        page,
        "<h1>The council's dashboard</h1>",
        # Each chart's text alternative, and its figures as a table.
        "Verified hours by SDG goal. Hours: most in 4 (15.0 h).",
        "Verified hours by month. Russia: 15.00 h in all, most in Mar (12.0).",
        "Volunteers by age band. Russia: most in 18–54 (4 people).",
        "<caption>Verified hours by month</caption>",
        '<th scope="row">Apr</th><td class="number">3.0</td>',
    )


def test_bad_filters_are_named(client: Any, world: dict[str, Any], secretariat: Any) -> None:
    client.force_login(secretariat)
    response = client.get(f"/reports/?year=abc&month=13&region={world['astana'].pk}&country=RU")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice. abc is not one of the available choices." in page
    assert "Select a valid choice. 13 is not one of the available choices." in page
    assert "This region is not in the chosen country." in page
    api = client.get("/api/v1/reports/council?year=2026&goal=99")
    assert api.status_code == 422
    assert api.json()["errors"] == [
        {
            "field": "goal",
            "message": "Ensure this value is less than or equal to 17.",
        }
    ]


def test_who_sees_it(
    client: Any, world: dict[str, Any], volunteer: Any, org_admin: Any, kz_coordinator: Any
) -> None:
    anonymous = client.get("/reports/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].endswith("?next=/reports/")  # to the sign-in page
    assert client.get("/api/v1/reports/council").status_code == 401
    client.force_login(volunteer)
    refused = client.get("/reports/")
    assert refused.status_code == 404
    assert "Page not found" in refused.content.decode()
    assert "Volunteers active" not in refused.content.decode()
    assert client.get("/api/v1/reports/council").status_code == 404
    client.force_login(org_admin)  # an organisation that is not a council member
    refused = client.get("/reports/")
    assert refused.status_code == 404
    assert "Volunteers active" not in refused.content.decode()
    client.force_login(kz_coordinator)  # the organiser of a council member: every country
    page = client.get("/reports/?year=2026").content.decode()
    assert "<dt>Volunteers active</dt><dd>6</dd>" in page  # Russia
    assert "<dt>Volunteers active</dt><dd>3</dd>" in page  # Kazakhstan


def test_the_api(client: Any, world: dict[str, Any], kz_coordinator: Any) -> None:
    client.force_login(kz_coordinator)
    body = client.get("/api/v1/reports/council?year=2026").json()
    ru = next(c for c in body["countries"] if c["country"] == "RU")
    assert ru["totals"]["volunteers"] == 6
    assert ru["totals"]["hours"] == "15.00"
    assert ru["totals"]["paid_work_hours"] == "4.00"
    assert ru["value_converted"]["total"] == "66.00"
    assert ru["hours_by_month"] == {"2026-03": "12.00", "2026-04": "3.00"}
    assert ru["hours_by_goal"] == {"4": "15.00", "11": "15.00"}
    assert ru["volunteers_by_age"]["silver"] == 1
    assert ru["commitments_done"] == 1


def test_the_number_of_queries_does_not_grow_with_the_data(
    client: Any, world: dict[str, Any], secretariat: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from council.hours.services.entries import hours_verify

    client.force_login(secretariat)
    pages = ["/reports/?year=2026", "/reports/sdg/?year=2026", "/statistics/?year=2026"]

    def counts() -> list[int]:
        found = []
        for path in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    for name in ("r3", "r4", "k2"):
        project = world["reading"] if name.startswith("r") else world["first_aid"]
        entry = log_hours(
            world["people"][name],
            project,
            date(2026, 7, 1),
            "1",
            actor=None,
            description="More work",
        )
        hours_verify(
            actor=world["ru_admin"] if name.startswith("r") else world["people"]["k1"], entry=entry
        )
    assert counts() == before


RU_GOALS = {("4", "RU"): ("15.00", 6), ("11", "RU"): ("15.00", 6)}
RU_AGES = {("silver", "RU"): 1, ("14_17", "RU"): 1, ("adult", "RU"): 4}
KZ_GOALS = {("3", "KZ"): ("15.00", 3)}
KZ_AGES = {("under_14", "KZ"): 1, ("unknown", "KZ"): 2}


@pytest.mark.parametrize(
    ("filters", "goals", "ages"),
    [
        # The aggregate tables: a region, a cause, both, a cause with a goal.
        ({"region": "moscow"}, RU_GOALS, RU_AGES),
        ({"region": "astana"}, KZ_GOALS, KZ_AGES),
        ({"cause": "education"}, RU_GOALS, RU_AGES),
        ({"cause": "health"}, KZ_GOALS, KZ_AGES),
        ({"region": "moscow", "cause": "education"}, RU_GOALS, RU_AGES),
        ({"region": "moscow", "cause": "health"}, {}, {}),
        ({"region": "astana", "goal": 3}, KZ_GOALS, KZ_AGES),
        ({"cause": "education", "goal": 11}, {("11", "RU"): ("15.00", 6)}, RU_AGES),
        ({"cause": "health", "goal": 4}, {}, {}),
        # The entries: an organisation.
        ({"organisation": "ru_org"}, RU_GOALS, RU_AGES),
        (
            {"organisation": "ru_org", "month": 4},
            {("4", "RU"): ("3.00", 1), ("11", "RU"): ("3.00", 1)},
            {("silver", "RU"): 1},
        ),
        ({"organisation": "ru_org", "goal": 11}, {("11", "RU"): ("15.00", 6)}, RU_AGES),
    ],
)
def test_the_goal_and_age_charts_under_each_filter(
    world: dict[str, Any],
    filters: dict[str, Any],
    goals: dict[tuple[str, str], tuple[str, int]],
    ages: dict[tuple[str, str], int],
) -> None:
    """Whichever tables answer a filter, the SDG-goal and age-band series are the same
    hand-computed figures (paid work time apart: r2's 4 h never counts)."""
    values = dict(filters)
    for name in ("region", "organisation"):
        if name in values:
            values[name] = world[values[name]].pk
    scoped = Filters(year=2026, countries=("KZ", "RU"), **values)
    assert {
        key: (str(sums.hours), sums.volunteers) for key, sums in sdg_breakdown(scoped).items()
    } == goals
    assert volunteers_by_age(scoped) == ages


def test_the_kazakh_age_chart_labels_stand_apart(
    client: Any, world: dict[str, Any], kz_coordinator: Any
) -> None:
    """The age bands in Kazakh are long: each is broken into lines at its spaces (whole
    words), and no label reaches into its neighbour's place (widths from the font the chart
    names, DejaVu Sans at 12 px, centred on their position)."""
    from PIL import ImageFont

    from council.lib.pdf import FONTS_DIR

    speaking(kz_coordinator, "kk")
    client.force_login(kz_coordinator)
    page = client.get("/reports/?year=2026").content.decode()
    svg = next(
        chart
        for chart in (
            base64.b64decode(data).decode()
            for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
        )
        if "«күміс»" in chart
    )
    axis = svg[svg.index('class="axis x"') : svg.index('class="series')]
    labels = []
    for x, inner in re.findall(r'<text x="([-0-9.]+)" y="[-0-9.]+"[^>]*>(.*?)</text>', axis):
        lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", inner) or [inner]
        labels.append((float(x), [html.unescape(line) for line in lines]))
    assert [" ".join(lines) for _x, lines in labels] == [
        "14 жасқа дейін",
        "14–17 жас",
        "18–54",
        "55 және одан жоғары («күміс»)",
        "жасы көрсетілмеген",
    ]
    assert ["55 және одан", "жоғары", "(«күміс»)"] in [lines for _x, lines in labels]
    font = ImageFont.truetype(str(FONTS_DIR / "DejaVuSans.ttf"), 12)
    spans = [
        (x - width / 2, x + width / 2)
        for x, lines in labels
        for width in [max(font.getlength(line) for line in lines)]
    ]
    for (_left, right), (left, _right) in itertools.pairwise(spans):
        assert right + 4 < left, spans
    # The legend comes below the last line of the labels.
    last_line = max(len(lines) for _x, lines in labels)
    assert last_line == 3
    assert svg.index('class="legends"') > svg.index('class="axis x"')
