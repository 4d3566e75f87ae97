"""The council's page of member countries side by side: this node's figures next to each live
peer's as last pulled, "as of" their time, marked when older than a day; in ru, kk and en;
for whoever sees the council's dashboard."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.conftest import make_user, reader
from council.federation.models import Peer, PeerAggregate

URL = "/federation/council/"


def page_text(response: Any) -> str:
    """The words of the page as a reader sees them."""
    assert response.status_code == 200
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(words).split())


def _kept(peer: Peer, *, age: timedelta = timedelta(hours=1)) -> PeerAggregate:
    cell = {"volunteers": 41, "hours": "120.50"}
    period = {
        **cell,
        "value": {"KZT": "241000.00"},
        "organisations": 3,
        "projects": 4,
        "opportunities": 2,
        "forums": 1,
        "goals": {"3": cell, "5": {"volunteers": None, "hours": None}},
        "regions": {"KZ-71": cell},
    }
    at = timezone.now() - age
    return PeerAggregate.objects.create(
        peer=peer,
        figures={
            "year": timezone.localdate().year,
            "catalogue": {"organisations": 5, "projects": 6, "opportunities": 7, "forums": 1},
            "periods": {"year": period, "all_time": period},
        },
        as_of=at,
        fetched_at=at,
    )


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("ru", ("Россия", "Казахстан")),
        ("kk", ("Ресей", "Қазақстан")),
        ("en", ("Russia", "Kazakhstan")),
    ],
)
def test_both_countries_side_by_side_in_each_language(
    world: dict[str, Any],
    kz_peer: Peer,
    council_secretariat: Any,
    language: str,
    names: tuple[str, str],
) -> None:
    _kept(kz_peer)
    response = reader(language, council_secretariat).get(URL)
    assert response.status_code == 200
    text = page_text(response)
    here, there = names
    assert here in text and there in text
    assert kz_peer.names[language] in text
    # The peer's figures as it sent them, with small cells hidden.
    assert "41" in text and "<5" in text
    # This node's: 9 people with verified hours this year.
    header = text.split(there)[0]
    assert here in header
    assert response.content.decode().count('class="chart-image"') == 2


def test_a_peer_older_than_a_day_is_marked(
    world: dict[str, Any], kz_peer: Peer, council_secretariat: Any
) -> None:
    _kept(kz_peer, age=timedelta(days=2))
    text = page_text(reader("en", council_secretariat).get(URL))
    assert "as of" in text
    assert "Older than 24 hours: the platform has not answered since" in text


def test_a_fresh_peer_is_not_marked(
    world: dict[str, Any], kz_peer: Peer, council_secretariat: Any
) -> None:
    _kept(kz_peer)
    text = page_text(reader("en", council_secretariat).get(URL))
    assert "as of" in text and "Older than" not in text


def test_a_peer_without_figures_yet(
    world: dict[str, Any], kz_peer: Peer, council_secretariat: Any
) -> None:
    text = page_text(reader("en", council_secretariat).get(URL))
    assert "Kazakh node" in text and "no figures received yet" in text


def test_a_suspended_peer_is_not_shown(
    world: dict[str, Any], kz_peer: Peer, council_secretariat: Any
) -> None:
    _kept(kz_peer)
    Peer.objects.filter(pk=kz_peer.pk).update(status="suspended")
    text = page_text(reader("en", council_secretariat).get(URL))
    assert "Russia" in text and "Kazakh node" not in text and "41" not in text


def test_who_sees_it(
    node: None, council_with_networks: dict[str, Any], russia: Any, kz_peer: Peer
) -> None:
    assert reader("en").get(URL).status_code == 302
    volunteer = make_user("someone@example.org", russia)
    assert reader("en", volunteer).get(URL).status_code == 404
    for coordinator in council_with_networks.values():
        assert reader("en", coordinator).get(URL).status_code == 200


def test_the_council_dashboard_links_to_it(
    node: None, council_with_networks: dict[str, Any]
) -> None:
    response = reader("en", council_with_networks["RU"]).get("/reports/")
    assert f'href="{URL}"' in response.content.decode()
