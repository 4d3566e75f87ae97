"""A person as the lowest layers see one.

`lib`, `reference` and `audit` sit below the accounts app (import-linter's layers), so they
cannot name its User model. What they need of a person (the user model or an anonymous
visitor) is this small protocol; the apps above pass their `User` or `Viewer`.
"""

from __future__ import annotations

from typing import Any, Protocol


class Person(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...
