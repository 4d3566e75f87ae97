"""The platform's settings for `make load` (bench/load.py), whose web nodes and task worker
reach PostgreSQL through PgBouncer in transaction mode: a server connection serves other
clients between transactions, so nothing may outlive a transaction on it — no server-side
cursors (`.iterator()` would declare WITH HOLD cursors), no prepared statements.

The runner sets DATABASE_POOLER=pgbouncer too, the variable the settings read once the
topology's PgBouncer support is in; this module then only repeats what they do.
"""

from council.settings import *  # noqa: F403
from council.settings import DATABASES

DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
