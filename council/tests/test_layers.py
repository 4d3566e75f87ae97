"""Reads in selectors, writes in services: views and API routers build no ORM query and write
nothing themselves.

A syntax-tree scan rather than an import-linter contract: import-linter sees imports only,
not attribute access, and views must import models anyway (for their enums and types). An
offence is any `.objects` in a views module or package (`council/views.py`,
`council/<app>/views.py`, `council/<app>/views_*.py`, `council/<app>/views/`) or an API
router (`council/api/routers/`); a call of `.save()`, `.delete()`, `.create()`, `.update()`,
`.get_or_create()`, `.update_or_create()` or `.bulk_create()` (not a route decorator such as
`@router.delete(...)`, not `.update()` on a dict the function built or received as
`**kwargs`); and an import of `django.db.transaction` (transactions belong to services)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT: Path = settings.BASE_DIR
WRITES = {"save", "delete", "create", "update", "get_or_create", "update_or_create", "bulk_create"}


def scanned_modules() -> list[Path]:
    council = ROOT / "council"
    found = {
        council / "views.py",
        *council.glob("*/views.py"),
        *council.glob("*/views_*.py"),
        *council.glob("*/views/**/*.py"),
        *council.glob("api/routers/**/*.py"),
    }
    return sorted(path for path in found if path.is_file())


def dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def dict_names(tree: ast.AST) -> set[str]:
    """Names bound to a dict: `x = {…}`, `x = dict(…)`, `x: dict[…] = …`, `**x`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict | ast.DictComp):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if isinstance(node.value.func, ast.Name) and node.value.func.id == "dict":
                names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if ast.unparse(node.annotation).startswith("dict"):
                names.add(node.target.id)
        elif isinstance(node, ast.arguments) and node.kwarg is not None:
            names.add(node.kwarg.arg)
    return names


def transaction_imported(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.module == "django.db" and any(a.name == "transaction" for a in node.names)
    return any(alias.name.startswith("django.db.transaction") for alias in node.names)


def offences(source: str) -> list[str]:
    tree = ast.parse(source)
    decorators = {
        id(decorator)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for decorator in node.decorator_list
    }
    dicts = dict_names(tree)
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append((node.lineno, node.col_offset, ast.unparse(node)))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
            and id(node) not in decorators
            and not (
                node.func.attr == "update"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in dicts
            )
        ):
            found.append((node.lineno, node.col_offset, f"{ast.unparse(node.func)}()"))
        elif isinstance(node, ast.ImportFrom | ast.Import) and transaction_imported(node):
            found.append((node.lineno, node.col_offset, ast.unparse(node)))
    return [f"{line}: {text}" for line, _column, text in sorted(found, key=lambda f: f[:2])]


def found_today() -> dict[str, list[str]]:
    return {
        dotted(path): found
        for path in scanned_modules()
        if (found := offences(path.read_text(encoding="utf-8")))
    }


def test_no_views_module_or_api_router_reads_or_writes_the_database_itself() -> None:
    """Views and routers go through access helpers, selectors and services (issue 18)."""
    assert found_today() == {}, "ORM reads or writes in views or routers: use selectors/services"


def test_the_scan_sees_queries_and_writes_and_not_their_lookalikes() -> None:
    source = """
from django.db import transaction

@router.delete("/x/{pk}")
def remove(request, pk, **context):
    thing = Thing.objects.get(pk=pk)
    thing.save()
    thing.delete()
    Other.objects.filter(pk=pk).update(done=True)
    Feed.objects.get_or_create(user=request.user)
    data = {"a": 1}
    data.update(b=2)
    extra: dict[str, int] = {}
    extra.update(c=3)
    context.update(d=4)
    rows.update(e=5)
"""
    assert [line.split(": ", 1)[1] for line in offences(source)] == [
        "from django.db import transaction",
        "Thing.objects",
        "thing.save()",
        "thing.delete()",
        "Other.objects.filter(pk=pk).update()",
        "Other.objects",
        "Feed.objects.get_or_create()",
        "Feed.objects",
        "rows.update()",
    ]


def test_every_views_module_and_router_is_scanned() -> None:
    modules = {dotted(path) for path in scanned_modules()}
    assert "council.views" in modules
    assert "council.api.routers.projects" in modules
    assert {"council.orgs.views", "council.projects.views.projects"} <= modules
