"""A small in-process cache for reference data (countries, cities, causes, skills…).

Reference data changes when `load_reference` runs at a release or when someone edits it in
the admin; both clear this cache in their own process (see council.reference.apps), and
other processes pick the change up within `TTL_SECONDS`. Nothing personal is kept here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

TTL_SECONDS = 300.0
T = TypeVar("T")

_entries: dict[Any, tuple[float, Any]] = {}


def memo(key: Any, load: Callable[[], T]) -> T:
    """`load()` once per `TTL_SECONDS` per process for `key`."""
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and now - entry[0] < TTL_SECONDS:
        return entry[1]  # type: ignore[no-any-return]
    value = load()
    _entries[key] = (now, value)
    return value


def memo_clear(*_args: Any, **_kwargs: Any) -> None:
    """Forget everything (usable as a signal receiver)."""
    _entries.clear()
