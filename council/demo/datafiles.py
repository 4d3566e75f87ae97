"""The demo's tables kept as data: JSON files under council/demo/data/, each an object of
named lists of rows, read into the dataclasses that describe the rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

DATA_DIR = Path(__file__).resolve().parent / "data"

Row = TypeVar("Row")


@cache
def data(name: str) -> dict[str, Any]:
    """The object in data/`name`.json."""
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as file:
        loaded: dict[str, Any] = json.load(file)
    return loaded


def frozen(value: Any) -> Any:
    """The value with its lists, at any depth (in objects too), made tuples (as the
    dataclasses hold them)."""
    if isinstance(value, list):
        return tuple(map(frozen, value))
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    return value


def values(name: str, key: str) -> Any:
    """The value `key` in data/`name`.json, its lists made tuples."""
    return frozen(data(name)[key])


def table(name: str, key: str, row: Callable[..., Row]) -> tuple[Row, ...]:
    """The rows of list `key` in data/`name`.json, each made by `row(**cells)` (lists made
    tuples, at any depth)."""
    return tuple(row(**frozen(cells)) for cells in data(name)[key])
