"""Where a volunteer earns a credential. The training app, which sits above this one and
beside the projects, registers in its AppConfig.ready() the function that finds, for some
credentials, the page of a published module granting each (or the credential's own page):
the projects ask here, and never import the training app."""

from __future__ import annotations

from collections.abc import Callable, Sequence

# Credential ids → the URL where each is earned (an id left out: nowhere to link to).
EarnLinks = Callable[[Sequence[int]], dict[int, str]]

_FINDERS: list[EarnLinks] = []


def earn_links_register(finder: EarnLinks) -> None:
    """Once, however often the app's ready() runs."""
    if finder not in _FINDERS:
        _FINDERS.append(finder)


def earn_links(credential_ids: Sequence[int]) -> dict[int, str]:
    """Where each of the credentials is earned, by the registered finders."""
    links: dict[int, str] = {}
    if not credential_ids:
        return links
    for finder in _FINDERS:
        for pk, url in finder(credential_ids).items():
            links.setdefault(pk, url)
    return links
