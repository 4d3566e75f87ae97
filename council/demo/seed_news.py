"""`seed_demo`, the news: the two items this product began from, each in three languages
(council/demo/data/news.json) — the council's own news of its founding in Omsk, linked to the
founding agreement, the programme “Volunteers of the World” and the forums it names, and the
ministry's news of the extension of its partnership with UN Volunteers, linked to that
agreement. Published at the moments they first appeared. Idempotent: keyed on the English
title."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from council.accounts.models import User
from council.cooperation.models import Agreement, Council, Programme
from council.demo.datafiles import data
from council.demo.people import organiser_of
from council.forums.models import Forum
from council.lib.forms import translated_values
from council.news import services
from council.news.models import NewsItem
from council.orgs.models import MembershipRole, Organisation

TEXTS = data("news")


def _texts(key: str) -> dict[str, Any]:
    entry = TEXTS[key]
    return translated_values(title=entry["title"], summary=entry["summary"], body=entry["body"])


def _publish(
    key: str, actor: User, created: Counter[str], **publisher_and_links: Any
) -> NewsItem | None:
    if NewsItem.objects.filter(title_en=TEXTS[key]["title"][2]).exists():
        return None
    item = services.news_create(actor=actor, **publisher_and_links, **_texts(key))
    as_of = datetime.fromisoformat(TEXTS[key]["published_at"])
    services.news_publish(actor=actor, item=item, as_of=as_of)
    created["news"] += 1
    return item


def ensure_news(
    organisations: dict[str, Organisation],
    council: Council,
    secretariat: User,
    created: Counter[str],
) -> None:
    founding = Agreement.objects.filter(council=council, parties=organisations["avc"]).order_by(
        "pk"
    )
    forums = Forum.objects.filter(
        title_en__in=[
            "Forum of Youth Leaders of Russia and Kazakhstan",
            "International Volunteer Forum",
        ]
    )
    _publish(
        "council_founded",
        secretariat,
        created,
        council=council,
        agreements=list(founding[:1]),
        programmes=list(
            Programme.objects.filter(council=council, name_en="Volunteers of the World")
        ),
        forums=list(forums),
    )
    ministry = organisations["ministry"]
    _publish(
        "partnership_extended",
        organiser_of(ministry.pk, MembershipRole.ADMIN) or secretariat,
        created,
        organisation=ministry,
        agreements=list(Agreement.objects.filter(council=council, parties=ministry)),
    )
