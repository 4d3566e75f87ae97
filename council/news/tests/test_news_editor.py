"""The editor's pages: writing a draft for one's organisation (or, for the secretariat, the
council), editing it, publishing it now or at a time ahead, withdrawing it; another
organisation's staff gets a 404, a plain member a 403, bad input a translated error."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from council.conftest import reader
from council.forums.tests.test_registration import signed_in
from council.news.models import NewsItem, NewsStatus
from council.news.tests.conftest import published, write


def test_an_organiser_writes_a_draft(org: Any, org_admin: Any) -> None:
    client = signed_in(org_admin)
    assert client.get(f"/news/orgs/{org.pk}/new/").status_code == 200
    response = client.post(
        f"/news/orgs/{org.pk}/new/",
        {"title_en": "Trees planted", "summary_en": "Two hundred.", "title_kk": "Ағаш"},
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/news/{item.pk}/"
    assert item.organisation == org and item.status == NewsStatus.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "The news item is saved." in page and "Trees planted" in page


def test_another_organisation_s_staff_is_refused(
    org: Any, org_admin: Any, org_member: Any, other_admin: Any
) -> None:
    item = write(org_admin, organisation=org)
    intruder = signed_in(other_admin)
    assert intruder.get(f"/news/orgs/{org.pk}/new/").status_code == 404
    assert intruder.get(f"/news/{item.pk}/edit/").status_code == 404
    assert intruder.post(f"/news/{item.pk}/publish/").status_code == 404
    member = signed_in(org_member)
    assert member.get(f"/news/orgs/{org.pk}/new/").status_code == 403
    assert member.get(f"/news/{item.pk}/edit/").status_code == 403
    assert member.post(f"/news/{item.pk}/publish/").status_code == 403
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT


def test_only_the_secretariat_writes_the_council_s_news(
    council: Any, secretariat: Any, org_admin: Any
) -> None:
    assert signed_in(org_admin).get(f"/news/councils/{council.pk}/new/").status_code == 404
    response = signed_in(secretariat).post(
        f"/news/councils/{council.pk}/new/", {"title_ru": "Заседание совета"}
    )
    assert response.status_code == 302
    assert NewsItem.objects.get().council == council


def test_malformed_input_is_a_translated_field_error(org: Any, org_admin: Any) -> None:
    client = reader("ru", org_admin)
    response = client.post(
        f"/news/orgs/{org.pk}/new/",
        {"summary_kk": "x" * 700, "forums": ["abc"], "projects": ["99999"]},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_summary_kk_error"' in text
    assert "Убедитесь, что длина значения не превышает 600 символов (сейчас 700)." in text
    assert "“abc” является неверным значением." in text
    assert "99999 нет среди допустимых значений." in text
    response = client.post(f"/news/orgs/{org.pk}/new/", {"title_en": ""})
    assert response.status_code == 400
    assert 'id="id_title_ru_error"' in response.content.decode()
    assert not NewsItem.objects.exists()


def test_edit_publish_schedule_and_withdraw(org: Any, org_admin: Any) -> None:
    item = write(org_admin, organisation=org, title_en="Old title")
    client = signed_in(org_admin)
    assert client.get(f"/news/{item.pk}/edit/").status_code == 200
    response = client.post(f"/news/{item.pk}/edit/", {"title_en": "New title"})
    assert response.status_code == 302
    ahead = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/news/{item.pk}/schedule/", {"published_at": ahead})
    item.refresh_from_db()
    assert item.title_en == "New title" and item.is_scheduled
    client.post(f"/news/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.is_public()
    page = client.post(f"/news/{item.pk}/unpublish/", follow=True).content.decode()
    assert "The news item is back to draft." in page
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT


def test_a_bad_schedule_is_refused_with_a_message(org: Any, org_admin: Any) -> None:
    item = write(org_admin, organisation=org)
    client = signed_in(org_admin)
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    for value in ("not a time", past, "9999-01-01T10:00"):
        page = client.post(f"/news/{item.pk}/schedule/", {"published_at": value}, follow=True)
        assert page.status_code == 200
        assert "Publication time:" in page.content.decode()
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT


def test_a_published_item_cannot_be_published_again(org: Any, org_admin: Any) -> None:
    item = published(org_admin, organisation=org)
    page = signed_in(org_admin).post(f"/news/{item.pk}/publish/", follow=True)
    assert "The news item is published already." in page.content.decode()
