"""The README's app table is a map of the tree: every app is in it, every row is an app (or
`lib`), and every module it names for views, services, selectors and access exists."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = settings.BASE_DIR
COUNCIL = ROOT / "council"
README = (ROOT / "README.md").read_text(encoding="utf-8")
COLUMNS = ["app", "owns", "URL prefix", "views", "services", "selectors", "access"]
# Apps that the cooperation split (issue 18) carves out of council/cooperation: their rows are
# checked once their directories exist.
BEING_SPLIT_OUT = {"exchanges", "deployments", "corporate"}
CODE = re.compile(r"`([^`]+)`")


def app_table() -> dict[str, dict[str, str]]:
    section = README.split("\n## Apps\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    rows = {}
    for line in lines[2:]:
        cells = dict(
            zip(COLUMNS, (cell.strip() for cell in line.strip("|").split("|")), strict=True)
        )
        (name,) = CODE.findall(cells["app"])
        assert name not in rows, f"{name} has two rows"
        rows[name] = cells
    return rows


ROWS = app_table()


def test_every_app_has_a_row_and_every_row_is_a_directory() -> None:
    apps = {path.parent.name for path in COUNCIL.glob("*/apps.py")}
    assert apps - ROWS.keys() == set(), "apps missing from the README's table"
    for name in ROWS:
        if name in BEING_SPLIT_OUT and not (COUNCIL / name).exists():
            continue
        assert (COUNCIL / name).is_dir(), f"council/{name}/ does not exist"
        assert name == "lib" or (COUNCIL / name / "apps.py").exists(), name


def test_every_module_named_exists_as_a_module_or_a_package() -> None:
    for name, cells in ROWS.items():
        if name in BEING_SPLIT_OUT and not (COUNCIL / name).exists():
            continue
        for column in ("views", "services", "selectors", "access"):
            for module in CODE.findall(cells[column]):
                path = COUNCIL / name / module
                assert path.with_suffix(".py").is_file() or path.is_dir(), (
                    f"council/{name}/{module}(.py|/) named in the {column} column"
                )
            if cells[column] == "—" and name != "lib":  # lib/views.py is a helper
                path = COUNCIL / name / column
                assert not (path.with_suffix(".py").exists() or path.is_dir()), (
                    f"council/{name} has {column} but its row says —"
                )


def routes(patterns: list[URLPattern | URLResolver], prefix: str = "/") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        found.append(route)
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, route)
    return found


def test_every_url_prefix_is_served() -> None:
    served = routes(get_resolver().url_patterns)
    for name, cells in ROWS.items():
        for prefix in CODE.findall(cells["URL prefix"]):
            assert any(route.startswith(prefix) for route in served), (name, prefix)
