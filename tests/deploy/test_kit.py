"""The deployment kit in deploy/ holds together: the units start what exists, the nginx site
passes `nginx -t` and takes the largest upload, the environment template documents every
variable the settings read, and every command of deploy/README.md is one `make smoke` runs
or is listed as operator-only. `make smoke` (scripts/smoke.py) runs the kit for real."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT: Path = settings.BASE_DIR


def load_smoke() -> ModuleType:
    spec = importlib.util.spec_from_file_location("smoke", ROOT / "scripts" / "smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["smoke"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


smoke = load_smoke()
UNITS = sorted(smoke.UNIT_DIR.glob("*.service"))


# --- The units -------------------------------------------------------------------------------


def test_the_web_and_worker_units_are_there() -> None:
    names = {unit.name for unit in UNITS}
    assert {smoke.WEB_UNIT, smoke.WORKER_UNIT} <= names


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_a_unit_runs_the_app_as_council_with_the_environment_file(path: Path) -> None:
    unit = smoke.read_unit(path)
    assert unit.one("User") == "council"
    assert unit.one("WorkingDirectory") == smoke.APP
    assert unit.one("EnvironmentFile") == "/etc/council/council.env"


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_a_units_exec_start_names_what_exists(path: Path) -> None:
    """Programs of the virtualenv, files of the code, management commands, the WSGI module."""
    argv = smoke.unit_argv(smoke.read_unit(path), "8001")
    program, *arguments = argv
    assert program.startswith(f"{smoke.VENV}/bin/"), program
    assert (Path(sys.prefix) / "bin" / program.rsplit("/", 1)[1]).exists(), program
    # Files of the code, absolute or relative to WorkingDirectory (the code's folder).
    files = [
        argument.removeprefix(smoke.APP + "/")
        for argument in arguments
        if argument.startswith(smoke.APP + "/") or argument.endswith(".py")
    ]
    for file in files:
        assert not file.startswith("/") and (ROOT / file).exists(), file
    if len(arguments) > 1 and arguments[0] in {"manage.py", f"{smoke.APP}/manage.py"}:
        assert arguments[1] in get_commands(), f"no management command {arguments[1]}"
    for argument in arguments:
        if re.fullmatch(r"council(\.\w+)+:\w+", argument):
            module = argument.split(":")[0]
            assert importlib.util.find_spec(module) is not None, argument


def test_the_web_unit_binds_its_instance_port_with_the_kits_gunicorn_settings() -> None:
    argv = smoke.unit_argv(smoke.read_unit(smoke.UNIT_DIR / smoke.WEB_UNIT), "8001")
    assert argv[1] == "council.wsgi:application"
    assert argv[argv.index("-c") + 1] == f"{smoke.APP}/deploy/gunicorn.conf.py"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8001"


def test_every_timer_starts_a_unit_of_the_kit() -> None:
    for timer in sorted(smoke.UNIT_DIR.glob("*.timer")):
        text = timer.read_text()
        named = re.search(r"^Unit=(\S+)$", text, re.MULTILINE)
        if named:
            target = re.sub(r"@[^.]+\.service$", "@.service", named.group(1))
        else:
            target = re.sub(r"@[^.]+\.timer$", "@.service", timer.name).replace(
                ".timer", ".service"
            )
        assert (smoke.UNIT_DIR / target).exists(), f"{timer.name} starts {target}"


def test_the_gunicorn_settings_load() -> None:
    from gunicorn.config import Config

    config = Config()
    path = ROOT / "deploy" / "gunicorn.conf.py"
    namespace: dict[str, object] = {"__file__": str(path)}
    exec(  # noqa: S102 (gunicorn runs its settings file so)
        compile(path.read_text(), str(path), "exec"),
        namespace,
    )
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    assert config.workers >= 2
    assert "x-request-id" in config.access_log_format
    assert config.forwarded_allow_ips == ["127.0.0.1", "::1"]


# --- The nginx site -------------------------------------------------------------------------


# The upload limits that apply under their own nginx locations (the imports' spreadsheets),
# not to the whole site.
OWN_LOCATION = {
    "council.lib.spreadsheets.common.MAX_UPLOAD_BYTES": ("/imports/", "/api/v1/imports"),
    "council.interchange.services.imports.MAX_FILE_BYTES": (
        "/exchange-format/imports/",
        "/api/v1/exchange-format/imports",
    ),
}
# Limits named like upload limits that are not a body's size: what a workbook may unpack to.
NOT_BODY_LIMITS = {"council.lib.spreadsheets.workbooks.MAX_UNPACKED_BYTES"}


def upload_limits() -> dict[str, int]:
    """The app's upload limits (MAX_*_BYTES) by module, and Django's limit of a body's
    non-file part (as "django")."""
    limits = {"django": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    for path in sorted((ROOT / "council").rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for name in re.findall(r"^(MAX_\w*BYTES) = ", path.read_text(), re.MULTILINE):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            limits[f"{module}.{name}"] = getattr(importlib.import_module(module), name)
    return limits


def largest_upload() -> int:
    """The largest body the app accepts outside the locations with their own limit."""
    return max(
        limit
        for name, limit in upload_limits().items()
        if name not in OWN_LOCATION and name not in NOT_BODY_LIMITS
    )


def _fits(limit: int, largest: int) -> bool:
    # Room for the multipart form around the file, not a second file.
    return largest + 64 * 1024 <= limit <= largest + 2 * 1024 * 1024


def test_the_site_takes_the_largest_upload_and_not_much_more() -> None:
    text = smoke.SITE_FILE.read_text()
    server = re.findall(r"^    client_max_body_size (\d+)m;", text, re.MULTILINE)
    assert len(server) == 1
    largest = largest_upload()
    assert largest == 20 * 1024 * 1024  # a signed agreement
    assert _fits(int(server[0]) * 1024 * 1024, largest)


def test_the_imports_take_a_spreadsheet_of_the_readers_limit() -> None:
    text = smoke.SITE_FILE.read_text()
    limits = upload_limits()
    for name, prefixes in OWN_LOCATION.items():
        largest = limits[name]
        for prefix in prefixes:
            block = re.search(
                r"location \^~ " + re.escape(prefix) + r" \{(.*?)\n    \}", text, re.DOTALL
            )
            assert block is not None, prefix
            sizes = re.findall(r"client_max_body_size (\d+)m;", block.group(1))
            assert len(sizes) == 1 and _fits(int(sizes[0]) * 1024 * 1024, largest), prefix
            assert "proxy_pass http://council_web;" in block.group(1)


def test_the_site_proxies_with_the_headers_the_app_and_its_logs_read() -> None:
    text = smoke.SITE_FILE.read_text()
    for header in (
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Request-ID $request_id;",
        "limit_req_status 429;",
    ):
        assert header in text
    # STATIC_ROOT and MEDIA_ROOT of the environment template are what nginx serves.
    values = {line.name: line.value for line in smoke.env_template_lines(env_template())}
    assert f"alias {values['STATIC_ROOT']}/;" in text
    assert f"alias {values['MEDIA_ROOT']}/;" in text
    assert "private" not in values["MEDIA_ROOT"]


def test_the_site_passes_nginx_t(tmp_path: Path) -> None:
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI has no nginx or openssl: .ci/run installs them")
        pytest.skip("nginx is not installed here")
    here = smoke.Here(tmp_path)
    here.certificate.parent.mkdir(parents=True)
    command = smoke.shlex.split(here.local(smoke.CERTIFICATE_COMMAND))
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (the kit's command)
    main = smoke.write_nginx(here)
    result = subprocess.run(  # noqa: S603 (nginx on the rendered site)
        ["nginx", "-t", "-p", str(here.nginx_prefix), "-c", str(main)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    rendered = (here.nginx_prefix / "council.conf").read_text()
    assert "127.0.0.1:8101 " in rendered and "127.0.0.1:8102 " in rendered
    assert "/srv/council" not in rendered and "/etc/council" not in rendered


# --- The environment template -----------------------------------------------------------------

# Set by systemd for the unit (RuntimeDirectory=), not by the operator.
SYSTEMD_VARIABLES = {"RUNTIME_DIRECTORY"}
ENVIRONMENT_READERS = {"os.environ.get", "os.getenv", "envbool", "envint", "envlist"}


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def variables_read(path: Path) -> set[str]:
    """The environment variables a module reads by name: os.environ.get, os.getenv, the
    settings' envbool/envint/envlist, os.environ[...] and `"NAME" in os.environ`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        name: ast.AST | None = None
        if isinstance(node, ast.Call) and dotted(node.func) in ENVIRONMENT_READERS and node.args:
            name = node.args[0]
        elif isinstance(node, ast.Subscript) and dotted(node.value) == "os.environ":
            name = node.slice
        elif (
            isinstance(node, ast.Compare)
            and isinstance(node.ops[0], ast.In | ast.NotIn)
            and dotted(node.comparators[0]) == "os.environ"
        ):
            name = node.left
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.add(name.value)
    return names


