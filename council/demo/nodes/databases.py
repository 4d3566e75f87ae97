"""A node's database, made from a template that is migrated once.

Migrating this project takes long (tens of seconds), and two nodes need two databases with the
same schema and reference data. So the schema and `load_reference` go into a template once —
keyed on a fingerprint of every migration and reference data file, and kept between runs — and
each node's database is a copy of it: `CREATE DATABASE … TEMPLATE …` on PostgreSQL, a file copy
on SQLite. A file lock in the cache folder keeps two processes from building it at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[3]
MANAGE = ROOT / "manage.py"
DEFAULT_CACHE = ROOT / "data" / "federation"

# Settings a node gets from its own environment: never from the process that starts it.
NODE_SETTINGS = (
    "DATABASE_URL",
    "DATABASE_POOLER",
    "REPLICA_DATABASE_URL",
    "TEST_DATABASE_NAME",
    "BACKUP_DATABASE_URL",
    "REDIS_URL",
    "TASKS_BACKEND",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "SITE_URL",
    "SECRET_KEY",
    "COUNCIL_ENV",
    "COUNCIL_DATA_DIR",
    "MEDIA_ROOT",
    "PRIVATE_ROOT",
    "BACKUP_DIR",
    "PROMETHEUS_MULTIPROC_DIR",
    "RUNTIME_DIRECTORY",
    "EXCHANGE_NODE",
    "EXCHANGE_COUNTRY",
    "SIGNING_PRIVATE_KEY",
    "NODE_COUNTRY",
    "NODE_ID",
    "NODE_URL",
    "NODE_SIGNING_KEY",
    "NODE_RETIRED_PUBLIC_KEYS",
    "FEDERATION_ALLOWED_HOSTS",
    "FEDERATION_TIMEOUT_SECONDS",
    "WEBHOOKS_ALLOWED_HOSTS",
    "GUNICORN_CMD_ARGS",
    "WEB_CONCURRENCY",
)


class NodeError(RuntimeError):
    """A node's database, server or command failed; the message carries its output."""


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without the settings of the app, plus `settings`."""
    environment = {key: value for key, value in os.environ.items() if key not in NODE_SETTINGS}
    environment["DJANGO_SETTINGS_MODULE"] = "council.settings"
    environment["PYTHONUNBUFFERED"] = "1"
    return {**environment, **settings}


def manage(
    environment: dict[str, str], *args: str, timeout: float | None = 600
) -> subprocess.CompletedProcess[str]:
    """Run `manage.py <args>` in `environment`; a failure raises NodeError with its output."""
    command = [sys.executable, str(MANAGE), *args]
    result = subprocess.run(  # noqa: S603 (this interpreter, the repository's manage.py)
        command,
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise NodeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


def schema_fingerprint() -> str:
    """Changes whenever a migration or a reference data file does."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("council/*/migrations/*.py"))
    files += sorted((ROOT / "council" / "reference" / "data").glob("*.json"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def backend_of(database_url: str) -> str:
    if database_url.startswith("sqlite:"):
        return "sqlite"
    if database_url.startswith(("postgres:", "postgresql:")):
        return "postgres"
    raise NodeError(f"a node runs on SQLite or PostgreSQL, not {database_url!r}")


def sqlite_path(database_url: str) -> Path:
    """The file of sqlite:////absolute/path (or sqlite:///relative/to/the/repository)."""
    path = Path(database_url.removeprefix("sqlite://").removeprefix("/"))
    if database_url.startswith("sqlite:////"):
        path = Path("/") / path
    return path if path.is_absolute() else ROOT / path


def with_database(database_url: str, name: str) -> str:
    """The same PostgreSQL server and credentials, another database."""
    parts = urlsplit(database_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def _quoted(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise NodeError(f"not a plain database name: {name!r}")
    return f'"{name}"'


class NodeTemplate:
    """The migrated template of one backend (a SQLite file, or a database of one PostgreSQL
    server) and the databases copied from it."""

    def __init__(self, database_url: str, cache_dir: Path = DEFAULT_CACHE) -> None:
        self.backend = backend_of(database_url)
        self.server_url = database_url
        self.cache_dir = cache_dir
        self.fingerprint = schema_fingerprint()
        self.built = False

    @property
    def name(self) -> str:
        return f"council_fedtpl_{self.fingerprint}"

    @property
    def path(self) -> Path:
        return self.cache_dir / f"template-{self.fingerprint}.sqlite3"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with (self.cache_dir / "template.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def ensure(self) -> None:
        """Build the template unless one with this fingerprint is there."""
        if self.built:
            return
        with self._locked():
            if self.backend == "sqlite":
                self._ensure_sqlite()
            else:
                self._ensure_postgres()
        self.built = True

    def _fill(self, database_url: str) -> None:
        environment = clean_environment(DATABASE_URL=database_url, SECRET_KEY="node-template")  # noqa: S106 (migrations only)
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment, "load_reference")

    def _ensure_sqlite(self) -> None:
        if self.path.exists():
            return
        building = self.path.with_suffix(".building")
        for stale in (building, *self._sidecars(building)):
            stale.unlink(missing_ok=True)
        self._fill(f"sqlite:///{building}")
        # One self-contained file: the write-ahead log folded in and switched off.
        with sqlite3.connect(building) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
        connection.close()
        os.replace(building, self.path)
        for old in self.cache_dir.glob("template-*.sqlite3"):
            if old != self.path:
                old.unlink(missing_ok=True)

    @staticmethod
    def _sidecars(path: Path) -> tuple[Path, Path]:
        return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")

    def _admin(self):  # type: ignore[no-untyped-def]  # psycopg is imported lazily
        import psycopg

        return psycopg.connect(
            with_database(self.server_url, "postgres"), autocommit=True, connect_timeout=5
        )

    def _ensure_postgres(self) -> None:
        with self._admin() as admin:
            found = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            if found:
                return
            building = f"{self.name}_building"
            admin.execute(f"DROP DATABASE IF EXISTS {_quoted(building)} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {_quoted(building)}")
        self._fill(with_database(self.server_url, building))
        with self._admin() as admin:
            admin.execute(f"ALTER DATABASE {_quoted(building)} RENAME TO {_quoted(self.name)}")

    def clone(self, database_url: str) -> None:
        """(Re)create the database of `database_url` as a copy of the template."""
        self.ensure()
        if self.backend == "sqlite":
            target = sqlite_path(database_url)
            target.parent.mkdir(parents=True, exist_ok=True)
            for sidecar in self._sidecars(target):
                sidecar.unlink(missing_ok=True)
            shutil.copyfile(self.path, target)
            return
        name = _quoted(database_name(database_url))
        with self._admin() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {_quoted(self.name)}")

    def exists(self, database_url: str) -> bool:
        if self.backend == "sqlite":
            return sqlite_path(database_url).exists()
        with self._admin() as admin:
            row = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(database_url)]
            ).fetchone()
        return row is not None

    def drop(self, database_url: str) -> None:
        if self.backend == "sqlite":
            target = sqlite_path(database_url)
            for path in (target, *self._sidecars(target)):
                path.unlink(missing_ok=True)
            return
        with self._admin() as admin:
            admin.execute(
                f"DROP DATABASE IF EXISTS {_quoted(database_name(database_url))} WITH (FORCE)"
            )


@cache
def _template(server: str, cache_dir: Path) -> NodeTemplate:
    return NodeTemplate(server, cache_dir)


def template_for(database_url: str, cache_dir: Path = DEFAULT_CACHE) -> NodeTemplate:
    """The one template of this process for that backend (and PostgreSQL server)."""
    if backend_of(database_url) == "sqlite":
        return _template("sqlite://", cache_dir)
    return _template(with_database(database_url, "postgres"), cache_dir)
