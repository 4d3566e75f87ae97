"""The data side of "more than one machine" on this machine, with real processes: a streaming
replica of the running PostgreSQL (pg_basebackup, a replication slot, hot standby) and PgBouncer
in transaction pooling mode in front of the primary (docs/operations.md, "More than one
machine").

    python scripts/topology.py up            # start what is not running (idempotent)
    python scripts/topology.py status        # exit 0 when both run, 3 otherwise
    python scripts/topology.py stop-replica  # stop the replica, keep its data (`up` restarts)
    python scripts/topology.py down          # stop both, remove the replica and its slot

The primary is not started, stopped or restarted here: `up` only makes sure its pg_hba.conf
lets 127.0.0.1 replicate (a line added, then a reload). Environment (defaults in brackets):
TOPOLOGY_DIR [/var/lib/postgresql/council-topology] holds the replica's data, its log and
PgBouncer's files; TOPOLOGY_PRIMARY_PORT [5432], TOPOLOGY_REPLICA_PORT [5433],
TOPOLOGY_PGBOUNCER_PORT [6432], TOPOLOGY_SLOT [council_replica], TOPOLOGY_START_SECONDS
[300: how long the replica may take to start], PG_BINDIR [the primary's version under
/usr/lib/postgresql].
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

HOST = "127.0.0.1"
DIR = Path(os.environ.get("TOPOLOGY_DIR", "/var/lib/postgresql/council-topology"))
PRIMARY_PORT = int(os.environ.get("TOPOLOGY_PRIMARY_PORT", "5432"))
REPLICA_PORT = int(os.environ.get("TOPOLOGY_REPLICA_PORT", "5433"))
PGBOUNCER_PORT = int(os.environ.get("TOPOLOGY_PGBOUNCER_PORT", "6432"))
SLOT = os.environ.get("TOPOLOGY_SLOT", "council_replica")
# A replica started again after a while replays what it missed before it takes connections.
START_SECONDS = int(os.environ.get("TOPOLOGY_START_SECONDS", "300"))
OWNER = "postgres"  # the operating-system user that owns the clusters and runs PgBouncer
USER = "postgres"  # the database user the app connects as (trust on 127.0.0.1)

REPLICA_DIR = DIR / "replica"
REPLICA_LOG = DIR / "replica.log"
PGBOUNCER_INI = DIR / "pgbouncer.ini"
PGBOUNCER_PID = DIR / "pgbouncer.pid"
PGBOUNCER_LOG = DIR / "pgbouncer.log"
USERLIST = DIR / "userlist.txt"
HBA_LINE = "host replication all 127.0.0.1/32 trust"
# A hot standby refuses to start with less of these than its primary has.
PRIMARY_LIMITS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


class TopologyError(Exception):
    pass


def say(message: str) -> None:
    print(f"topology: {message}", flush=True)


def connect(port: int, dbname: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(
        host=HOST, port=port, user=USER, dbname=dbname, connect_timeout=5, autocommit=True
    )


def reachable(port: int, dbname: str = "postgres") -> bool:
    try:
        with connect(port, dbname) as conn:
            conn.execute("select 1")
    except psycopg.OperationalError:
        return False
    return True


def as_owner(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run `command` as the clusters' owner (through runuser when we are root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", OWNER, "--", *command]
    return subprocess.run(  # type: ignore[call-overload]  # noqa: S603 (our own arguments)
        command, check=False, text=True, capture_output=True, **kwargs
    )


def checked(command: list[str]) -> str:
    result = as_owner(command)
    if result.returncode != 0:
        raise TopologyError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return str(result.stdout)


def bindir(primary: psycopg.Connection) -> Path:
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    row = primary.execute("select current_setting('server_version_num')::int / 10000").fetchone()
    debian = Path(f"/usr/lib/postgresql/{row[0] if row else ''}/bin")
    if (debian / "pg_ctl").exists():
        return debian
    found = shutil.which("pg_ctl")
    if found is None:
        raise TopologyError("pg_ctl not found: set PG_BINDIR")
    return Path(found).parent


def owned_dir(path: Path, mode: int = 0o700) -> None:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(mode)
    if os.geteuid() == 0:
        owner = pwd.getpwnam(OWNER)
        os.chown(path, owner.pw_uid, owner.pw_gid)


def owned_file(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o600)
    if os.geteuid() == 0:
        owner = pwd.getpwnam(OWNER)
        os.chown(path, owner.pw_uid, owner.pw_gid)


# --- The primary ----------------------------------------------------------------------------


def primary() -> psycopg.Connection:
    try:
        return connect(PRIMARY_PORT)
    except psycopg.OperationalError as error:
        raise TopologyError(
            f"the primary on {HOST}:{PRIMARY_PORT} is unreachable: {error}"
        ) from error


def ensure_replication_allowed(conn: psycopg.Connection) -> None:
    """The primary's pg_hba.conf lets 127.0.0.1 replicate: the line added and the
    configuration reloaded (never a restart)."""
    row = conn.execute("show hba_file").fetchone()
    hba = Path(row[0]) if row else None
    if hba is None or not hba.exists():
        raise TopologyError("cannot read the primary's pg_hba.conf (show hba_file)")
    lines = [line.split("#", 1)[0].split() for line in hba.read_text().splitlines()]
    if HBA_LINE.split() in lines:
        return
    say(f"adding '{HBA_LINE}' to {hba} and reloading the primary")
    with hba.open("a") as handle:
        handle.write(f"\n# scripts/topology.py: the local streaming replica\n{HBA_LINE}\n")
    conn.execute("select pg_reload_conf()")
    time.sleep(1)  # the postmaster rereads the file on SIGHUP, asynchronously


def ensure_slot(conn: psycopg.Connection) -> None:
    exists = conn.execute(
        "select 1 from pg_replication_slots where slot_name = %s", [SLOT]
    ).fetchone()
    if not exists:
        say(f"creating the physical replication slot {SLOT}")
        conn.execute("select pg_create_physical_replication_slot(%s, true)", [SLOT])


def drop_slot(conn: psycopg.Connection) -> None:
    # The walsender of a replica just stopped lets go of the slot a moment later.
    for _ in range(50):
        row = conn.execute(
            "select active from pg_replication_slots where slot_name = %s", [SLOT]
        ).fetchone()
        if row is None:
            return
        if not row[0]:
            conn.execute("select pg_drop_replication_slot(%s)", [SLOT])
            say(f"dropped the replication slot {SLOT}")
            return
        time.sleep(0.2)
    raise TopologyError(f"the replication slot {SLOT} is still in use")


# --- The replica ----------------------------------------------------------------------------


def replica_running(bin_dir: Path) -> bool:
    if not (REPLICA_DIR / "PG_VERSION").exists():
        return False
    return as_owner([str(bin_dir / "pg_ctl"), "-D", str(REPLICA_DIR), "status"]).returncode == 0


def replica_config(conn: psycopg.Connection) -> str:
    limits = conn.execute(
        "select name, setting from pg_settings where name = any(%s) order by name",
        [list(PRIMARY_LIMITS)],
    ).fetchall()
    lines = [
        f"# Written by scripts/topology.py: a hot standby of the primary on {HOST}:{PRIMARY_PORT}.",
        f"port = {REPLICA_PORT}",
        f"listen_addresses = '{HOST}'",
        f"unix_socket_directories = '{DIR}'",
        "hot_standby = on",
        # The primary keeps the rows the replica's queries still read (no "canceling statement
        # due to conflict with recovery" for a report), through the slot.
        "hot_standby_feedback = on",
        "shared_buffers = 64MB",
        "jit = off",
        "ssl = off",
        "logging_collector = off",
        *(f"{name} = {setting}" for name, setting in limits),
    ]
    return "\n".join(lines) + "\n"


def replica_up(conn: psycopg.Connection, bin_dir: Path) -> None:
    if replica_running(bin_dir):
        say(f"replica already running on {HOST}:{REPLICA_PORT}")
        return
    if not (REPLICA_DIR / "PG_VERSION").exists():
        ensure_replication_allowed(conn)
        ensure_slot(conn)
        if REPLICA_DIR.exists():
            shutil.rmtree(REPLICA_DIR)  # a base backup that did not finish
        owned_dir(REPLICA_DIR)
        say(f"pg_basebackup into {REPLICA_DIR} (slot {SLOT})")
        checked(
            [
                str(bin_dir / "pg_basebackup"),
                f"--dbname=host={HOST} port={PRIMARY_PORT} user={USER}",
                "--pgdata",
                str(REPLICA_DIR),
                "--write-recovery-conf",
                "--wal-method=stream",
                "--slot",
                SLOT,
                "--checkpoint=fast",
            ]
        )
        owned_file(REPLICA_DIR / "postgresql.conf", replica_config(conn))
        owned_file(
            REPLICA_DIR / "pg_hba.conf",
            f"local all all trust\nhost all all {HOST}/32 trust\n",
        )
    say(f"starting the replica on {HOST}:{REPLICA_PORT}")
    checked(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(REPLICA_DIR),
            "-l",
            str(REPLICA_LOG),
            "-w",
            "-t",
            str(START_SECONDS),
            "start",
        ]
    )
    wait_for_streaming()


def wait_for_streaming(timeout: float = START_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with connect(REPLICA_PORT) as replica:
                row = replica.execute(
                    "select pg_is_in_recovery(), (select status from pg_stat_wal_receiver)"
                ).fetchone()
            if row and row[0] and row[1] == "streaming":
                say("replica in recovery and streaming from the primary")
                return
        except psycopg.OperationalError:
            pass
        time.sleep(0.5)
    raise TopologyError(f"the replica does not stream; see {REPLICA_LOG}")


def replica_stop(bin_dir: Path) -> None:
    if replica_running(bin_dir):
        say("stopping the replica")
        checked([str(bin_dir / "pg_ctl"), "-D", str(REPLICA_DIR), "-m", "fast", "-w", "stop"])


# --- PgBouncer ------------------------------------------------------------------------------


def pgbouncer_pid() -> int | None:
    try:
        pid = int(PGBOUNCER_PID.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    return pid


def pgbouncer_config() -> str:
    return f"""\