def env_template() -> str:
    return smoke.ENV_TEMPLATE.read_text()


def settings_variables() -> set[str]:
    """The variables every module of the settings package reads."""
    found: set[str] = set()
    for module in sorted((ROOT / "council" / "settings").glob("*.py")):
        found |= variables_read(module)
    return found


def test_the_reader_finds_the_settings_variables() -> None:
    found = settings_variables()
    # One of each way of reading: os.environ.get, envbool, envint, envlist, `in os.environ`.
    assert {"SECRET_KEY", "DEBUG", "EMAIL_PORT", "ALLOWED_HOSTS", "DATABASE_URL"} <= found


@pytest.mark.parametrize("module", ["council/settings", "deploy/gunicorn.conf.py"])
def test_the_template_documents_every_variable_read(module: str) -> None:
    documented = {line.name for line in smoke.env_template_lines(env_template())}
    read = settings_variables() if module == "council/settings" else variables_read(ROOT / module)
    missing = sorted(read - documented - SYSTEMD_VARIABLES)
    assert missing == [], f"deploy/council.env.example does not document {missing}"


def test_each_variable_of_the_template_has_its_comment_and_reads_the_same_in_sh() -> None:
    """A variable line (or a group of them) follows its comment without a blank line, and no
    value holds what sh would expand or systemd read otherwise."""
    explained = False
    for raw in env_template().splitlines():
        line = raw.strip()
        variable = smoke.ENV_LINE.match(line)
        if variable:
            assert explained, f"no comment explains {variable.group(2)}"
            assert not re.search(r"[$`\\']", variable.group(3)), line
            assert re.fullmatch(r'"[^"]*"|[^\s"]*', variable.group(3)), line
        else:
            explained = line.startswith("#")


