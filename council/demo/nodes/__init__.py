"""Live federation nodes on this machine, for `make federation-demo` and tests/federation.

A node is this project run as a real server process (gunicorn) with its own database and its
own NODE_* settings. `NodeProcess` prepares the database from a template migrated once
(databases.py), starts and stops the server and runs management commands against the node;
`Link` is a TCP proxy in front of a node that can be cut, slowed and restored (link.py);
`NodePair` wires a Russian and a Kazakh node with a link each (pair.py).

Nothing here imports Django: the runner only starts processes, so a test process whose own
settings point at another database drives nodes without touching it.
"""

from council.demo.nodes.databases import NodeTemplate, template_for
from council.demo.nodes.link import Link
from council.demo.nodes.pair import NodePair
from council.demo.nodes.process import NodeError, NodeProcess

__all__ = ["Link", "NodeError", "NodePair", "NodeProcess", "NodeTemplate", "template_for"]
