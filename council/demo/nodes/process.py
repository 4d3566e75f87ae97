"""One live node: its database, its gunicorn process and its management commands.

    node = NodeProcess("ru", "RU", 8001, "sqlite:////tmp/ru.sqlite3")
    node.prepare()                      # the database, copied from the migrated template
    node.run("federation_seed", "--country", "RU")
    node.start()                        # gunicorn on 127.0.0.1:8001, /healthz answered
    node.run("federation_deliver")      # a job, on demand, against the node's database
    node.stop()

The node's environment is its own (clean_environment): NODE_* settings, a signing key made
for it, its database, a data folder of its own (media, private files, mail as files), the
immediate task backend, so that what a request enqueues runs in that request.
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from council.demo.nodes.databases import (
    DEFAULT_CACHE,
    ROOT,
    NodeError,
    NodeTemplate,
    clean_environment,
    manage,
    template_for,
)
from council.lib.signing import generate_private_key, public_key_from_private

__all__ = ["NodeError", "NodeProcess", "free_port"]


def free_port() -> int:
    """A port nothing listens on right now (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NodeProcess:
    def __init__(
        self,
        node_id: str,
        country: str,
        port: int,
        database_url: str,
        *,
        env: dict[str, str] | None = None,
        public_port: int | None = None,
        peer_ports: Iterable[int] = (),
        site_url: str = "",
        workdir: Path | None = None,
        cache_dir: Path = DEFAULT_CACHE,
        threads: int = 8,
    ) -> None:
        """`public_port`: where peers reach the node (its Link), which NODE_URL names;
        `peer_ports`: the other nodes' ports, allowed over plain http on loopback
        (FEDERATION_ALLOWED_HOSTS); `site_url`: the address people open (SITE_URL)."""
        self.node_id = node_id
        self.country = country.upper()
        self.port = port
        self.public_port = public_port or port
        self.database_url = database_url
        self.extra_env = dict(env or {})
        self.peer_ports = list(peer_ports)
        self.site_url = (site_url or self.direct_url).rstrip("/")
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix=f"council-node-{node_id}-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.template: NodeTemplate = template_for(database_url, cache_dir)
        self.signing_key = generate_private_key()
        self.secret_key = secrets.token_urlsafe(50)
        self.threads = threads
        self.process: subprocess.Popen[bytes] | None = None

    def __repr__(self) -> str:
        return f"<NodeProcess {self.node_id} {self.direct_url} {self.template.backend}>"

    # --- Addresses -----------------------------------------------------------------------
    @property
    def direct_url(self) -> str:
        """The server itself, bypassing any link: for people and tests."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """NODE_URL: where peers reach the node (through its link, when it has one)."""
        return f"http://127.0.0.1:{self.public_port}"

    @property
    def public_key(self) -> str:
        return public_key_from_private(self.signing_key)

    @property
    def log_path(self) -> Path:
        return self.workdir / "server.log"

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"

    def keep_secrets(self) -> NodeProcess:
        """Keep the node's SECRET_KEY and signing key in its folder (node-secrets.json), or
        take them from there: a node whose database outlives the process (the demo) keeps its
        identity, and its peers their trust in its key."""
        path = self.workdir / "node-secrets.json"
        if path.exists():
            kept = json.loads(path.read_text())
            self.secret_key, self.signing_key = kept["secret_key"], kept["signing_key"]
        else:
            path.write_text(
                json.dumps({"secret_key": self.secret_key, "signing_key": self.signing_key})
            )
            path.chmod(0o600)
        return self

    # --- Environment ---------------------------------------------------------------------
    def environment(self) -> dict[str, str]:
        ports = sorted({self.port, self.public_port, *self.peer_ports})
        return clean_environment(
            DATABASE_URL=self.database_url,
            SECRET_KEY=self.secret_key,
            SITE_URL=self.site_url,
            NODE_COUNTRY=self.country,
            NODE_ID=self.node_id,
            NODE_URL=self.url,
            NODE_SIGNING_KEY=self.signing_key,
            FEDERATION_ALLOWED_HOSTS=",".join(f"127.0.0.1:{port}" for port in ports),
            COUNCIL_DATA_DIR=str(self.workdir / "data"),
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            LOG_LEVEL="WARNING",
            **self.extra_env,
        )

    # --- Database ------------------------------------------------------------------------
    def prepare(self, *, fresh: bool = True) -> NodeProcess:
        """The node's database as a copy of the migrated template (the template is built the
        first time); with `fresh=False` an existing database is kept as it is."""
        if fresh or not self.template.exists(self.database_url):
            self.template.clone(self.database_url)
        (self.workdir / "data").mkdir(exist_ok=True)
        self.mail_dir.mkdir(exist_ok=True)
        return self

    def drop(self) -> None:
        """Remove the node's database (the server must be stopped)."""
        self.template.drop(self.database_url)

    def run(self, command: str, *args: str, timeout: float | None = 600) -> str:
        """Run a management command against the node's database, in its environment; its
        standard output (NodeError with the output when it fails)."""
        return manage(self.environment(), command, *args, timeout=timeout).stdout

    # --- Server --------------------------------------------------------------------------
    def start(self, *, timeout: float = 120) -> NodeProcess:
        """gunicorn (one worker, threads) on 127.0.0.1:<port>; returns once /healthz answers."""
        if self.process is not None and self.process.poll() is None:
            return self
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "council.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            str(self.threads),
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
            "--no-control-socket",
            "--access-logfile",
            "-",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 (this interpreter's gunicorn)
                command, env=self.environment(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise NodeError(f"node {self.node_id} exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.direct_url}/healthz", timeout=2) as answer:  # noqa: S310 (loopback)
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise NodeError(f"node {self.node_id} did not answer /healthz:\n{self.log_tail()}")
            time.sleep(0.25)

    def stop(self) -> None:
        """Stop the server: SIGTERM (requests in flight finish), SIGKILL after 15 s."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, characters: int = 6000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-characters:]
        except FileNotFoundError:
            return ""

    def mails(self) -> list[str]:
        """Every mail the node sent, oldest first (the file backend writes one file per
        connection, each holding one or more messages)."""
        files = sorted(self.mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime)
        return [path.read_text(errors="replace") for path in files]

    def __enter__(self) -> NodeProcess:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
