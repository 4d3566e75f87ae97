"""A published forum in Astana with an open quota of two seats and registration open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.forums.models import Forum, ForumStatus, Quota, QuotaKind
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
