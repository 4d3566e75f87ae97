"""The test run compiles the ru/kk/en catalogues itself (.po → .mo, only those changed), so a
bare `pytest` on a fresh checkout reads the same translated texts as `make test`. The tests
marked `topology` run only when asked for (`-m topology`, `make pytest-topology`): they need
the replica and PgBouncer that scripts/topology.py starts; those of tests/federation (two live
nodes) only with `-m federation` (`make pytest-federation`)."""

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


FEDERATION = ROOT / "tests" / "federation"


def _asked_for_elsewhere(item: pytest.Item, markexpr: str) -> bool:
    """A test of a suite that runs only when asked for: topology, or the live nodes of
    tests/federation (`-m federation`, `make pytest-federation`)."""
    if item.get_closest_marker("topology") and "topology" not in markexpr:
        return True
    return FEDERATION in item.path.parents and "federation" not in markexpr


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    markexpr = config.getoption("markexpr") or ""
    kept: list[pytest.Item] = []
    left: list[pytest.Item] = []
    for item in items:
        (left if _asked_for_elsewhere(item, markexpr) else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
