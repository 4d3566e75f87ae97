"""The council's page as a reader sees it: each country's project count matches the projects
listed under it, the place of founding is written in the reader's language only, and each
delegation is a link (to its own page for those who may open it, to its forum otherwise)."""

from __future__ import annotations

from typing import Any

import pytest

from council.conftest import reader
from council.cooperation.models import Council
from council.forums.tests.conftest import make_delegation, make_forum
from council.projects.tests.conftest import make_project


def columns_of(page: str) -> dict[str, str]:
    return {section.split('"', 1)[0]: section for section in page.split('id="country-')[1:]}


@pytest.mark.parametrize(
    ("language", "heading", "place", "other_places"),
    [
        ("ru", "Проекты", "Омск", ("Omsk", "Омбы")),
        ("kk", "Жобалар", "Омбы", ("Omsk", "Омск")),
        ("en", "Projects", "Omsk", ("Омск", "Омбы")),
    ],
)
def test_counts_places_and_delegations_as_read(
    council: Council,
    ru_network: Any,
    kz_network: Any,
    ru_coordinator: Any,
    astana: Any,
    language: str,
    heading: str,
    place: str,
    other_places: tuple[str, ...],
) -> None:
    council.founded_at_ru, council.founded_at_kk, council.founded_at_en = "Омск", "Омбы", "Omsk"
    council.save()
    make_project(ru_network, title_en="Silver volunteers of Omsk", title_ru="Серебряные Омска")
    make_project(ru_network, title_en="Clean shores of the Irtysh", title_ru="Чистый Иртыш")
    forum = make_forum(kz_network, astana, title_en="Astana forum", title_ru="Форум в Астане")
    delegation = make_delegation(forum, ru_network, ru_coordinator)

    page = reader(language).get(f"/councils/{council.pk}/").content.decode()
    russia = columns_of(page)["RU"]
    assert f'{heading} <span class="muted">(2)</span>' in russia
    header = page.split('<div class="columns">', 1)[0]
    assert f"· {place}</p>" in header
    for other in other_places:
        assert other not in header
    # A visitor follows the delegation to its forum; the head to the delegation's page.
    assert f'href="/forums/{forum.pk}/"' in russia
    assert f'href="/forums/delegations/{delegation.pk}/"' not in russia
    own = columns_of(
        reader(language, ru_coordinator).get(f"/councils/{council.pk}/").content.decode()
    )
    assert f'href="/forums/delegations/{delegation.pk}/"' in own["RU"]


@pytest.mark.parametrize(("language", "open_ended"), [("ru", "бессрочно"), ("kk", "мерзімсіз")])
def test_an_agreement_without_an_end_reads_open_ended_on_the_council_page(
    council: Council,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    language: str,
    open_ended: str,
) -> None:
    from datetime import date

    from council.cooperation.tests.conftest import signed_agreement

    signed_agreement(
        council, secretariat, [ru_network, kz_network], ends_on=None, today=date(2026, 11, 22)
    )
    page = reader(language).get(f"/councils/{council.pk}/").content.decode()
    assert f"<td>{open_ended}</td>" in page
    assert "<td>—</td>" not in page
