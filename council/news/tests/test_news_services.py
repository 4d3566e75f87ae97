"""Writing news through the services: drafts, texts in each language, publishing now, at a
time ahead or as of a past moment, withdrawing; every change audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.news import services
from council.news.models import NewsStatus
from council.news.tests.conftest import published, scheduled, write


def _actions(item: Any) -> list[str]:
    rows = AuditEvent.objects.filter(target_type="news.newsitem", target_id=str(item.pk))
    return list(rows.order_by("pk").values_list("action", flat=True))


def test_it_drafts_publishes_and_withdraws_with_an_audit_trail(org: Any, org_admin: Any) -> None:
    item = write(org_admin, organisation=org, title_ru="Лес", summary_ru="Коротко.")
    assert item.status == NewsStatus.DRAFT and item.published_at is None
    services.news_update(actor=org_admin, item=item, title_ru="Новый лес", title_en="New forest")
    services.news_publish(actor=org_admin, item=item)
    item.refresh_from_db()
    assert item.is_public() and item.title_en == "New forest"
    services.news_unpublish(actor=org_admin, item=item)
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT and item.published_at is None
    assert _actions(item) == ["news.created", "news.updated", "news.published", "news.unpublished"]
    event = AuditEvent.objects.get(action="news.created")
    assert event.organisation_id == org.pk and event.actor_id == org_admin.pk


def test_a_council_item_is_filed_under_its_council(council: Any, secretariat: Any) -> None:
    item = published(secretariat, council=council)
    event = AuditEvent.objects.get(action="news.published")
    assert event.organisation_id is None and event.data["council"] == council.pk
    assert item.publisher == council


def test_it_needs_one_publisher(org: Any, council: Any, org_admin: Any) -> None:
    with pytest.raises(ValidationError):
        write(org_admin)
    with pytest.raises(ValidationError):
        write(org_admin, organisation=org, council=council)


def test_it_needs_a_title_in_each_language_written(org: Any, org_admin: Any) -> None:
    with pytest.raises(ValidationError) as error:
        write(org_admin, organisation=org, title_en="")
    assert "title_ru" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        write(org_admin, organisation=org, body_kk="Мәтін")
    assert "title_kk" in error.value.message_dict


def test_a_scheduled_item_waits_for_its_time(org: Any, org_admin: Any) -> None:
    item = scheduled(org_admin, organisation=org)
    assert item.status == NewsStatus.PUBLISHED and item.is_scheduled
    assert not item.is_public()
    assert item.is_public(at=timezone.now() + timedelta(days=3))
    assert _actions(item) == ["news.created", "news.scheduled"]
    services.news_publish(actor=org_admin, item=item)  # brought forward
    item.refresh_from_db()
    assert item.is_public()


def test_it_refuses_a_schedule_in_the_past_and_a_second_publication(
    org: Any, org_admin: Any
) -> None:
    item = write(org_admin, organisation=org)
    with pytest.raises(ValidationError) as error:
        services.news_schedule(
            actor=org_admin, item=item, published_at=timezone.now() - timedelta(hours=1)
        )
    assert "published_at" in error.value.message_dict
    services.news_publish(actor=org_admin, item=item)
    with pytest.raises(ValidationError):
        services.news_publish(actor=org_admin, item=item)
    with pytest.raises(ValidationError):
        services.news_publish(
            actor=org_admin,
            item=write(org_admin, organisation=org),
            as_of=timezone.now() + timedelta(days=1),
        )


def test_an_item_brought_over_keeps_its_first_date(org: Any, org_admin: Any) -> None:
    moment = timezone.now() - timedelta(days=900)
    item = services.news_publish(
        actor=org_admin, item=write(org_admin, organisation=org), as_of=moment
    )
    assert item.published_at == moment and item.is_public()