def test_the_smoke_fills_every_variable_the_template_leaves_empty() -> None:
    empty = {
        line.name
        for line in smoke.env_template_lines(env_template())
        if line.active and not line.value
    }
    assert empty <= set(smoke.SECRET_COMMANDS) | {"EMAIL_HOST_PASSWORD"}


# --- deploy/README.md and make smoke ------------------------------------------------------------


def test_every_readme_command_is_run_by_the_smoke_or_operator_only() -> None:
    assert smoke.readme_problems(smoke.README.read_text(), smoke.README_COMMANDS) == []


def test_the_readme_check_catches_what_it_is_for() -> None:
    """Guard against a check that passes because it reads nothing."""
    text = smoke.README.read_text()
    commands = smoke.readme_commands(text)
    assert "nginx -t" in commands and len(commands) > 30
    assert any(command.startswith("openssl req -x509 ") for command in commands)  # joined \
    extra = text.replace("\nnginx -t\n", "\nnginx -t\nnginx -s stop\n")
    assert smoke.readme_problems(extra, smoke.README_COMMANDS) == [
        "neither run by make smoke nor listed as operator-only: nginx -s stop"
    ]
    without = text.replace(f"{smoke.MANAGE} load_reference\n", "")
    assert any(
        "load_reference" in problem
        for problem in smoke.readme_problems(without, smoke.README_COMMANDS)
    )
