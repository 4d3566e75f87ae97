"""An organisation's news items in each state, and the people who read and write them. The
council of the two national networks comes from the cooperation tests; pytest passes it in by
name."""

# The council fixture is imported by name for pytest; `write` takes a council too.
# ruff: noqa: F811

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.conftest import make_member, make_org
from council.cooperation.tests.conftest import council  # noqa: F401
from council.news import services
from council.news.models import NewsItem
from council.orgs.models import MembershipRole, Organisation


def write(actor: Any, *, organisation: Any = None, council: Any = None, **texts: Any) -> NewsItem:
    """A draft item, titled in English unless `texts` say otherwise."""
    texts.setdefault("title_en", "Volunteers plant a forest")
    return services.news_create(actor=actor, organisation=organisation, council=council, **texts)


def published(actor: Any, **fields: Any) -> NewsItem:
    item = write(actor, **fields)
    return services.news_publish(actor=actor, item=item)


def scheduled(actor: Any, *, days: int = 2, **fields: Any) -> NewsItem:
    item = write(actor, **fields)
    at = timezone.now() + timedelta(days=days)
    return services.news_schedule(actor=actor, item=item, published_at=at)


@pytest.fixture
def other_org(russia: Any) -> Organisation:
    return make_org("Kind Petersburg", russia)


@pytest.fixture
def other_admin(other_org: Organisation, russia: Any) -> Any:
    return make_member("other.admin@example.org", russia, other_org, MembershipRole.ADMIN, "Olga")
