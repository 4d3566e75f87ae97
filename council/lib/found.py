"""The last step of an access getter: the object found, or a 404 for a person who may not
have it (its existence is not revealed)."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def found_if(allowed: bool, found: T) -> T:
    """`found` where `allowed`, else Http404."""
    if not allowed:
        raise Http404
    return found
