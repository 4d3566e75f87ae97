"""`make load`: the load and failover figures of the production topology on this machine.

The topology of `make smoke` (scripts/smoke.py: the units' ExecStart and Environment, the
environment file, nginx's site with a self-signed certificate), brought up on this run's own
ports and a fresh PostgreSQL database load_<random> — migrate, load_reference, collectstatic,
seed_demo, `seed_demo --scale N` and the load's own data (bench/load/harness.py) — with
PgBouncer in transaction mode between the two web nodes and the task worker and PostgreSQL.
Then locust (bench/load/locustfile.py), headless, bounded in people and time; during the run
one web node gets SIGTERM and is started again `--down` seconds later, and PgBouncer is
restarted online (`pgbouncer -R`: the new process takes the sockets over). Afterwards:

- throughput and p50/p95/p99 per request kind (locust's CSV statistics);
- failed requests by kind and by when they started: while the node was stopping, around
  PgBouncer's restart, or outside both (which must be none);
- the seats in the database: every shift and open forum quota within its size, no person with
  two live applications or registrations for one thing, every confirmation a client saw
  there as a confirmed row;
- CPU per request: the web nodes' workers, PostgreSQL's backends of this database, nginx,
  PgBouncer and the task worker (from /proc), over the mixed run and over a short run of each
  kind alone (`--per-kind` seconds each).

Printed as Markdown; everything started is stopped and the database dropped, passed or not.

    .venv/bin/python bench/load.py                  # or: make load
    .venv/bin/python bench/load.py --users 40 --seconds 180 --scale 50000 --per-kind 20
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench" / "load"))
sys.path.insert(0, str(ROOT / "bench"))

import harness  # noqa: E402
import smoke  # noqa: E402
from harness import CpuMeter, KindStats, Window  # noqa: E402
from run import reference_loop  # noqa: E402

HTTPS_PORT, HTTP_PORT, SMTP_PORT, PGBOUNCER_PORT = 9443, 9080, 9025, 9432
REPLICA_PORT = 5433  # scripts/topology.py's
WEB_PORTS = {8001: 9101, 8002: 9102}
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
MIXED_CLASSES = ("Visitor", "Volunteer", "Organiser", "Dashboards", "SignIn")
SINGLE_KINDS = (
    "home",
    "search",
    "search words+filters",
    "opportunity",
    "forum",
    "apply",
    "register",
    "applicants",
    "organisation report",
    "council dashboard",
    "sign in",
)
SIGN_INS = 40  # scale volunteers who sign in through the form (they share the demo password)


# --- Processes ------------------------------------------------------------------------------------


@dataclass
class Running:
    process: smoke.Process
    popen: subprocess.Popen[bytes]


@dataclass
class Topology:
    smoke: smoke.Smoke
    running: dict[str, Running] = field(default_factory=dict)
    pgbouncer: list[subprocess.Popen[bytes]] = field(default_factory=list)
    replica_started: bool = False
    replica_served: int = 0

    @property
    def scratch(self) -> Path:
        return self.smoke.here.scratch

    def start(self, process: smoke.Process) -> Running:
        """A unit's process as honcho would start it (the environment file's variables and
        the unit's own); not under honcho, which stops everything when one process stops."""
        log = (self.scratch / f"{process.name}.log").open("ab")
        popen = subprocess.Popen(  # noqa: S603 (the kit's own commands)
            process.argv,
            cwd=ROOT,
            env={**self.smoke.base_environment(), **process.environment},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        running = Running(process, popen)
        self.running[process.name] = running
        return running

    def stop(self, name: str, timeout: float = 45) -> None:
        running = self.running[name]
        if running.popen.poll() is None:
            running.popen.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                running.popen.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(running.popen.pid, signal.SIGKILL)
        running.popen.wait(timeout=10)

    def pgbouncer_start(self, *, takeover: bool = False) -> subprocess.Popen[bytes]:
        log = (self.scratch / "pgbouncer.log").open("ab")
        argv = ["pgbouncer", "-u", "postgres", *(["-R"] if takeover else []), self.pgbouncer_ini]
        popen = subprocess.Popen(  # noqa: S603
            argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.pgbouncer.append(popen)
        return popen

    @property
    def pgbouncer_ini(self) -> str:
        return str(self.scratch / "pgbouncer" / "pgbouncer.ini")

    def stop_all(self) -> list[str]:
        for name in list(self.running):
            self.stop(name)
        for popen in self.pgbouncer:
            if popen.poll() is None:
                popen.send_signal(signal.SIGINT)
                try:
                    popen.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(popen.pid, signal.SIGKILL)
                    popen.wait(timeout=10)
        ports = (*self.smoke.here.ports, PGBOUNCER_PORT)
        return [f"port {port}" for port in ports if smoke.port_open(port)]


def wait_for_ports(ports: tuple[int, ...], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not all(smoke.port_open(port) for port in ports):
        if time.monotonic() > deadline:
            closed = [port for port in ports if not smoke.port_open(port)]
            raise smoke.SmokeFailure(f"ports {closed} still closed after {seconds:.0f} s")
        time.sleep(0.2)


def write_pgbouncer(topology: Topology) -> None:
    """A minimal PgBouncer in transaction mode on PGBOUNCER_PORT for this database (the
    connections' `-c jit=off` is a startup option PgBouncer does not pass on: its
    connect_query sets it on each server connection instead)."""
    folder = topology.scratch / "pgbouncer"
    folder.mkdir()
    database = topology.smoke.database
    (folder / "userlist.txt").write_text('"postgres" ""\n')
    (folder / "pgbouncer.ini").write_text(
        f"""[databases]
{database} = host=127.0.0.1 port=5432 dbname={database} connect_query='SET jit = off'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {PGBOUNCER_PORT}
unix_socket_dir = {folder}
pidfile = {folder}/pgbouncer.pid
auth_type = trust
auth_file = {folder}/userlist.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
ignore_startup_parameters = extra_float_digits, options
"""
    )
    shutil.chown(folder, "postgres")
    for path in folder.iterdir():
        shutil.chown(path, "postgres")


# --- CPU sampling ---------------------------------------------------------------------------------


# The backends of the load's database on a server, but for the sampler's own.
BACKENDS = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid()"
)


class Sampler(threading.Thread):
    """Samples the CPU of this run's processes every second into a CpuMeter."""

    def __init__(self, topology: Topology) -> None:
        super().__init__(daemon=True)
        self.topology = topology
        self.meter = CpuMeter()
        self.halt = threading.Event()
        import psycopg

        self.connection = psycopg.connect(topology.smoke.database_url, autocommit=True)
        self.replica: Any = None

    def replica_backends(self) -> set[int]:
        """The replica's backends of the load's database (its reads count as PostgreSQL's
        CPU too); none while it is stopped."""
        import psycopg

        if not self.topology.replica_started:
            return set()
        try:
            if self.replica is None or self.replica.closed:
                self.replica = psycopg.connect(
                    f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{self.topology.smoke.database}",
                    autocommit=True,
                    connect_timeout=2,
                )
            rows = self.replica.execute(BACKENDS).fetchall()
        except psycopg.Error:
            self.replica = None
            return set()
        return {pid for (pid,) in rows}

    def groups(self) -> dict[str, set[int]]:
        running = self.topology.running
        web_masters = [r.popen.pid for name, r in running.items() if name.startswith("web")]
        backends = {pid for (pid,) in self.connection.execute(BACKENDS).fetchall()}
        backends |= self.replica_backends()
        bouncers = {p.pid for p in self.topology.pgbouncer if p.poll() is None}
        return {
            "web": harness.children(web_masters),
            "postgres": backends,
            "nginx": harness.children([running["nginx"].popen.pid]),
            "pgbouncer": bouncers,
            "worker": {running["worker"].popen.pid},
        }

    def run(self) -> None:
        while not self.halt.is_set():
            self.meter.sample(self.groups())
            self.halt.wait(1.0)

    def finish(self) -> dict[str, float]:
        self.halt.set()
        self.join(timeout=10)
        self.meter.sample(self.groups())
        self.connection.close()
        return self.meter.totals()


# --- Locust ---------------------------------------------------------------------------------------


def locust(
    topology: Topology,
    args: argparse.Namespace,
    *,
    prefix: str,
    users: int,
    seconds: int,
    classes: tuple[str, ...],
    only: str = "",
    people: str = "",
) -> subprocess.Popen[bytes]:
    here = topology.smoke.here
    env = {
        **os.environ,
        "LOAD_FIXTURE": str(topology.scratch / "fixture.json"),
        "LOAD_OUTCOMES": str(topology.scratch / "outcomes.jsonl"),
        "LOAD_CA": str(here.certificate),
        "LOAD_ONLY": only,
        "LOAD_PEOPLE": people,
    }
    argv = [
        str(here.venv / "bin" / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "15",
        "--host",
        here.site_url,
        "--csv",
        str(topology.scratch / prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    log = (topology.scratch / f"{prefix}.log").open("ab")
    return subprocess.Popen(  # noqa: S603
        argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def mixed_run(topology: Topology, args: argparse.Namespace) -> tuple[list[Window], float]:
    """The mixed run with the failover events at their times; the windows and when it
    ended."""
    windows = []
    started = time.time()
    run = locust(
        topology,
        args,
        prefix="mixed",
        users=args.users,
        seconds=args.seconds,
        classes=MIXED_CLASSES,
        people=f"0:{args.people // 2}",
    )

    def at(offset: float) -> None:
        time.sleep(max(0.0, started + offset - time.time()))

    node = f"web{WEB_PORTS[8002]}"
    at(args.stop_at)
    stopped = time.time()
    print(f"  {harness.now_iso(stopped)} SIGTERM to {node}'s gunicorn master", flush=True)
    topology.stop(node)
    gone = time.time()
    at(args.stop_at + args.down)
    topology.start(topology.running[node].process)
    wait_for_ports((WEB_PORTS[8002],))
    back = time.time()
    print(
        f"  {harness.now_iso(gone)} {node} down ({gone - stopped:.1f} s to stop), "
        f"{harness.now_iso(back)} serving again",
        flush=True,
    )
    windows.append(Window("web node stopped", stopped, back + 2))
    at(args.pgbouncer_at)
    old = topology.pgbouncer[-1]
    restarted = time.time()
    topology.pgbouncer_start(takeover=True)
    try:
        old.wait(timeout=30)
    except subprocess.TimeoutExpired as error:
        raise smoke.SmokeFailure("the old PgBouncer did not hand over within 30 s") from error
    wait_for_ports((PGBOUNCER_PORT,))
    print(
        f"  {harness.now_iso(restarted)} PgBouncer restarted online "
        f"(pid {old.pid} → {topology.pgbouncer[-1].pid}, {time.time() - restarted:.1f} s)",
        flush=True,
    )
    windows.append(Window("PgBouncer restart", restarted - 1, time.time() + 5))
    at(args.replica_at)
    served = replica_transactions(topology.smoke.database)
    replica_stopped = time.time()
    replica_command("stop-replica")
    print(
        f"  {harness.now_iso(replica_stopped)} replica stopped (it had served {served:,} "
        "transactions of the load's database)",
        flush=True,
    )
    at(args.replica_at + args.down)
    replica_command("up")
    print(f"  {harness.now_iso(time.time())} replica streaming again", flush=True)
    windows.append(Window("replica stopped", replica_stopped, time.time() + 5))
    topology.replica_served = served
    code = run.wait(timeout=args.seconds + 120)
    if code not in (0, 1):  # 1: some requests failed, which the report shows
        raise smoke.SmokeFailure(f"locust exited {code}: see {topology.scratch}/mixed.log")
    return windows, time.time()


# --- The report -----------------------------------------------------------------------------------


def ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def cpu_cells(cpu: dict[str, float], requests: int) -> list[str]:
    if not requests:
        return ["", "", "", ""]
    return [
        f"{cpu.get(group, 0.0) / requests * 1000:.1f}"
        for group in ("web", "postgres", "nginx", "pgbouncer")
    ]


def stats_table(rows: list[KindStats]) -> list[str]:
    lines = [
        "| kind | method | requests | failures | requests/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.method} | {row.requests:,} | {row.failures} | "
            f"{row.per_second:.1f} | {ms(row.p50)} | {ms(row.p95)} | {ms(row.p99)} |"
        )
    return lines


def report(
    args: argparse.Namespace,
    topology: Topology,
    *,
    loops: tuple[float, float],
    windows: list[Window],
    mixed_end: float,
    mixed_cpu: dict[str, float],
    single: dict[str, tuple[KindStats | None, dict[str, float]]],
    problems: list[str],
    counts: dict[str, int],
) -> bool:
    rows = harness.stats_read(topology.scratch / "mixed_stats.csv")
    total = next((row for row in rows if row.name == "Aggregated"), None)
    requests = total.requests if total else 0
    _seen, failures = harness.outcomes_read(topology.scratch / "outcomes.jsonl")
    mixed_failures = [f for f in failures if f["at"] <= mixed_end]
    by_window = harness.failures_by_window(mixed_failures, windows)
    print(
        f"\n## Load and failover (bench/load.py, reference loop {loops[0]:.0f} → {loops[1]:.0f} ms)"
        f"\n\n{args.users} people, {args.seconds} s, `seed_demo --scale {args.scale}`; two "
        f"gunicorn nodes ({smoke.WEB_WORKERS} sync workers each) behind nginx (TLS), PgBouncer "
        f"(transaction mode) in front of PostgreSQL, a streaming replica taking the dashboards', "
        f"reports' and search's reads. Node {WEB_PORTS[8002]} stopped at "
        f"{args.stop_at} s for {args.down} s; PgBouncer restarted online at {args.pgbouncer_at} s; "
        f"the replica stopped at {args.replica_at} s for {args.down} s, after serving "
        f"{topology.replica_served:,} transactions of the load's database."
        "\n"
    )
    print("\n".join(stats_table(rows)))
    print("\n### Failed requests by when they started\n")
    print("| window | from | to | failed requests by kind |\n|---|---|---|---|")
    for window in [*windows, Window("outside", 0, 0)]:
        found = by_window.get(window.name, {})
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(found.items())) or "none"
        span = (
            (harness.now_iso(window.start), harness.now_iso(window.end))
            if window.start
            else ("", "")
        )
        print(f"| {window.name} | {span[0]} | {span[1]} | {kinds} |")
    print("\n### Seats in the database\n")
    for name, count in counts.items():
        print(f"- {name}: {count:,}")
    print(f"- problems: {len(problems)}")
    for problem in problems[:20]:
        print(f"  - {problem}")
    print(
        "\n### CPU per request (ms of CPU; web = the gunicorn workers, postgres = this "
        "database's backends, on the primary and the replica)\n"
    )
    print(
        "| run | requests | failures | web | postgres | nginx | PgBouncer |\n"
        "|---|---|---|---|---|---|---|"
    )
    failed = total.failures if total else 0
    cells = " | ".join(cpu_cells(mixed_cpu, requests))
    print(f"| mixed, {args.seconds} s | {requests:,} | {failed} | {cells} |")
    for kind, (row, cpu) in single.items():
        count, failed = (row.requests, row.failures) if row else (0, 0)
        cells = " | ".join(cpu_cells(cpu, count))
        print(f"| {kind} alone, {args.per_kind} s | {count:,} | {failed} | {cells} |")
    worker = mixed_cpu.get("worker", 0.0)
    print(
        f"\nThe task worker (the mail of every apply and registration): {worker:.1f} s of CPU "
        "in the mixed run."
    )
    outside = sum(by_window.get("outside", {}).values())
    passed = not problems and outside == 0
    print(
        f"\nErrors outside the failover windows: {outside}; seat problems: {len(problems)} → "
        f"{'PASSED' if passed else 'FAILED'}"
    )
    return passed


# --- The whole run --------------------------------------------------------------------------------


def prepare(topology: Topology, args: argparse.Namespace) -> None:
    sm = topology.smoke
    with smoke.step(f"seed_demo --scale {args.scale}"):
        python = str(sm.here.venv / "bin" / "python")
        sm.run_argv(
            [python, "manage.py", "seed_demo", "--scale", str(args.scale), "--allow-production"],
            timeout=1800,
        )
    with smoke.step(f"the load's data: {args.people} volunteers with sessions, seats, a forum"):
        os.environ.update(sm.environment)
        os.environ["DJANGO_SETTINGS_MODULE"] = "council.settings"
        import django

        django.setup()
        from council.demo.personas import DEMO_PASSWORD
        from council.demo.scale import volunteer_email

        fixture = harness.fixture_make(
            people=args.people,
            seats=args.seats,
            forum_seats=args.forum_seats,
            sign_ins=[volunteer_email(n) for n in range(1, min(SIGN_INS, args.scale) + 1)],
            password=DEMO_PASSWORD,
        )
        (topology.scratch / "fixture.json").write_text(json.dumps(fixture))
        from django.db import connections

        connections.close_all()


def replica_command(verb: str) -> None:
    """scripts/topology.py's streaming replica (and its PgBouncer, which the load does not use:
    it restarts its own): `up`, `stop-replica` or `down`."""
    result = subprocess.run(  # noqa: S603 (the project's own script)
        [sys.executable, str(smoke.ROOT / "scripts" / "topology.py"), verb],
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    if result.returncode != 0:
        raise smoke.SmokeFailure(f"topology.py {verb}: {result.stdout}{result.stderr}")


def replica_transactions(database: str) -> int:
    """Transactions the replica has served on the load's database since it started."""
    import psycopg

    with psycopg.connect(
        f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/postgres", connect_timeout=5
    ) as connection:
        row = connection.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
            (database,),
        ).fetchone()
    return int(row[0]) if row else 0


def bring_up(topology: Topology) -> None:
    sm = topology.smoke
    with smoke.step(f"PgBouncer (transaction mode) on {PGBOUNCER_PORT}"):
        smoke.check(not smoke.port_open(PGBOUNCER_PORT), f"port {PGBOUNCER_PORT} is in use")
        write_pgbouncer(topology)
        topology.pgbouncer_start()
        wait_for_ports((PGBOUNCER_PORT,), 20)
        # Through PgBouncer: no prepared statements, no server-side cursors (the settings'
        # DATABASE_POOLER), and JIT off at the server, since PgBouncer passes no options.
        sm.run_argv(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-qc",
                f"ALTER DATABASE {sm.database} SET jit = off",
            ]
        )
        sm.environment.update(
            {
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PGBOUNCER_PORT}/{sm.database}",
                "DATABASE_POOLER": "pgbouncer",
            }
        )
    with smoke.step(f"a streaming replica on {REPLICA_PORT} (scripts/topology.py up)"):
        topology.replica_started = True
        replica_command("up")
        # The dashboards', reports' and search's reads go to it (council/lib/replica.py).
        sm.environment["REPLICA_DATABASE_URL"] = (
            f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{sm.database}"
        )
        smoke.write_env_file(sm.here.env_file, sm.environment)
    procs = [p for p in smoke.processes(sm.here) if p.name != "periodic"]
    with smoke.step(
        "nginx, two web nodes, the task worker, SMTP: " + ", ".join(p.name for p in procs)
    ):
        for process in procs:
            topology.start(process)
        wait_for_ports(sm.here.ports)
        sm.run(smoke.HEALTH_COMMAND)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=40, help="simulated people at once")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=180, help="length of the mixed run")
    parser.add_argument("--scale", type=int, default=50_000, help="seed_demo --scale N")
    parser.add_argument("--people", type=int, default=4000, help="load volunteers with sessions")
    parser.add_argument("--seats", type=int, default=5, help="seats of each load shift")
    parser.add_argument("--forum-seats", type=int, default=100)
    parser.add_argument("--stop-at", type=int, default=40, help="second a web node is stopped")
    parser.add_argument("--down", type=int, default=20, help="seconds it stays down")
    parser.add_argument("--pgbouncer-at", type=int, default=110)
    parser.add_argument("--replica-at", type=int, default=130, help="second the replica stops")
    parser.add_argument("--per-kind", type=int, default=20, help="seconds a kind alone (0: none)")
    parser.add_argument("--per-kind-users", type=int, default=4)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="council-load-"))
    scratch.chmod(0o755)
    here = smoke.Here(
        scratch,
        https_port=HTTPS_PORT,
        http_port=HTTP_PORT,
        web_ports=dict(WEB_PORTS),
        smtp_port=SMTP_PORT,
    )
    sm = smoke.Smoke(here, database=f"load_{secrets.token_hex(4)}")
    topology = Topology(sm)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failure, passed = "", False
    try:
        smoke.setup(sm)
        prepare(topology, args)
        bring_up(topology)
        first_loop = reference_loop()
        with smoke.step(f"locust: {args.users} people for {args.seconds} s, with the failover"):
            sampler = Sampler(topology)
            sampler.start()
            windows, mixed_end = mixed_run(topology, args)
            mixed_cpu = sampler.finish()
        single: dict[str, tuple[KindStats | None, dict[str, float]]] = {}
        # Half the load volunteers for the mixed run, a quarter each for apply and register.
        half, quarter = args.people // 2, args.people // 4
        people = {"apply": f"{half}:{half + quarter}", "register": f"{half + quarter}:"}
        for kind in SINGLE_KINDS if args.per_kind else ():
            with smoke.step(f"{kind} alone for {args.per_kind} s"):
                prefix = "kind_" + kind.replace(" ", "_").replace("+", "_")
                users = 1 if kind == "sign in" else args.per_kind_users
                sampler = Sampler(topology)
                sampler.start()
                locust(
                    topology,
                    args,
                    prefix=prefix,
                    users=users,
                    seconds=args.per_kind,
                    classes=("OneKind",),
                    only=kind,
                    people=people.get(kind, ""),
                ).wait(timeout=args.per_kind + 120)
                cpu = sampler.finish()
                rows = harness.stats_read(scratch / f"{prefix}_stats.csv")
                single[kind] = (next((r for r in rows if r.name == kind), None), cpu)
        last_loop = reference_loop()
        with smoke.step("the seats in the database"):
            import psycopg

            seen, _failures = harness.outcomes_read(scratch / "outcomes.jsonl")
            with psycopg.connect(sm.database_url) as connection, connection.cursor() as cursor:
                problems, counts = harness.seat_problems(cursor, seen)
        passed = report(
            args,
            topology,
            loops=(first_loop, last_loop),
            windows=windows,
            mixed_end=mixed_end,
            mixed_cpu=mixed_cpu,
            single=single,
            problems=problems,
            counts=counts,
        )
    except (smoke.SmokeFailure, KeyboardInterrupt, SystemExit) as error:
        failure = str(error) or type(error).__name__
        print(f"\n✗ {failure}", file=sys.stderr)
        for name in ("web9101", "web9102", "worker", "mixed", "pgbouncer"):
            log = scratch / f"{name}.log"
            if log.exists():
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
                print(f"--- {name} ---\n{tail}", file=sys.stderr)
    finally:
        print("… tear down", flush=True)
        problems_left = [f"still running: {what}" for what in topology.stop_all()]
        if topology.replica_started:
            try:
                replica_command("down")
            except smoke.SmokeFailure as error:
                problems_left.append(str(error))
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        for what, cleanup in (
            (f"drop database {sm.database}", lambda: smoke.drop_database(sm)),
            (f"flush {sm.redis_url}", lambda: sm.redis_url and smoke.flush_redis(sm.redis_url)),
        ):
            try:
                cleanup()
            except Exception as error:
                problems_left.append(f"{what}: {error}")
        if os.environ.get("LOAD_KEEP_SCRATCH"):
            print(f"  scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
        for problem in problems_left:
            print(f"✗ tear down: {problem}", file=sys.stderr)
        failure = failure or "; ".join(problems_left)
    return 0 if passed and not failure else 1


if __name__ == "__main__":
    sys.exit(main())
