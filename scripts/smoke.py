"""`make smoke`: the production topology of deploy/ brought up on this machine, walked through
over HTTPS like a newcomer would, and torn down.

What runs is what deploy/ tells an operator to run, with its paths mapped to this checkout:
the commands of deploy/README.md that are not operator-only (README_COMMANDS: the secrets,
migrate, load_reference, collectstatic, check --deploy, the certificate, nginx -t, the health
check) and, under honcho, the ExecStart and Environment of the units in deploy/systemd/ —
two web nodes and the task worker — behind nginx running deploy/nginx/council.conf with a
self-signed certificate, the periodic jobs' runner, and a local SMTP server (aiosmtpd) that
catches the mail. The environment file is deploy/council.env.example's variables filled for
the test: production mode, a fresh PostgreSQL database smoke_<random>, an unused Redis
database, the local SMTP server, fresh secrets.

Then, through nginx: a person signs up, confirms the address from the mail the task worker
sent, fills the date of birth the opportunity asks for, applies for a shift of a demo
opportunity (`seed_demo`) and gets the confirmation mail; both web nodes must have served
requests (their access logs), and nginx's own rules (HTTP redirect, static caching, size
limit, sign-in rate limit, no /metrics from outside) are checked. Everything started is
stopped and the database, the Redis data and the folders are removed, passed or not.

    .venv/bin/python scripts/smoke.py     # exit status 0: passed; otherwise the failed step
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import html.parser
import http.client
import mailbox
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNIT_DIR = DEPLOY / "systemd"
SITE_FILE = DEPLOY / "nginx" / "council.conf"
ENV_TEMPLATE = DEPLOY / "council.env.example"
README = DEPLOY / "README.md"
WEB_UNIT = "council-web@.service"
WORKER_UNIT = "council-worker.service"
PERIODIC_COMMAND = ROOT / "council" / "ops" / "management" / "commands" / "run_periodic.py"

# The names deploy/ is written with, and what they become here.
DOMAIN = "volunteers.example.org"
APP = "/srv/council/app"
VENV = "/srv/council/venv"
HTTPS_PORT = 8443
HTTP_PORT = 8080
WEB_PORTS = {8001: 8101, 8002: 8102}  # council-web@8001 in production is @8101 here
SMTP_PORT = 8025
SITE_URL = f"https://127.0.0.1:{HTTPS_PORT}"
POSTGRES = os.environ.get("SMOKE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379")
WEB_WORKERS = "2"  # per node: two cores here, shared with the rest

# --- The commands of deploy/README.md that the smoke runs, as the README writes them ---------
MANAGE = f"runuser -u council -- {VENV}/bin/python {APP}/manage.py"
SECRET_COMMANDS = {
    "SECRET_KEY": f"{VENV}/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))'",
    "MFA_ENCRYPTION_KEYS": f"{VENV}/bin/python -c "
    "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'",
    "SIGNING_PRIVATE_KEY": f"{VENV}/bin/python -c "
    "'from council.lib.signing import generate_private_key as g; print(g())'",
}
RELEASE_COMMANDS = (
    f"runuser -u council -- {VENV}/bin/python {APP}/scripts/compile_catalogues.py",
    f"{MANAGE} migrate --noinput",
    f"{MANAGE} load_reference",
    f"{MANAGE} collectstatic --noinput",
    f"{MANAGE} check --deploy --fail-level WARNING",
)
CERTIFICATE_COMMAND = (
    f"openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN={DOMAIN} "
    f"-addext subjectAltName=DNS:{DOMAIN} "
    "-keyout /etc/council/tls/privkey.pem -out /etc/council/tls/fullchain.pem"
)
NGINX_TEST_COMMAND = "nginx -t"
HEALTH_COMMAND = f"curl -fsS https://{DOMAIN}/healthz"
README_COMMANDS = (
    *SECRET_COMMANDS.values(),
    *RELEASE_COMMANDS,
    CERTIFICATE_COMMAND,
    NGINX_TEST_COMMAND,
    HEALTH_COMMAND,
)
# Where deploy/README.md lists the commands only an operator runs, each with what the smoke
# does in its place (a table whose first column is the command's beginning, in backticks).
OPERATOR_HEADING = "## Operator-only commands"

# The demo opportunity the newcomer applies for (council/demo/data/projects.json): open to
# everyone from 14, confirmed at once, a shift a week ahead with thirty seats.
OPPORTUNITY = "Tree planting in the foothills"
CONFIRMED_SUBJECT = f"You are confirmed: {OPPORTUNITY}"


class SmokeFailure(Exception):
    """A step did not do what it should; the message says what."""


# --- deploy/: reading the kit (shared with tests/deploy/test_kit.py) -----------------------


def readme_commands(text: str) -> list[str]:
    """Every command of the ```sh blocks, continuation lines joined, comments left out."""
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                commands.append(" ".join(line.split()))
    return commands


def operator_only(text: str) -> dict[str, str]:
    """The README's operator-only commands: their beginning → what the smoke does instead."""
    _, found, rest = text.partition(f"\n{OPERATOR_HEADING}\n")
    if not found:
        return {}
    section = rest.split("\n## ", 1)[0]
    rows = re.findall(r"^\|\s*`([^`]+)`\s*\|\s*(.*?)\s*\|\s*$", section, re.MULTILINE)
    return {" ".join(command.split()): instead for command, instead in rows}


def readme_problems(text: str, ran: list[str] | tuple[str, ...]) -> list[str]:
    """What makes the README and the smoke disagree: a command the smoke did not run that
    is not listed as operator-only, a README command the smoke runs missing from the
    README, an operator-only row that matches no command or swallows one the smoke runs."""
    commands = readme_commands(text)
    operator = operator_only(text)
    normal = {" ".join(command.split()) for command in ran}
    problems = []
    if not operator:
        problems.append(f"deploy/README.md has no '{OPERATOR_HEADING}' table")
    for command in commands:
        if command in normal or any(command.startswith(prefix) for prefix in operator):
            continue
        problems.append(f"neither run by make smoke nor listed as operator-only: {command}")
    for command in README_COMMANDS:
        if " ".join(command.split()) not in commands:
            problems.append(f"make smoke runs a command deploy/README.md does not show: {command}")
    for prefix in operator:
        if not any(command.startswith(prefix) for command in commands):
            problems.append(f"an operator-only row matches no command of the README: {prefix}")
        if any(" ".join(c.split()).startswith(prefix) for c in README_COMMANDS):
            problems.append(f"an operator-only row covers a command make smoke runs: {prefix}")
    return problems


@dataclass
class Unit:
    """A systemd unit file: its [Service] settings, each key with its values in order."""

    name: str
    service: dict[str, list[str]]

    def one(self, key: str) -> str:
        values = self.service.get(key, [])
        if len(values) != 1:
            raise SmokeFailure(f"{self.name}: expected one {key}=, found {len(values)}")
        return values[0]


def read_unit(path: Path) -> Unit:
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return Unit(path.name, sections.get("Service", {}))


def expand(value: str, instance: str) -> str:
    """systemd's specifiers: %i is the instance; others are not used in deploy/."""

    def specifier(match: re.Match[str]) -> str:
        letter = match.group(1)
        if letter == "i":
            return instance
        if letter == "%":
            return "%"
        raise SmokeFailure(f"unsupported systemd specifier %{letter} in {value!r}")

    return re.sub(r"%(.)", specifier, value)


def unit_argv(unit: Unit, instance: str = "") -> list[str]:
    """The ExecStart of a unit (production paths), split as systemd splits it."""
    command = expand(unit.one("ExecStart"), instance)
    if command[:1] in "-@+!:" or "$" in command:
        raise SmokeFailure(f"{unit.name}: ExecStart prefixes and $VARIABLES are not used here")
    return shlex.split(command)


def unit_environment(unit: Unit, instance: str = "") -> dict[str, str]:
    """The unit's Environment= assignments."""
    environment = {}
    for value in unit.service.get("Environment", []):
        for assignment in shlex.split(expand(value, instance)):
            name, _, setting = assignment.partition("=")
            environment[name] = setting
    return environment


@dataclass(frozen=True)
class EnvLine:
    name: str
    value: str
    active: bool  # False: commented out (the default applies)


ENV_LINE = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")


def env_template_lines(text: str) -> list[EnvLine]:
    """The variables of deploy/council.env.example, set (`NAME=value`) or shown with their
    default (`#NAME=value`). Values are read as both systemd and sh read them."""
    lines = []
    for raw in text.splitlines():
        match = ENV_LINE.match(raw.strip())
        if match:
            words = shlex.split(match.group(3)) or [""]
            lines.append(EnvLine(match.group(2), words[0], match.group(1) is None))
    return lines


# --- Here: the production paths mapped to this checkout and a scratch folder -----------------


@dataclass
class Here:
    """Where the topology runs: a scratch folder and the ports on 127.0.0.1 (the smoke's by
    default; bench/load.py brings the same topology up on its own)."""

    scratch: Path
    venv: Path = field(default_factory=lambda: Path(sys.prefix))
    https_port: int = HTTPS_PORT
    http_port: int = HTTP_PORT
    web_ports: dict[int, int] = field(default_factory=lambda: dict(WEB_PORTS))
    smtp_port: int = SMTP_PORT

    @property
    def site_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def ports(self) -> tuple[int, ...]:
        return (self.https_port, self.http_port, *self.web_ports.values(), self.smtp_port)

    def local(self, text: str) -> str:
        for production, here in (
            ("runuser -u council -- ", ""),
            (f"DNS:{DOMAIN}", "IP:127.0.0.1"),
            (f"https://{DOMAIN}", self.site_url),
            (DOMAIN, "127.0.0.1"),
            (VENV, str(self.venv)),
            (APP, str(ROOT)),
            ("/srv/council/", f"{self.scratch}/srv/"),
            ("/etc/council/", f"{self.scratch}/etc/"),
            ("/var/www/letsencrypt", f"{self.scratch}/acme"),
        ):
            text = text.replace(production, here)
        return text

    @property
    def env_file(self) -> Path:
        return Path(self.local("/etc/council/council.env"))

    @property
    def nginx_prefix(self) -> Path:
        return self.scratch / "nginx"

    @property
    def certificate(self) -> Path:
        return Path(self.local("/etc/council/tls/fullchain.pem"))

    @property
    def maildir(self) -> Path:
        return self.scratch / "mail"


def render_site(text: str, here: Here) -> str:
    """deploy/nginx/council.conf with this machine's ports, paths and certificate. IPv6
    listeners are left out (not every CI container has IPv6)."""
    lines = []
    for line in here.local(text).splitlines():
        if line.strip().startswith("listen [::]:"):
            continue
        line = line.replace("listen 443 ", f"listen 127.0.0.1:{here.https_port} ")
        line = line.replace("listen 80;", f"listen 127.0.0.1:{here.http_port};")
        for production, port in here.web_ports.items():
            line = line.replace(f"127.0.0.1:{production} ", f"127.0.0.1:{port} ")
        lines.append(line)
    rendered = "\n".join(lines) + "\n"
    listeners = (f"listen 127.0.0.1:{here.https_port} ", f"listen 127.0.0.1:{here.http_port};")
    for expected in (*listeners, "/srv/"):
        if expected not in rendered:
            raise SmokeFailure(f"the nginx site no longer renders ({expected!r} missing)")
    for port in here.web_ports.values():
        if f"127.0.0.1:{port} " not in rendered:
            raise SmokeFailure(f"the nginx upstream has no node on 127.0.0.1:{port}")
    return rendered


def nginx_main_config(prefix: Path) -> str:
    """The main nginx.conf around the site (Debian's /etc/nginx/nginx.conf includes
    sites-enabled/ inside its http block the same way)."""
    temp = prefix / "temp"
    return f"""worker_processes 2;
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    types_hash_max_size 2048;
    access_log {prefix}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {prefix}/council.conf;
}}
"""


def write_nginx(here: Here) -> Path:
    prefix = here.nginx_prefix
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    (prefix / "council.conf").write_text(render_site(SITE_FILE.read_text(), here))
    main = prefix / "nginx.conf"
    main.write_text(nginx_main_config(prefix))
    return main


def nginx_argv(here: Here, argv: list[str]) -> list[str]:
    """An nginx command pointed at the scratch prefix instead of /etc/nginx."""
    prefix = here.nginx_prefix
    return [*argv, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]


# --- Running ----------------------------------------------------------------------------------


@dataclass
class Smoke:
    here: Here
    database: str
    redis_url: str = ""
    environment: dict[str, str] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)
    honcho: subprocess.Popen[bytes] | None = None
    started_at: float = field(default_factory=time.monotonic)

    @property
    def database_url(self) -> str:
        return f"{POSTGRES}/{self.database}"

    @property
    def log(self) -> Path:
        return self.here.scratch / "honcho.log"

    def base_environment(self) -> dict[str, str]:
        """A clean environment, as systemd gives a unit, plus the environment file."""
        keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
        return {**keep, "CURL_CA_BUNDLE": str(self.here.certificate), **self.environment}

    def run(self, command: str, *, timeout: float = 300) -> str:
        """Run a README command (production form) here; record it; its output."""
        argv = shlex.split(self.here.local(command))
        if argv[0] == "nginx":
            argv = nginx_argv(self.here, argv)
        output = self.run_argv(argv, timeout=timeout)
        self.ran.append(command)
        return output

    def run_argv(self, argv: list[str], *, timeout: float = 300) -> str:
        try:
            result = subprocess.run(  # noqa: S603 (the kit's own commands)
                argv,
                cwd=ROOT,
                env=self.base_environment(),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise SmokeFailure(f"{shlex.join(argv)} took more than {timeout:.0f} s") from error
        if result.returncode != 0:
            raise SmokeFailure(
                f"{shlex.join(argv)} exited {result.returncode}:\n"
                f"{(result.stdout + result.stderr)[-3000:]}"
            )
        return result.stdout + result.stderr


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    started = time.monotonic()
    print(f"… {name}", flush=True)
    try:
        yield
    except SmokeFailure as error:
        raise SmokeFailure(f"{name}: {error}") from error
    except Exception as error:
        raise SmokeFailure(f"{name}: {type(error).__name__}: {error}") from error
    print(f"✓ {name} ({time.monotonic() - started:.1f} s)", flush=True)


def check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


# --- Setting up -------------------------------------------------------------------------------


def create_database(smoke: Smoke) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{smoke.database}"')


def drop_database(smoke: Smoke) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{smoke.database}" WITH (FORCE)')


def claim_redis_database() -> str:
    """The first empty Redis database from 15 down: nobody else's data to mix with."""
    import redis

    for number in range(15, 7, -1):
        url = f"{REDIS}/{number}"
        client = redis.Redis.from_url(url, socket_timeout=5)
        try:
            if client.dbsize() == 0:
                return url
        finally:
            client.close()
    raise SmokeFailure(f"no empty Redis database among 8–15 at {REDIS}")


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


def fill_environment(smoke: Smoke, made: dict[str, str]) -> dict[str, str]:
    """deploy/council.env.example's set variables, mapped here and filled for the test."""
    here = smoke.here
    values = {
        line.name: here.local(line.value)
        for line in env_template_lines(ENV_TEMPLATE.read_text())
        if line.active
    }
    values.update(
        {
            **made,
            "COUNCIL_ENV": "production",
            "DATABASE_URL": smoke.database_url,
            "REDIS_URL": smoke.redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(here.smtp_port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "SITE_URL": here.site_url,
            "WEB_CONCURRENCY": WEB_WORKERS,
        }
    )
    empty = sorted(name for name, value in values.items() if value == "" and "EMAIL" not in name)
    check(not empty, f"the environment template sets variables the smoke cannot fill: {empty}")
    check(values["ALLOWED_HOSTS"] == "127.0.0.1", "ALLOWED_HOSTS did not map to 127.0.0.1")
    for name in ("STATIC_ROOT", "MEDIA_ROOT", "PRIVATE_ROOT", "COUNCIL_DATA_DIR"):
        if name in values:
            check(values[name].startswith(str(here.scratch)), f"{name} is not in the scratch")
            Path(values[name]).mkdir(parents=True, exist_ok=True)
    return values


def write_env_file(path: Path, values: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{name}={shlex.quote(value)}" for name, value in values.items()]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)


@dataclass(frozen=True)
class Process:
    name: str
    argv: list[str]
    environment: dict[str, str]

    def procfile_line(self) -> str:
        assignments = [f"{name}={value}" for name, value in self.environment.items()]
        return f"{self.name}: exec env {shlex.join([*assignments, *self.argv])}"


def unit_process(here: Here, unit: Unit, name: str, instance: str = "") -> Process:
    """A unit's ExecStart and Environment mapped here, with its RuntimeDirectory made."""
    check(
        here.local(unit.one("EnvironmentFile")) == str(here.env_file),
        f"{unit.name} reads another environment file",
    )
    check(
        here.local(unit.one("WorkingDirectory")) == str(ROOT),
        f"{unit.name} runs in another folder than the code",
    )
    assigned = unit_environment(unit, instance)
    environment = {key: here.local(value) for key, value in assigned.items()}
    runtime = [
        here.scratch / "run" / expand(value, instance)
        for values in unit.service.get("RuntimeDirectory", [])
        for value in values.split()
    ]
    for folder in runtime:
        folder.mkdir(parents=True, exist_ok=True)
    if runtime:
        environment["RUNTIME_DIRECTORY"] = ":".join(str(folder) for folder in runtime)
    argv = [here.local(word) for word in unit_argv(unit, instance)]
    return Process(name, argv, environment)


def processes(here: Here) -> list[Process]:
    web = read_unit(UNIT_DIR / WEB_UNIT)
    worker = read_unit(UNIT_DIR / WORKER_UNIT)
    python = str(here.venv / "bin" / "python")
    found = [
        Process("nginx", nginx_argv(here, ["nginx", "-g", "daemon off;"]), {}),
        *(unit_process(here, web, f"web{port}", str(port)) for port in here.web_ports.values()),
        unit_process(here, worker, "worker"),
        Process(
            "smtp",
            [
                python,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{here.smtp_port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(here.maildir),
            ],
            {},
        ),
    ]
    if PERIODIC_COMMAND.exists():
        # The timers' runner in place of the timers (deploy/systemd/*.timer).
        worker_env = unit_process(here, worker, "periodic").environment
        found.append(
            Process("periodic", [python, str(ROOT / "manage.py"), "run_periodic"], worker_env)
        )
    return found


def start(smoke: Smoke, procs: list[Process]) -> None:
    procfile = smoke.here.scratch / "Procfile"
    procfile.write_text("".join(process.procfile_line() + "\n" for process in procs))
    no_dotenv = smoke.here.scratch / "honcho.env"
    no_dotenv.write_text("")
    with smoke.log.open("wb") as log:
        smoke.honcho = subprocess.Popen(  # noqa: S603 (honcho with the generated Procfile)
            [
                str(smoke.here.venv / "bin" / "honcho"),
                "start",
                "--no-colour",
                "-f",
                str(procfile),
                "-d",
                str(ROOT),
                "-e",
                str(no_dotenv),
            ],
            cwd=ROOT,
            env=smoke.base_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 90
    ports = smoke.here.ports
    while not all(port_open(port) for port in ports):
        if smoke.honcho.poll() is not None:
            raise SmokeFailure(f"honcho stopped (status {smoke.honcho.returncode})")
        if time.monotonic() > deadline:
            closed = [port for port in ports if not port_open(port)]
            raise SmokeFailure(f"ports {closed} still closed after 90 s")
        time.sleep(0.3)


def log_tail(smoke: Smoke, lines: int = 60) -> str:
    try:
        return "\n".join(smoke.log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no honcho log)"


def child_pids(smoke: Smoke) -> list[int]:
    """The process (group) ids honcho reported starting."""
    try:
        text = smoke.log.read_text(errors="replace")
    except FileNotFoundError:
        return []
    return [int(pid) for pid in re.findall(r"started \(pid=(\d+)\)", text)]


def stop(smoke: Smoke) -> list[str]:
    """Stop honcho and everything it started; what is still alive afterwards."""
    honcho = smoke.honcho
    if honcho is None:
        return []
    if honcho.poll() is None:
        honcho.send_signal(signal.SIGTERM)
        try:
            honcho.wait(timeout=45)
        except subprocess.TimeoutExpired:
            os.killpg(honcho.pid, signal.SIGKILL)
            honcho.wait(timeout=10)
    # Each Procfile process is a session of its own; kill what outlived honcho.
    for pid in child_pids(smoke):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    left = []
    deadline = time.monotonic() + 10
    for pid in child_pids(smoke):
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.1)
        if Path(f"/proc/{pid}").exists():
            left.append(f"pid {pid}")
    left += [f"port {port}" for port in smoke.here.ports if port_open(port)]
    return left


# --- The journey over HTTPS --------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str, bool]] = field(default_factory=list)  # name, value, type, on

    def data(self, **overrides: str) -> list[tuple[str, str]]:
        pairs = [
            (name, value)
            for name, value, kind, on in self.fields
            if name and name not in overrides and (kind not in {"checkbox", "radio"} or on)
        ]
        return pairs + list(overrides.items())

    def choices(self, name: str) -> list[str]:
        return [value for field_name, value, kind, _ in self.fields if field_name == name]


class Page(html.parser.HTMLParser):
    """The forms and links of a page, as a browser would submit and follow them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[tuple[str, str]] = []
        self._link: list[str] | None = None
        self._select: list[Any] | None = None  # name, options [(value, selected)]
        self._textarea: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        form = self.forms[-1] if self.forms else None
        if tag == "form":
            self.forms.append(Form(a.get("action") or "", (a.get("method") or "get").lower()))
        elif tag == "input" and form is not None:
            kind = (a.get("type") or "text").lower()
            if kind not in {"submit", "button", "file", "image", "reset"}:
                name, value = a.get("name") or "", a.get("value") or ""
                form.fields.append((name, value, kind, "checked" in a))
        elif tag == "select":
            self._select = [a.get("name") or "", []]
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value") or "", "selected" in a))
        elif tag == "textarea":
            self._textarea = [a.get("name") or "", ""]
        elif tag == "a":
            self._link = [a.get("href") or "", ""]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag: str) -> None:
        form = self.forms[-1] if self.forms else None
        if tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [
                value for value, _ in options[:1]
            ]
            if form is not None:
                form.fields.extend((name, value, "select", True) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if form is not None:
                form.fields.append((self._textarea[0], self._textarea[1], "textarea", True))
            self._textarea = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def form_with(self, field_name: str) -> Form:
        for form in self.forms:
            if any(name == field_name for name, *_ in form.fields):
                return form
        raise SmokeFailure(f"no form with a field {field_name!r} on the page")


class Browser:
    """A person's browser against the site: cookies, CSRF, the referer of each post."""

    def __init__(self, certificate: Path) -> None:
        import requests

        self.session = requests.Session()
        # Per request: REQUESTS_CA_BUNDLE in the environment would beat the session's.
        self.verify = str(certificate)
        self.session.headers["Accept-Language"] = "en"
        self.url = SITE_URL + "/"
        self.request_ids: list[str] = []

    def get(self, path: str, status: int = 200) -> Any:
        response = self.session.get(urljoin(self.url, path), verify=self.verify, timeout=30)
        return self._checked(response, status)

    def submit(self, form: Form, status: int = 302, **overrides: str) -> Any:
        target = urljoin(self.url, form.action or self.url)
        response = self.session.post(
            target,
            data=form.data(**overrides),
            headers={"Referer": self.url},
            allow_redirects=False,
            verify=self.verify,
            timeout=30,
        )
        return self._checked(response, status)

    def _checked(self, response: Any, status: int) -> Any:
        request_id = response.headers.get("X-Request-ID", "")
        check(request_id, f"{response.url}: no X-Request-ID from nginx")
        self.request_ids.append(request_id)
        if response.status_code != status:
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))[:1500]
            raise SmokeFailure(
                f"{response.request.method} {response.url}: HTTP {response.status_code}, "
                f"expected {status}: {text}"
            )
        if response.status_code == 200:
            self.url = response.url
        return response


def wait_for_mail(maildir: Path, to: str, wanted: str, timeout: float = 60) -> EmailMessage:
    """The first message to `to` whose subject or body holds `wanted`, as aiosmtpd's Mailbox
    handler stored it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (maildir / "new").exists():
            box = mailbox.Maildir(maildir, create=False)
            for key in box.iterkeys():
                message = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
                assert isinstance(message, EmailMessage)
                body = message.get_body(("plain",))
                text = body.get_content() if body is not None else ""
                if to in str(message["To"]) and (
                    wanted in str(message["Subject"]) or wanted in text
                ):
                    return message
        time.sleep(0.5)
    raise SmokeFailure(f"no mail to {to} with {wanted!r} within {timeout:.0f} s")


def journey(smoke: Smoke) -> None:
    browser = Browser(smoke.here.certificate)
    person = f"smoke-{secrets.token_hex(4)}@example.org"
    password = secrets.token_urlsafe(16)
    with step("sign up over HTTPS"):
        page = Page(browser.get("/accounts/signup/").text)
        form = page.form_with("password2")
        response = browser.submit(
            form,
            email=person,
            password1=password,
            password2=password,
            given_name="Алия",
            family_name="Смоук",
            given_name_latin="Aliya",
            family_name_latin="Smoke",
            home_country="KZ",
            consent_processing="on",
        )
        check(
            response.headers["Location"].endswith("/accounts/confirm-email/"),
            f"sign-up went to {response.headers['Location']}",
        )
    with step("confirmation mail through the task worker and SMTP"):
        message = wait_for_mail(smoke.here.maildir, person, "/accounts/confirm-email/")
        body = message.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        match = re.search(r"(https://\S+/accounts/confirm-email/[^/\s]+/)", text)
        check(match, f"no https confirmation link in the mail:\n{text}")
        assert match is not None
        link = match.group(1)
        check(link.startswith(SITE_URL + "/"), f"the link {link} is not under {SITE_URL}")
    with step("confirm the address"):
        page = Page(browser.get(link).text)
        form = next((f for f in page.forms if "confirm-email" in f.action), None)
        check(form is not None, "no confirmation form on the confirmation page")
        assert form is not None
        response = browser.submit(form)
        check(
            urlsplit(response.headers["Location"]).path == "/volunteer/",
            f"confirming went to {response.headers['Location']}, not the volunteer profile",
        )
    with step("fill the date of birth the opportunity asks for"):
        page = Page(browser.get("/volunteer/").text)
        browser.submit(page.form_with("date_of_birth"), date_of_birth="1990-05-17")
    with step(f"apply for a shift of “{OPPORTUNITY}”"):
        page = Page(browser.get("/search/").text)
        found = [href for href, text in page.links if OPPORTUNITY in text]
        check(found, f"“{OPPORTUNITY}” is not among the open opportunities of /search/")
        page = Page(browser.get(found[0]).text)
        form = page.form_with("shift")
        shifts = form.choices("shift")
        check(shifts, "the opportunity page offers no shift")
        response = browser.submit(form, shift=shifts[0])
        check(
            urlsplit(response.headers["Location"]).path == "/me/applications/",
            f"applying went to {response.headers['Location']}",
        )
        mine = browser.get("/me/applications/").text
        check(OPPORTUNITY in mine, "the application is not on the volunteer's list")
    with step("application confirmed by mail through the queue"):
        wait_for_mail(smoke.here.maildir, person, CONFIRMED_SUBJECT)
        check_task_rows(smoke, person)
    with step("both web nodes served requests (their access logs)"):
        check_access_logs(smoke, browser.request_ids)


def check_task_rows(smoke: Smoke, person: str) -> None:
    """The mail to the person went through django-tasks-db's table, done by the worker."""
    import psycopg

    with psycopg.connect(smoke.database_url, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE args_kwargs::text LIKE %s GROUP BY status",
            (f"%{person}%",),
        ).fetchall()
    statuses = dict(rows)
    check(statuses.get("SUCCESSFUL", 0) >= 2, f"the person's mail tasks: {statuses}")
    check(set(statuses) == {"SUCCESSFUL"}, f"mail tasks not all done: {statuses}")


def operations(smoke: Smoke) -> None:
    """What an operator's monitoring reads: readiness through nginx, a node's metrics (asked
    directly, as nginx never passes /metrics on), and the periodic jobs' last successes."""
    import psycopg
    import requests

    with step("/readyz through nginx: database, cache, queue and migrations"):
        response = requests.get(
            f"https://127.0.0.1:{smoke.here.https_port}/readyz",
            verify=str(smoke.here.certificate),
            timeout=10,
        )
        body = response.json()
        check(response.status_code == 200, f"/readyz answered {response.status_code}: {body}")
        check(set(body["checks"]) == {"database", "cache", "tasks", "migrations"}, str(body))
    with step("the periodic jobs' runner recorded a success"):
        deadline = time.monotonic() + 60
        succeeded: list[str] = []
        while time.monotonic() < deadline and "send_shift_reminders" not in succeeded:
            with psycopg.connect(smoke.database_url, connect_timeout=5) as conn:
                rows = conn.execute(
                    "SELECT name FROM ops_jobrun WHERE last_succeeded_at IS NOT NULL"
                ).fetchall()
            succeeded = [name for (name,) in rows]
            time.sleep(1)
        check("send_shift_reminders" in succeeded, f"jobs that succeeded: {succeeded}")
        print(f"  jobs run by run_periodic: {len(succeeded)}")
    with step("a web node's /metrics: requests per view, the queue, the jobs"):
        port = next(iter(smoke.here.web_ports.values()))
        response = requests.get(
            f"http://127.0.0.1:{port}/metrics", headers={"Host": "127.0.0.1"}, timeout=10
        )
        check(response.status_code == 200, f"/metrics answered {response.status_code}")
        text = response.text
        for name in (
            "django_http_requests_latency_seconds_by_view_method_bucket",
            "django_db_query_duration_seconds_bucket",
            "council_tasks_ready",
            "council_tasks_oldest_ready_age_seconds",
            "council_tasks_failed",
            'council_job_last_success_timestamp_seconds{job="send_shift_reminders"}',
        ):
            check(name in text, f"/metrics has no {name}")
        line = next(
            line
            for line in text.splitlines()
            if line.startswith('council_job_last_success_timestamp_seconds{job="send_shift_rem')
        )
        check(float(line.split()[-1]) > 0, f"the job's last success is not counted: {line}")


def check_access_logs(smoke: Smoke, request_ids: list[str]) -> None:
    text = smoke.log.read_text(errors="replace")
    served = {}
    for port in WEB_PORTS.values():
        lines = re.findall(rf"^\S+ web{port}\S* +\| .*request_id=(\w+)$", text, re.MULTILINE)
        served[port] = set(lines)
    check(all(served.values()), f"requests per node: { {p: len(s) for p, s in served.items()} }")
    logged = set().union(*served.values())
    missing = [rid for rid in request_ids if rid not in logged]
    check(not missing, f"request ids nginx gave but no node logged: {missing[:5]}")
    print("  requests per node: " + ", ".join(f"{p}: {len(s)}" for p, s in served.items()))


def proxy_rules(smoke: Smoke) -> None:
    import requests

    certificate = str(smoke.here.certificate)
    with step("HTTP redirects to HTTPS"):
        response = requests.get(
            f"http://127.0.0.1:{HTTP_PORT}/healthz", allow_redirects=False, timeout=10
        )
        check(response.status_code == 301, f"HTTP answered {response.status_code}")
        location = response.headers["Location"]
        check(location == "https://127.0.0.1/healthz", f"redirected to {location}")
    with step("hashed static files from nginx, cached for a year"):
        home = requests.get(SITE_URL + "/", verify=certificate, timeout=10)
        check(home.status_code == 200, f"home page: HTTP {home.status_code}")
        hashed = re.findall(r'"(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text)
        check(hashed, "the home page links no hashed stylesheet (collectstatic's manifest)")
        response = requests.get(SITE_URL + hashed[0], verify=certificate, timeout=10)
        check(response.status_code == 200, f"{hashed[0]}: HTTP {response.status_code}")
        check("immutable" in response.headers.get("Cache-Control", ""), "not cached a year")
        check("X-Request-ID" not in response.headers, "static file went to a web node")
    with step("/metrics is not served from outside"):
        response = requests.get(SITE_URL + "/metrics", verify=certificate, timeout=10)
        check(response.status_code == 404, f"/metrics answered {response.status_code}")
    with step("a body over client_max_body_size is refused with 413"):
        context = ssl.create_default_context(cafile=certificate)
        connection = http.client.HTTPSConnection("127.0.0.1", HTTPS_PORT, context=context)
        try:
            connection.putrequest("POST", "/accounts/signup/")
            connection.putheader("Content-Length", str(22 * 1024 * 1024))
            connection.endheaders()
            status = connection.getresponse().status
        finally:
            connection.close()
        check(status == 413, f"a 22 MB body got HTTP {status}")


def rate_limit(smoke: Smoke) -> None:
    """Last: the flood fills the zone's bucket for this address for a minute."""
    import requests

    certificate = str(smoke.here.certificate)
    with step("sign-in floods get 429 from nginx"):
        statuses = [
            requests.post(
                SITE_URL + "/accounts/login/", data={}, verify=certificate, timeout=10
            ).status_code
            for _ in range(40)
        ]
        check(statuses[0] != 429 and 429 in statuses, f"sign-in posts answered {statuses}")


# --- The whole run ---------------------------------------------------------------------------


def run_chains(smoke: Smoke, *chains: list[str | list[str]]) -> dict[str, str]:
    """Run each chain's commands in order, the chains side by side; the README commands'
    outputs. A string is a README command (recorded), a list an argument vector."""
    outputs: dict[str, str] = {}
    errors: list[str] = []

    def run_chain(chain: list[str | list[str]]) -> None:
        for command in chain:
            name = command if isinstance(command, str) else shlex.join(command)
            started = time.monotonic()
            try:
                if isinstance(command, str):
                    outputs[command] = smoke.run(command)
                else:
                    smoke.run_argv(command)
            except SmokeFailure as error:
                errors.append(str(error))
                return
            short = name.replace(f"runuser -u council -- {VENV}/bin/python {APP}/", "")
            print(f"  ✓ {short} ({time.monotonic() - started:.1f} s)", flush=True)

    threads = [threading.Thread(target=run_chain, args=(chain,)) for chain in chains]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check(not errors, "\n".join(errors))
    return outputs


def setup(smoke: Smoke) -> None:
    here = smoke.here
    with step("ports free"):
        busy = [port for port in here.ports if port_open(port)]
        check(not busy, f"ports in use: {busy}")
        check(shutil.which("nginx"), "nginx is not installed (apt-get install nginx)")
    with step(f"database {smoke.database}"):
        create_database(smoke)
        smoke.redis_url = claim_redis_database()
        print(f"  Redis: {smoke.redis_url}")
    with step("secrets made with the README's commands"):
        made = {name: smoke.run(command).strip() for name, command in SECRET_COMMANDS.items()}
    with step("environment file from deploy/council.env.example"):
        smoke.environment = fill_environment(smoke, made)
        write_env_file(here.env_file, smoke.environment)
    here.certificate.parent.mkdir(parents=True, exist_ok=True)
    seed = [str(here.venv / "bin" / "python"), "manage.py", "seed_demo", "--allow-production"]
    compile_catalogues, migrate, load_reference, collectstatic, deploy_check = RELEASE_COMMANDS
    with step("release commands, the certificate and the demo opportunities (seed_demo)"):
        # Side by side where nothing orders them: collectstatic (which compresses every file
        # with brotli) takes as long as the migrations.
        outputs = run_chains(
            smoke,
            [compile_catalogues, migrate, load_reference, seed],
            [collectstatic],
            [deploy_check, CERTIFICATE_COMMAND],
        )
        check(
            "no issues" in outputs[deploy_check], f"check --deploy said:\n{outputs[deploy_check]}"
        )
    with step("nginx site rendered, nginx -t"):
        write_nginx(here)
        smoke.run(NGINX_TEST_COMMAND)


def main() -> int:
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="council-smoke-"))
    # nginx's workers (another user when started by root) read the static files from here.
    scratch.chmod(0o755)
    smoke = Smoke(Here(scratch), database=f"smoke_{secrets.token_hex(4)}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failure = ""
    try:
        setup(smoke)
        procs = processes(smoke.here)
        with step("honcho: " + ", ".join(process.name for process in procs)):
            start(smoke, procs)
        if not PERIODIC_COMMAND.exists():
            print("  note: no `manage.py run_periodic` here: the timers' runner does not run")
        with step("health check with the README's command"):
            smoke.run(HEALTH_COMMAND)
        proxy_rules(smoke)
        journey(smoke)
        operations(smoke)
        rate_limit(smoke)
        with step("every process still up"):
            # honcho stops them all when one stops: a crash anywhere shows here.
            check(smoke.honcho is not None and smoke.honcho.poll() is None, "honcho stopped")
        with step("every command of deploy/README.md ran or is operator-only"):
            problems = readme_problems(README.read_text(), smoke.ran)
            check(not problems, "\n".join(problems))
    except (SmokeFailure, KeyboardInterrupt, SystemExit) as error:
        failure = str(error) or type(error).__name__
        print(f"\n✗ {failure}", file=sys.stderr)
        print(f"--- the last lines of honcho's log ---\n{log_tail(smoke)}", file=sys.stderr)
    finally:
        print("… tear down", flush=True)
        problems = [f"still running: {what}" for what in stop(smoke)]
        cleanups = [(f"drop database {smoke.database}", lambda: drop_database(smoke))]
        if smoke.redis_url:
            cleanups.append((f"flush {smoke.redis_url}", lambda: flush_redis(smoke.redis_url)))
        for what, cleanup in cleanups:
            try:
                cleanup()
            except Exception as error:
                problems.append(f"{what}: {error}")
        shutil.rmtree(scratch, ignore_errors=True)
        for problem in problems:
            print(f"✗ tear down: {problem}", file=sys.stderr)
        failure = failure or "; ".join(problems)
    elapsed = time.monotonic() - started
    if failure:
        print(f"make smoke FAILED after {elapsed:.0f} s", file=sys.stderr)
        return 1
    print(f"make smoke passed in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
