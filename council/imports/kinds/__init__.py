"""The kinds of import, each a module: its fields, its rules, how it writes."""

from __future__ import annotations

from django.http import Http404

from council.imports.kinds.base import Kind
from council.imports.kinds.hours import Hours
from council.imports.kinds.organisations import Organisations
from council.imports.kinds.projects import Projects
from council.imports.kinds.volunteers import Volunteers

KINDS: dict[str, Kind] = {
    kind.key: kind for kind in (Organisations(), Volunteers(), Projects(), Hours())
}


def kind_of(key: str) -> Kind:
    """The kind of that key; a 404 for a kind that is not (yet) importable."""
    try:
        return KINDS[key]
    except KeyError:
        raise Http404 from None
