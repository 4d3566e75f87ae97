"""Running a test once in each language the platform speaks."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

Test = TypeVar("Test", bound=Callable[..., Any])


def in_each_language(**values: tuple[Any, ...]) -> Callable[[Test], Test]:
    """Run the test once for each language named (`ru=`, `kk=`, `en=`): its `language`
    parameter takes the language's code and the parameters right after it take the values
    given, in order (as `pytest.mark.parametrize` would, with the same test ids)."""
    rows = [(language, *row) for language, row in values.items()]

    def parametrize(test: Test) -> Test:
        parameters = list(inspect.signature(test).parameters)
        start = parameters.index("language")
        names = parameters[start : start + len(rows[0])]
        return pytest.mark.parametrize(names, rows)(test)

    return parametrize
