"""A volunteer's milestones (10, 50, 100 and 500 verified hours, a first forum, a first
cross-border project), gathered from the apps that know them.

Hours and forums sit above this app and beside each other (neither imports the other), so
each registers its source of milestones in its AppConfig.ready(); the profile page (here) and
the record book (council.hours) show them all through `milestones_for`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise

from council.accounts.models import User


@dataclass(frozen=True)
class Milestone:
    # A stable key for documents and the API: "hours_10", "first_forum", "first_cross_border".
    key: str
    # What it is, in the reader's language (a lazy translation).
    label: str | Promise
    achieved_on: date
    # What it was reached with: the forum's name, the project's title ("" for hours).
    detail: str = ""


# A source: the person's milestones that it knows, in a fixed number of queries.
Source = Callable[[User], list[Milestone]]

SOURCES: dict[str, Source] = {}


def milestone_source_register(name: str, source: Source) -> None:
    SOURCES[name] = source


def milestones_for(*, user: User) -> list[Milestone]:
    """Every registered source's milestones for the person, the earliest first."""
    found = [milestone for _name, source in sorted(SOURCES.items()) for milestone in source(user)]
    return sorted(found, key=lambda milestone: (milestone.achieved_on, milestone.key))