; Written by scripts/topology.py: PgBouncer in transaction pooling mode before the primary.
[databases]
* = host={HOST} port={PRIMARY_PORT}

[pgbouncer]
listen_addr = {HOST}
listen_port = {PGBOUNCER_PORT}
unix_socket_dir = {DIR}
auth_type = trust
auth_file = {USERLIST}
admin_users = {USER}
stats_users = {USER}
; A server connection serves one transaction of a client, then the next client's: the app
; turns prepared statements and server-side cursors off for it (DATABASE_POOLER=pgbouncer).
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
reserve_pool_size = 5
logfile = {PGBOUNCER_LOG}
pidfile = {PGBOUNCER_PID}
"""


def pgbouncer_up() -> None:
    if pgbouncer_pid() is not None:
        say(f"PgBouncer already running on {HOST}:{PGBOUNCER_PORT}")
        return
    owned_dir(DIR, 0o755)
    owned_file(PGBOUNCER_INI, pgbouncer_config())
    owned_file(USERLIST, f'"{USER}" ""\n')
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    say(f"starting PgBouncer on {HOST}:{PGBOUNCER_PORT} (transaction pooling)")
    checked([binary, "-d", str(PGBOUNCER_INI)])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if reachable(PGBOUNCER_PORT):
            return
        time.sleep(0.2)
    raise TopologyError(f"PgBouncer does not answer on {PGBOUNCER_PORT}; see {PGBOUNCER_LOG}")


def pgbouncer_down() -> None:
    pid = pgbouncer_pid()
    if pid is None:
        return
    say("stopping PgBouncer")
    os.kill(pid, signal.SIGTERM)  # immediate shutdown (SIGINT would wait for its clients)
    for _ in range(100):
        if pgbouncer_pid() is None:
            return
        time.sleep(0.1)
    raise TopologyError(f"PgBouncer (pid {pid}) does not stop")


# --- Commands -------------------------------------------------------------------------------


def up() -> int:
    owned_dir(DIR, 0o755)
    with primary() as conn:
        replica_up(conn, bindir(conn))
    pgbouncer_up()
    return status()


def stop_replica() -> int:
    with primary() as conn:
        replica_stop(bindir(conn))
    return 0


def down() -> int:
    pgbouncer_down()
    with primary() as conn:
        replica_stop(bindir(conn))
        if DIR.exists():
            say(f"removing {DIR}")
            shutil.rmtree(DIR)
        drop_slot(conn)
    return 0


def status() -> int:
    ok = True
    with primary() as conn:
        say(f"primary {HOST}:{PRIMARY_PORT}: up")
        row = conn.execute(
            "select active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn))"
            " from pg_replication_slots where slot_name = %s",
            [SLOT],
        ).fetchone()
        say(
            f"slot {SLOT}: "
            + ("absent" if row is None else f"{'active' if row[0] else 'inactive'}, {row[1]} kept")
        )
    try:
        with connect(REPLICA_PORT) as replica:
            row = replica.execute(
                "select pg_is_in_recovery(), (select status from pg_stat_wal_receiver),"
                " pg_is_wal_replay_paused(),"
                " extract(epoch from now() - pg_last_xact_replay_timestamp())"
            ).fetchone()
        assert row is not None
        recovering, receiver, paused, since = row
        ok = ok and bool(recovering)
        say(
            f"replica {HOST}:{REPLICA_PORT}: in recovery {recovering}, receiver {receiver}, "
            f"replay {'paused' if paused else 'running'}, last replayed transaction "
            f"{'none' if since is None else f'{float(since):.1f} s ago'}"
        )
    except psycopg.OperationalError:
        ok = False
        say(f"replica {HOST}:{REPLICA_PORT}: down")
    if reachable(PGBOUNCER_PORT):
        with connect(PGBOUNCER_PORT, "pgbouncer") as admin:
            mode = [row for row in admin.execute("show config").fetchall() if row[0] == "pool_mode"]
        say(f"PgBouncer {HOST}:{PGBOUNCER_PORT}: up, pool_mode {mode[0][1] if mode else '?'}")
    else:
        ok = False
        say(f"PgBouncer {HOST}:{PGBOUNCER_PORT}: down")
    return 0 if ok else 3


COMMANDS = {"up": up, "down": down, "status": status, "stop-replica": stop_replica}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[1]]()
    except TopologyError as error:
        print(f"topology: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
