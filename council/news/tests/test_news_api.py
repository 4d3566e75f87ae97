"""News over the API: the public list (by publisher and language) and items, the editor's
writes with the pages' rules — another organisation's staff 404, a plain member 403, bad
input a 422 naming the field."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from council.api.models import TokenScope
from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.news.models import NewsItem, NewsStatus
from council.news.tests.conftest import published, scheduled, write


def test_the_public_list_and_an_item(
    org: Any,
    org_admin: Any,
    council: Any,
    secretariat: Any,
    client: Client,
    django_assert_max_num_queries: Any,
) -> None:
    published(org_admin, organisation=org, title_en="Ours", title_kk="Біздікі")
    published(secretariat, council=council, title_ru="Совет", title_en="")
    write(org_admin, organisation=org, title_en="Draft")
    scheduled(org_admin, organisation=org, title_en="Later")
    with django_assert_max_num_queries(8):  # the page and each kind of link, not one per item
        body = client.get(f"{API}/news").json()
    assert [item["titles"]["en"] for item in body["items"]] == ["", "Ours"]
    kazakh = client.get(f"{API}/news?language=kk").json()["items"]
    assert [item["titles"]["kk"] for item in kazakh] == ["Біздікі"]
    councils = client.get(f"{API}/news?council={council.pk}").json()["items"]
    assert [item["council"] for item in councils] == [council.pk]
    item = body["items"][1]
    assert item["organisation"] == org.pk and item["status"] == "published"
    assert client.get(f"{API}/news/{item['id']}").json()["title"] == "Ours"


def test_a_draft_is_a_404_to_others(
    org: Any, org_admin: Any, outsider: Any, client: Client
) -> None:
    item = write(org_admin, organisation=org)
    assert_problem(client.get(f"{API}/news/{item.pk}"), 404)
    assert_problem(client.get(f"{API}/news/{item.pk}", headers=bearer(key_for(outsider))), 404)
    mine = client.get(f"{API}/news/{item.pk}", headers=bearer(key_for(org_admin)))
    assert mine.json()["status"] == "draft"


def test_an_editor_writes_schedules_and_publishes(org: Any, org_admin: Any, client: Client) -> None:
    key = key_for(org_admin)
    created = post(client, f"/organisations/{org.pk}/news", {"title_en": "Trees"}, key)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = client.patch(
        f"{API}/news/{pk}",
        json.dumps({"summary_en": "Two hundred."}),
        content_type="application/json",
        headers=bearer(key),
    )
    assert changed.json()["summary"] == "Two hundred." and changed.json()["title"] == "Trees"
    ahead = (timezone.now() + timedelta(days=2)).isoformat()
    assert post(client, f"/news/{pk}/schedule", {"published_at": ahead}, key).status_code == 200
    assert_problem(client.get(f"{API}/news/{pk}"), 404)
    assert post(client, f"/news/{pk}/publish", {}, key).json()["status"] == "published"
    assert client.get(f"{API}/news/{pk}").status_code == 200
    assert post(client, f"/news/{pk}/unpublish", {}, key).json()["status"] == "draft"


def test_access_is_refused_as_on_the_pages(
    org: Any, org_admin: Any, org_member: Any, other_admin: Any, council: Any, client: Client
) -> None:
    item = write(org_admin, organisation=org)
    body = {"title_en": "Not ours"}
    assert_problem(post(client, f"/organisations/{org.pk}/news", body, key_for(other_admin)), 404)
    assert_problem(post(client, f"/news/{item.pk}/publish", {}, key_for(other_admin)), 404)
    assert_problem(post(client, f"/organisations/{org.pk}/news", body, key_for(org_member)), 403)
    assert_problem(post(client, f"/news/{item.pk}/publish", {}, key_for(org_member)), 403)
    read = key_for(org_admin, TokenScope.READ)
    assert_problem(post(client, f"/news/{item.pk}/publish", {}, read), 403)
    assert_problem(post(client, f"/councils/{council.pk}/news", body, key_for(org_admin)), 404)
    assert_problem(client.post(f"{API}/news/{item.pk}/publish"), 401)
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT and NewsItem.objects.count() == 1


def test_bad_input_is_a_422_naming_the_field(
    org: Any, org_admin: Any, secretariat: Any, council: Any, client: Client
) -> None:
    key = key_for(org_admin)
    url = f"/organisations/{org.pk}/news"
    assert "title_ru" in fields_of(assert_problem(post(client, url, {}, key), 422))
    problem = assert_problem(post(client, url, {"title_en": "x", "projects": [999999]}, key), 422)
    assert "projects" in fields_of(problem)
    problem = assert_problem(post(client, url, {"title_en": "x", "colour": "red"}, key), 422)
    assert problem["errors"]
    item = write(org_admin, organisation=org)
    past = (timezone.now() - timedelta(days=1)).isoformat()
    problem = assert_problem(
        post(client, f"/news/{item.pk}/schedule", {"published_at": past}, key), 422
    )
    assert "published_at" in fields_of(problem)
    created = post(
        client, f"/councils/{council.pk}/news", {"title_ru": "Совет"}, key_for(secretariat)
    )
    assert created.status_code == 201 and created.json()["council"] == council.pk
