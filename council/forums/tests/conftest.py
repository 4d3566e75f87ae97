"""A published forum in Astana with an open quota of two seats and registration open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.accounts.models import User
from council.forums.models import Delegation, Forum, ForumStatus, Quota, QuotaKind
from council.forums.services.delegations import delegation_create
from council.orgs.models import Organisation


def make_forum(host: Organisation, city: Any, **fields: Any) -> Forum:
    now = timezone.now()
    fields.setdefault("title_en", "International Volunteer Forum")
    fields.setdefault("title_ru", "Международный форум волонтёров")
    fields.setdefault("capacity", 100)
    fields.setdefault("status", ForumStatus.PUBLISHED)
    return Forum.objects.create(
        host=host,
        city=city,
        timezone="Asia/Almaty",
        starts_on=date(2027, 5, 20),
        ends_on=date(2027, 5, 22),
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=30),
        **fields,
    )


@pytest.fixture
def forum(org: Organisation, astana: Any) -> Forum:
    return make_forum(org, astana)


@pytest.fixture
def open_quota(forum: Forum) -> Quota:
    return Quota.objects.create(forum=forum, kind=QuotaKind.OPEN, name="Individuals", size=2)


def make_country_quota(
    forum: Forum,
    organisation: Organisation,
    *,
    country_id: str = "RU",
    name: str = "Russia",
    size: int = 3,
) -> Quota:
    """A country's quota of the forum, whose delegation the organisation sends."""
    return Quota.objects.create(
        forum=forum,
        kind=QuotaKind.COUNTRY,
        name=name,
        country_id=country_id,
        organisation=organisation,
        size=size,
    )


def make_delegation(
    forum: Forum, organisation: Organisation, head: User, *, size: int = 3
) -> Delegation:
    """The Russian delegation to the forum (a quota of `size` seats), led by `head`."""
    quota = make_country_quota(forum, organisation, size=size)
    return delegation_create(actor=head, quota=quota, head=head)
