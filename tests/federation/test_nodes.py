"""Two live nodes in one test run: each serves its pages in three languages from its own
database, publishes itself at the well-known address, runs commands against its own data, and
is reached by its peers through a link that can be cut and restored."""

from __future__ import annotations

import importlib.util
import time
from typing import Any

import pytest
import requests

from council.demo.nodes import NodeError, NodePair
from tests.federation.client import page_language

# The organisations each node's demo data registers (council/demo/data/federation.json).
OWN_ORGANISATIONS = {
    "ru": "Omsk Regional Volunteer Centre",
    "kz": "Almaty City Volunteer Centre",
}


def test_each_node_serves_its_pages_in_three_languages(two_nodes: NodePair, client: Any) -> None:
    for node in two_nodes:
        assert requests.get(f"{node.direct_url}/healthz", timeout=10).text == "ok"
        for language in ("ru", "kk", "en"):
            page = client(node, language).get("/")
            assert page.status_code == 200, (node.node_id, language)
            assert page_language(page.text) == language, (node.node_id, language)
        english = client(node, "en").get("/").text
        other = "kz" if node.node_id == "ru" else "ru"
        assert OWN_ORGANISATIONS[node.node_id] in english
        assert OWN_ORGANISATIONS[other] not in english


def test_each_node_has_its_own_database(two_nodes: NodePair, client: Any) -> None:
    ru, kz = two_nodes.ru, two_nodes.kz
    assert ru.database_url != kz.database_url
    # A volunteer added on the Russian node exists there, and only there.
    ru.run("federation_seed", "--country", "RU", "--volunteers", "11", "--quiet")
    email = "volunteer011@ru.node.example"
    assert client(ru).sign_in(email).status_code == 302
    refused = client(kz).sign_in(email)
    assert refused.status_code == 200  # the sign-in form again, with its error
    assert client(kz).sign_in("volunteer001@kz.node.example").status_code == 302


def test_a_command_runs_against_its_own_node(two_nodes: NodePair) -> None:
    again = two_nodes.kz.run("federation_seed", "--country", "KZ", "--volunteers", "1", "--quiet")
    assert again.strip() == "KZ node: nothing new."
    with pytest.raises(NodeError, match="This is the KZ node"):
        two_nodes.kz.run("federation_seed", "--country", "RU")


def test_a_person_signs_in_on_their_node(two_nodes: NodePair, client: Any) -> None:
    organiser = client(two_nodes.ru, "ru")
    organiser.login("organiser@ru.node.example")
    assert "Павел Орлов" in organiser.get("/").text
    volunteer = client(two_nodes.kz, "kk")
    volunteer.login("volunteer001@kz.node.example")
    assert page_language(volunteer.get("/").text) == "kk"


@pytest.mark.skipif(
    importlib.util.find_spec("council.federation.keys") is None,
    reason="the well-known route comes with council/federation/keys.py (helper TRANSPORT)",
)
def test_each_node_publishes_itself_at_the_well_known_address(two_nodes: NodePair) -> None:
    for node in two_nodes:
        answer = requests.get(f"{node.url}/.well-known/volunteer-council-node", timeout=10)
        assert answer.status_code == 200
        document = answer.json()
        assert document["country"] == node.country
        assert node.url in answer.text


def test_the_link_can_be_cut_slowed_and_restored(two_nodes: NodePair) -> None:
    node = two_nodes.ru
    through_link = f"{node.url}/healthz"
    assert requests.get(through_link, timeout=10).text == "ok"
    try:
        node.link.cut()
        with pytest.raises(requests.ConnectionError):
            requests.get(through_link, timeout=5)
        # People still reach the node itself; only its peers are cut off.
        assert requests.get(f"{node.direct_url}/healthz", timeout=10).text == "ok"
        node.link.cut(refuse=True)
        with pytest.raises(requests.ConnectionError):
            requests.get(through_link, timeout=5)
        node.link.restore()
        assert requests.get(through_link, timeout=10).text == "ok"

        node.link.slow(1.0)
        with pytest.raises(requests.Timeout):
            requests.get(through_link, timeout=0.4)
        started = time.monotonic()
        assert requests.get(through_link, timeout=10).text == "ok"
        assert time.monotonic() - started >= 1.0
    finally:
        node.link.restore()
    assert requests.get(through_link, timeout=10).text == "ok"


def test_the_nodes_peer_with_each_other(peered_nodes: NodePair) -> None:
    assert peered_nodes.peer_status("ru", "kz") == "live"
    assert peered_nodes.peer_status("kz", "ru") == "live"
