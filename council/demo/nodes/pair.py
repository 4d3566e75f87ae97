"""A Russian and a Kazakh node on this machine, each behind its own link.

    pair = NodePair("sqlite://", workdir=Path("data/federation"))
    pair.prepare()        # two databases from the template
    pair.seed()           # federation_seed on each
    pair.start()          # two links, two servers
    pair.peer()           # RU adds KZ, KZ accepts RU
    pair.kz.run("federation_deliver")
    pair.ru.link.cut(); …; pair.ru.link.restore()
    pair.stop()

Each node's NODE_URL is its link's address: a peer reaches it only through the link, so cutting
`pair.ru.link` cuts Russia off from Kazakhstan, while people (and tests) still open each node
directly. The Kazakh node's pages are offered at localhost rather than 127.0.0.1, so that one
browser keeps a separate sign-in for each node (cookies ignore the port).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from council.demo.nodes.databases import backend_of, database_name, with_database
from council.demo.nodes.link import Link
from council.demo.nodes.process import NodeProcess, free_port

# (node id, country) of the pair, in the order they are started.
NODES = (("ru", "RU"), ("kz", "KZ"))


class LinkedNode(NodeProcess):
    """A node with the link its peers reach it through."""

    link: Link


class NodePair:
    def __init__(
        self,
        database_url: str,
        *,
        workdir: Path,
        ports: dict[str, int] | None = None,
        link_ports: dict[str, int] | None = None,
        suffix: str = "",
        env: dict[str, str] | None = None,
    ) -> None:
        """`database_url`: "sqlite://" (files <workdir>/<node>.sqlite3) or a PostgreSQL
        server URL (databases <its name>_fed_<node><suffix>); `ports`/`link_ports`: the
        servers' and links' ports by node id (free ones when not given)."""
        workdir.mkdir(parents=True, exist_ok=True)
        ports = ports or {node_id: free_port() for node_id, _country in NODES}
        link_ports = link_ports or {node_id: free_port() for node_id, _country in NODES}
        every_port = [*ports.values(), *link_ports.values()]
        self.nodes: dict[str, LinkedNode] = {}
        for node_id, country in NODES:
            if backend_of(database_url) == "sqlite":
                url = f"sqlite:///{workdir.resolve() / f'{node_id}.sqlite3'}"
            else:
                name = f"{database_name(database_url) or 'council'}_fed_{node_id}{suffix}"
                url = with_database(database_url, name)
            host = "localhost" if node_id == "kz" else "127.0.0.1"
            node = LinkedNode(
                node_id,
                country,
                ports[node_id],
                url,
                env=env,
                public_port=link_ports[node_id],
                peer_ports=every_port,
                site_url=f"http://{host}:{ports[node_id]}",
                workdir=workdir / node_id,
            )
            node.link = Link(ports[node_id], port=link_ports[node_id])
            self.nodes[node_id] = node

    @property
    def ru(self) -> LinkedNode:
        return self.nodes["ru"]

    @property
    def kz(self) -> LinkedNode:
        return self.nodes["kz"]

    def __iter__(self) -> Iterator[LinkedNode]:
        return iter(self.nodes.values())

    def __getitem__(self, node_id: str) -> LinkedNode:
        return self.nodes[node_id]

    def prepare(self, *, fresh: bool = True) -> NodePair:
        """Each node's database from the template; with `fresh=False` databases that are
        there are kept, and so are the nodes' keys (node-secrets.json in their folders)."""
        for node in self:
            if fresh:
                (node.workdir / "node-secrets.json").unlink(missing_ok=True)
            node.keep_secrets()
            node.prepare(fresh=fresh)
        return self

    def seed(self, *, volunteers: int = 10, seats: int = 50) -> dict[str, str]:
        """federation_seed on each node; what each printed (its logins)."""
        return {
            node.node_id: node.run(
                "federation_seed",
                "--country",
                node.country,
                "--volunteers",
                str(volunteers),
                "--seats",
                str(seats),
            )
            for node in self
        }

    def start(self) -> NodePair:
        try:
            for node in self:
                node.link.start()
                node.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for node in self:
            node.stop()
            node.link.stop()

    def drop(self) -> None:
        for node in self:
            node.drop()

    def peer(self, first: str = "ru", second: str = "kz") -> dict[str, str]:
        """`first` adds `second` by its address, `second` accepts; each side's status of the
        other afterwards (federation_peer needs the peering services)."""
        one, other = self.nodes[first], self.nodes[second]
        one.run("federation_peer", "--url", other.url)
        other.run("federation_peer", "--accept", first)
        return {first: self.peer_status(first, second), second: self.peer_status(second, first)}

    def peer_status(self, node_id: str, peer_id: str) -> str:
        rows = json.loads(self.nodes[node_id].run("federation_peer", "--list", "--json"))
        return next((row["status"] for row in rows if row["node_id"] == peer_id), "")

    def __enter__(self) -> NodePair:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
