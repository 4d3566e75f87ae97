"""The test run compiles the ru/kk/en catalogues itself (.po → .mo, only those changed), so a
bare `pytest` on a fresh checkout reads the same translated texts as `make test`. The tests
marked `topology` run only when asked for (`-m topology`, `make pytest-topology`): they need
the replica and PgBouncer that scripts/topology.py starts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller compiled them before starting it
    spec = importlib.util.spec_from_file_location(
        "compile_catalogues", ROOT / "scripts" / "compile_catalogues.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(ROOT)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "topology" in (config.getoption("markexpr") or ""):
        return
    kept: list[pytest.Item] = []
    left: list[pytest.Item] = []
    for item in items:
        (left if item.get_closest_marker("topology") else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
