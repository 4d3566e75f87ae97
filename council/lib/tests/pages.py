"""Reading a page in a test: sign in, fetch it (it must answer 200) and check what it shows."""

from __future__ import annotations

from collections.abc import Container
from typing import Any


def page_text(client: Any, path: str, user: Any = None) -> str:
    """The HTML of `path` as `user` reads it (signed in first when given)."""
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return str(response.content.decode())


def assert_shown(page: Container[str], *fragments: str) -> None:
    """Every fragment is in `page` (a page's text, or a list of lines such as reasons)."""
    missing = [fragment for fragment in fragments if fragment not in page]
    assert not missing, missing
