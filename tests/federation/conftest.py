"""The two-node suite (`make pytest-federation`): a Russian and a Kazakh node run as real
gunicorn processes, each with its own database and demo data (federation_seed), each behind a
link that a test can cut, slow and restore (council/demo/nodes).

`two_nodes` is module-scoped and parametrised by backend: SQLite always; PostgreSQL when
DATABASE_URL points at it, or under CI=true, where an unreachable PostgreSQL fails the run
instead of skipping it. Migrating is paid once: the template database is kept between runs
(data/federation/ for SQLite, council_fedtpl_<fingerprint> on PostgreSQL) and each node's
database is copied from it.

A module may set `FEDERATION_SEED = {"volunteers": 200, "seats": 50}` for its nodes' demo data.
`peered_nodes` is `two_nodes` peered with each other (RU adds KZ, KZ accepts). Helpers:
`client(node, language)` (tests/federation/client.py) for a person's session, `node.run(…)`
for a management command or job on one node.

Every test here is marked `federation` (added at collection): the other suites leave them out,
`-m federation` runs them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from council.demo.nodes import NodePair
from council.demo.nodes.databases import with_database
from tests.federation.client import NodeClient

BACKENDS = ("sqlite", "postgres")
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/council"


def pytest_itemcollected(item: pytest.Item) -> None:
    item.add_marker(pytest.mark.federation)


def postgres_url() -> str | None:
    """The PostgreSQL server the nodes' databases go on, or None when not asked for."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url
    if os.environ.get("CI") == "true":
        return DEFAULT_POSTGRES
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"federation: {reason}", pytrace=False)
    pytest.skip(reason)


def backend_url(backend: str) -> str:
    if backend == "sqlite":
        return "sqlite://"
    url = postgres_url()
    if url is None:
        pytest.skip("PostgreSQL nodes not run: set DATABASE_URL=postgres://… or CI=true")
    try:
        with psycopg.connect(with_database(url, "postgres"), connect_timeout=5):
            pass
    except psycopg.OperationalError as error:
        _unavailable(f"PostgreSQL is unreachable: {error}")
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def two_nodes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NodePair]:
    """A Russian and a Kazakh node, seeded and started (not peered)."""
    url = backend_url(request.param)
    workdir = tmp_path_factory.mktemp(f"nodes-{request.param}")
    pair = NodePair(url, workdir=workdir, suffix=f"_{os.getpid()}")
    seed: dict[str, Any] = getattr(request.module, "FEDERATION_SEED", {})
    try:
        pair.prepare()
        pair.seed(**seed)
        pair.start()
        yield pair
    finally:
        pair.stop()
        pair.drop()


def peering_available() -> bool:
    return importlib.util.find_spec("council.federation.services.peering") is not None


@pytest.fixture(scope="module")
def peered_nodes(two_nodes: NodePair) -> NodePair:
    """`two_nodes`, peered: RU adds KZ by its address, KZ accepts."""
    if not peering_available():
        pytest.skip("the peering services (council/federation/services/peering.py) are absent")
    two_nodes.peer()
    return two_nodes


@pytest.fixture
def client() -> Any:
    """`client(node, language="en")`: a new person's session on that node."""

    def make(node: Any, language: str = "en") -> NodeClient:
        return NodeClient(node, language=language)

    return make
