"""The host creates a forum, adds quotas and sessions, and publishes it; nobody else can."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from council.audit.models import AuditEvent
from council.conftest import speaking
from council.forums.models import Forum, ForumStatus
from council.forums.tests.test_registration import signed_in


def meals_question(**russian: str) -> dict[str, str]:
    """What the host posts to ask for a required choice of meals, in English and in the
    Russian given."""
    return {
        "text_en": "Meals",
        "kind": "choice",
        "choices_en": "Any\nVegetarian",
        "required": "on",
        **russian,
    }


def test_a_host_creates_fills_and_publishes_a_forum(org_admin: Any, org: Any, astana: Any) -> None:
    client = signed_in(org_admin)
    assert client.get("/forums/new/").status_code == 200
    forum_form = {
        "host": org.pk,
        "title_en": "Volunteer Forum of Astana",
        "city": astana.pk,
        "starts_on": "2027-06-02",
        "ends_on": "2027-06-01",
        "capacity": "100",
        "registration_opens": "2027-01-01T09:00",
        "registration_closes": "2027-05-01T09:00",
        "hold_hours": "48",
    }
    answer = client.post("/forums/new/", forum_form)
    assert answer.status_code == 400
    assert "The forum ends before it starts." in answer.content.decode()
    answer = client.post("/forums/new/", {**forum_form, "ends_on": "2027-06-03"})
    forum = Forum.objects.get()
    assert answer["Location"] == f"/forums/{forum.pk}/host/"
    assert (forum.status, forum.timezone) == (ForumStatus.DRAFT, "Asia/Almaty")
    # Times are typed on the clock of the forum's city and shown on it again.
    almaty = ZoneInfo("Asia/Almaty")
    assert forum.registration_opens == datetime(2027, 1, 1, 9, 0, tzinfo=almaty)
    edit_page = client.get(f"/forums/{forum.pk}/edit/").content.decode()
    assert 'value="2027-01-01T09:00"' in edit_page
    assert "Local time, Almaty (UTC+5)." in edit_page
    published = client.post(f"/forums/{forum.pk}/publish/", follow=True)
    assert "Add at least one quota before publishing." in published.content.decode()
    too_big = client.post(
        f"/forums/{forum.pk}/quotas/",
        {"kind": "open", "name_en": "Everyone", "size": "500"},
        follow=True,
    )
    assert "The quotas would hold more seats than the forum has." in too_big.content.decode()
    nameless = client.post(
        f"/forums/{forum.pk}/quotas/", {"kind": "open", "size": "80"}, follow=True
    )
    assert "Give the quota a name in at least one language." in nameless.content.decode()
    client.post(
        f"/forums/{forum.pk}/quotas/",
        {"kind": "open", "name_en": "Everyone", "name_kk": "Барлығы", "size": "80"},
    )
    client.post(
        f"/forums/{forum.pk}/sessions/",
        {"title_en": "Opening", "start": "2027-06-02T09:00", "end": "2027-06-02T10:00"},
    )
    client.post(f"/forums/{forum.pk}/publish/")
    forum.refresh_from_db()
    assert forum.status == ForumStatus.PUBLISHED
    quota = forum.quotas.get()
    assert (quota.size, quota.name_en, quota.name_kk) == (80, "Everyone", "Барлығы")
    speaking(org_admin, "kk")
    kazakh_page = client.get(f"/forums/{forum.pk}/host/")
    assert "Барлығы" in kazakh_page.content.decode()
    session = forum.sessions.get()
    assert (session.title, session.start) == ("Opening", datetime(2027, 6, 2, 9, tzinfo=almaty))
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


def test_the_host_writes_the_registration_questions(
    forum: Any, open_quota: Any, org_admin: Any, volunteer: Any, outsider: Any
) -> None:
    host = signed_in(org_admin)
    empty = host.post(f"/forums/{forum.pk}/questions/", {"kind": "text"}, follow=True)
    assert "Write the question in at least one language." in empty.content.decode()
    uneven = host.post(
        f"/forums/{forum.pk}/questions/", meals_question(choices_ru="Любое"), follow=True
    )
    assert "List the same number of answers in every language." in uneven.content.decode()
    host.post(
        f"/forums/{forum.pk}/questions/",
        meals_question(text_ru="Питание", choices_ru="Любое\nВегетарианское"),
    )
    meals = forum.questions.get()
    page = host.get(f"/forums/{forum.pk}/host/").content.decode()
    assert "Meals" in page and "Any, Vegetarian" in page
    # The volunteer meets it on the registration form and must answer it.
    person = signed_in(volunteer)
    assert "Vegetarian" in person.get(f"/forums/{forum.pk}/").content.decode()
    refused = person.post(f"/forums/{forum.pk}/register/", {})
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    person.post(f"/forums/{forum.pk}/register/", {f"answer_{meals.pk}": "Vegetarian"})
    registration = forum.registrations.get()
    assert registration.answers == [{"question": "Meals", "answer": "Vegetarian"}]
    # Nobody else removes it; the host does, and the answer given stays.
    assert signed_in(outsider).post(f"/forums/questions/{meals.pk}/remove/").status_code == 404
    host.post(f"/forums/questions/{meals.pk}/remove/")
    assert not forum.questions.exists()
    registration.refresh_from_db()
    assert registration.answers == [{"question": "Meals", "answer": "Vegetarian"}]
    assert list(
        AuditEvent.objects.filter(action__startswith="forum.question")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["forum.question_added", "forum.question_removed"]


def test_co_hosts_manage_the_forum_and_its_languages_are_kept(
    forum: Any, org_admin: Any, ru_network: Any, ru_coordinator: Any, astana: Any
) -> None:
    from council.reference.models import Language

    russian = Language.objects.get_or_create(code="ru", defaults={"name": "Russian"})[0]
    kazakh = Language.objects.get_or_create(code="kk", defaults={"name": "Kazakh"})[0]
    co_host = signed_in(ru_coordinator)
    assert co_host.get(f"/forums/{forum.pk}/host/").status_code == 404
    host = signed_in(org_admin)
    form = host.get(f"/forums/{forum.pk}/edit/").content.decode()
    assert ru_network.name in form  # a national network can co-host
    answer = host.post(
        f"/forums/{forum.pk}/edit/",
        {
            "title_en": forum.title_en,
            "city": astana.pk,
            "starts_on": "2027-05-20",
            "ends_on": "2027-05-22",
            "capacity": "100",
            "registration_opens": "2026-01-01T09:00",
            "registration_closes": "2027-05-01T09:00",
            "hold_hours": "48",
            "co_hosts": [ru_network.pk],
            "languages": [russian.pk, kazakh.pk],
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    assert list(forum.co_hosts.all()) == [ru_network]
    assert set(forum.languages.values_list("code", flat=True)) == {"ru", "kk"}
    assert co_host.get(f"/forums/{forum.pk}/host/").status_code == 200
    assert co_host.get(f"/forums/{forum.pk}/check-in/").status_code == 200


def test_the_forum_pages_read_a_fixed_number_of_queries(
    forum: Any, open_quota: Any, org: Any, astana: Any, ru_network: Any, volunteer: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from council.forums.tests.conftest import make_forum

    client = signed_in(volunteer)

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    few = queries("/forums/"), queries(f"/forums/{forum.pk}/")
    for number in range(4):
        other = make_forum(org, astana, title_en=f"Forum {number}")
        other.co_hosts.add(ru_network)
    forum.co_hosts.add(ru_network)
    assert (queries("/forums/"), queries(f"/forums/{forum.pk}/")) == few


def test_the_host_creates_the_forums_volunteer_team(
    forum: Any, org_admin: Any, outsider: Any
) -> None:
    assert signed_in(outsider).post(f"/forums/{forum.pk}/volunteer-team/").status_code == 404
    host = signed_in(org_admin)
    assert (
        "Create the forum's volunteer team"
        in host.get(f"/forums/{forum.pk}/host/").content.decode()
    )
    answer = host.post(f"/forums/{forum.pk}/volunteer-team/")
    forum.refresh_from_db()
    project = forum.volunteer_project
    assert project is not None and answer["Location"] == f"/projects/{project.pk}/manage/"
    assert (project.owner_id, project.start_date, project.end_date) == (
        forum.host_id,
        forum.starts_on,
        forum.ends_on,
    )
    assert project.title_en == "Volunteers of International Volunteer Forum"
    assert project.title_ru != project.title_en
    again = host.post(f"/forums/{forum.pk}/volunteer-team/", follow=True)
    assert "This forum already has its volunteer team." in again.content.decode()
    assert AuditEvent.objects.filter(action="forum.volunteer_team_created").count() == 1
