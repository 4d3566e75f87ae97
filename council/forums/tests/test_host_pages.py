"""The host creates a forum, adds quotas and sessions, and publishes it; nobody else can."""

from __future__ import annotations

from typing import Any

from council.audit.models import AuditEvent
from council.forums.models import Forum, ForumStatus
from council.forums.tests.test_registration import signed_in


def test_a_host_creates_fills_and_publishes_a_forum(org_admin: Any, org: Any, astana: Any) -> None:
    client = signed_in(org_admin)
    assert client.get("/forums/new/").status_code == 200
    answer = client.post(
        "/forums/new/",
        {
            "host": org.pk,
            "title_en": "Volunteer Forum of Astana",
            "city": astana.pk,
            "starts_on": "2027-06-02",
            "ends_on": "2027-06-01",
            "capacity": "100",
            "registration_opens": "2027-01-01T09:00",
            "registration_closes": "2027-05-01T09:00",
            "hold_hours": "48",
        },
    )
    assert answer.status_code == 400
    assert "The forum ends before it starts." in answer.content.decode()
    answer = client.post(
        "/forums/new/",
        {
            "host": org.pk,
            "title_en": "Volunteer Forum of Astana",
            "city": astana.pk,
            "starts_on": "2027-06-02",
            "ends_on": "2027-06-03",
            "capacity": "100",
            "registration_opens": "2027-01-01T09:00",
            "registration_closes": "2027-05-01T09:00",
            "hold_hours": "48",
        },
    )
    forum = Forum.objects.get()
    assert answer["Location"] == f"/forums/{forum.pk}/host/"
    assert (forum.status, forum.timezone) == (ForumStatus.DRAFT, "Asia/Almaty")
    published = client.post(f"/forums/{forum.pk}/publish/", follow=True)
    assert "Add at least one quota before publishing." in published.content.decode()
    too_big = client.post(
        f"/forums/{forum.pk}/quotas/",
        {"kind": "open", "name": "Everyone", "size": "500"},
        follow=True,
    )
    assert "The quotas would hold more seats than the forum has." in too_big.content.decode()
    client.post(f"/forums/{forum.pk}/quotas/", {"kind": "open", "name": "Everyone", "size": "80"})
    client.post(
        f"/forums/{forum.pk}/sessions/",
        {"title_en": "Opening", "start": "2027-06-02T04:00", "end": "2027-06-02T05:00"},
    )
    client.post(f"/forums/{forum.pk}/publish/")
    forum.refresh_from_db()
    assert forum.status == ForumStatus.PUBLISHED
    assert forum.quotas.get().size == 80
    assert forum.sessions.get().title == "Opening"
    actions = set(
        AuditEvent.objects.filter(target_type="forums.forum").values_list("action", flat=True)
    )
    assert actions == {
        "forum.created",
        "forum.quota_added",
        "forum.session_added",
        "forum.published",
    }


def test_only_the_host_edits(forum: Any, outsider: Any, org_member: Any) -> None:
    for person in (outsider, org_member):
        client = signed_in(person)
        assert client.get(f"/forums/{forum.pk}/edit/").status_code == 404
        assert (
            client.post(f"/forums/{forum.pk}/quotas/", {"kind": "open", "name": "x"}).status_code
            == 404
        )
        assert client.post(f"/forums/{forum.pk}/publish/").status_code == 404
