"""Writing to everyone: in each recipient's language, through the queue, logged, with a
one-click unsubscribe (RFC 8058) that the next message respects."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import make_user
from council.forums.models import Registration
from council.forums.tests.conftest import make_forum
from council.messaging.models import Delivery, Message
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db

TEXTS = {
    "subject_ru": "Сбор в 9:00",
    "body_ru": "Встречаемся у главного входа.",
    "subject_en": "Meet at 9:00",
    "body_en": "We meet at the main entrance.",
}


@pytest.fixture
def opportunity(org):
    return make_opportunity(make_project(org), capacity=2, shifts=2)


@pytest.fixture
def crew(opportunity, kazakhstan):
    people = []
    for number, language in enumerate(["ru", "en", "kk"]):
        person = adult(
            make_user(f"crew{number}@example.org", kazakhstan, preferred_language=language)
        )
        shift = opportunity.shifts.order_by("start")[0 if number < 2 else 1]
        application_submit(volunteer=person, opportunity=opportunity, shift=shift)
        people.append(person)
    return people


def _send(client, opportunity, **data):
    return client.post(f"/messages/opportunities/{opportunity.pk}/", {**TEXTS, **data})


def test_everyone_gets_it_in_their_language_with_one_click_unsubscribe(
    client, org_admin, opportunity, crew, django_capture_on_commit_callbacks
) -> None:
    client.force_login(org_admin)
    assert (
        "Write to everyone"
        in client.get(f"/opportunities/{opportunity.pk}/applications/").content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, opportunity)
    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/messages/{message.pk}/"
    by_address = {sent.to[0]: sent for sent in mail.outbox}
    assert by_address["crew0@example.org"].subject == "Сбор в 9:00"
    assert by_address["crew1@example.org"].subject == "Meet at 9:00"
    # Not written in Kazakh: the Kazakh reader gets the first fallback, Russian.
    assert by_address["crew2@example.org"].subject == "Сбор в 9:00"
    sent = by_address["crew1@example.org"]
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = sent.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("http") and "/me/unsubscribe/" in link
    assert link in sent.body
    assert message.recipients == 3 and Delivery.objects.filter(status="queued").count() == 3
    assert AuditEvent.objects.filter(action="message.sent").exists()
    page = client.get(f"/messages/{message.pk}/").content.decode()
    assert "We meet at the main entrance." in page and "Queued" in page

    # The mail client's one-click POST, without a session or CSRF token (RFC 8058).
    path = link.split("://", 1)[1].split("/", 1)[1]
    one_click = Client(enforce_csrf_checks=True).post(
        f"/{path}", "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, opportunity, subject_en="Again", body_en="Again.")
    assert sorted(sent.to[0] for sent in mail.outbox) == ["crew0@example.org", "crew2@example.org"]
    second = Message.objects.order_by("-pk").first()
    assert Delivery.objects.get(message=second, recipient=crew[1]).status == "turned_off"


def test_a_shift_only_and_the_waiting_list_on_request(
    client, org_admin, opportunity, crew, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    first = opportunity.shifts.order_by("start")[0]
    late = adult(make_user("late@example.org", kazakhstan))
    assert application_submit(volunteer=late, opportunity=opportunity, shift=first).status == (
        "waitlisted"
    )
    client.force_login(org_admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, opportunity, shift=first.pk)
    assert sorted(sent.to[0] for sent in mail.outbox) == [
        "crew0@example.org",
        "crew1@example.org",
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, opportunity, shift=first.pk, include_waiting="on")
    assert "late@example.org" in [sent.to[0] for sent in mail.outbox]


def test_bad_input_names_the_field_and_sends_nothing(client, org_admin, opportunity, crew) -> None:
    client.force_login(org_admin)
    response = client.post(f"/messages/opportunities/{opportunity.pk}/", {"subject_ru": "Тема"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the subject and the text in the same languages." in page
    response = client.post(f"/messages/opportunities/{opportunity.pk}/", {"shift": "x"})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_outsiders_cannot_write_or_read_the_log(
    client, org_admin, outsider, opportunity, crew
) -> None:
    client.force_login(org_admin)
    _send(client, opportunity)
    message = Message.objects.get()
    client.force_login(outsider)
    assert client.get(f"/messages/opportunities/{opportunity.pk}/").status_code == 404
    assert _send(client, opportunity).status_code == 404
    assert client.get(f"/messages/{message.pk}/").status_code == 404
    assert Message.objects.count() == 1


def test_a_forum_host_writes_to_a_quota(
    client, org, org_admin, astana, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    forum = make_forum(org, astana)
    quota = forum.quotas.create(kind="open", name="Individuals", size=5)
    person = make_user("delegate@example.org", kazakhstan, preferred_language="kk")
    Registration.objects.create(forum=forum, quota=quota, person=person, status="confirmed")
    client.force_login(org_admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/messages/quotas/{quota.pk}/",
            {"subject_kk": "Сәлем", "body_kk": "Форумда кездесеміз."},
        )
    assert response.status_code == 302
    assert [sent.subject for sent in mail.outbox] == ["Сәлем"]


def test_a_person_chooses_what_they_hear_about(client, volunteer) -> None:
    client.force_login(volunteer)
    page = client.get("/me/notifications/").content.decode()
    assert "Reminders before a shift" in page and 'value="reminders/email" id' in page
    client.post("/me/notifications/", {"on": ["messages/email", "updates/email"]})
    off = set(volunteer.notification_opt_outs.values_list("kind", "channel"))
    assert ("reminders", "email") in off and ("messages", "email") not in off
    assert ("messages", "push") in off
    assert AuditEvent.objects.filter(action="user.notifications_changed").count() == 1


def test_a_forged_unsubscribe_link_is_not_found(client) -> None:
    assert client.get("/me/unsubscribe/not-a-token/").status_code == 404
    assert client.post("/me/unsubscribe/not-a-token/").status_code == 404
