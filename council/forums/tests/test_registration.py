"""Individual registration: seats, the waiting list, holds offered in order, expiry exactly
once, and the rules about minors, borders and questions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose
from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_user
from council.forums.models import (
    Forum,
    ForumStatus,
    Question,
    QuestionKind,
    Quota,
    Registration,
    RegistrationStatus,
)
from council.forums.services import (
    holds_expire,
    quota_availability,
    registration_accept_offer,
    registration_cancel,
    registration_create,
)
from council.volunteers.models import VolunteerProfile


def people(country: Any, count: int, prefix: str = "p") -> list[Any]:
    return [make_user(f"{prefix}{number}@example.org", country) for number in range(count)]


def register(person: Any, forum: Forum, **kwargs: Any) -> Registration:
    return registration_create(person=person, forum=forum, **kwargs)


def statuses(forum: Forum) -> list[str]:
    return list(forum.registrations.order_by("created_at", "pk").values_list("status", flat=True))


def test_seats_then_the_waiting_list(forum: Forum, open_quota: Quota, kazakhstan: Any) -> None:
    for person in people(kazakhstan, 4):
        register(person, forum)
    assert statuses(forum) == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    seats = quota_availability(quota=open_quota)
    assert (seats.taken, seats.free, seats.state) == (2, 0, "sold_out")


def test_the_forum_capacity_bounds_every_quota(
    forum: Forum, open_quota: Quota, kazakhstan: Any
) -> None:
    Forum.objects.filter(pk=forum.pk).update(capacity=1)
    Quota.objects.filter(pk=open_quota.pk).update(size=None)
    first, second = people(kazakhstan, 2)
    assert register(first, forum).status == RegistrationStatus.CONFIRMED
    assert register(second, forum).status == RegistrationStatus.WAITLISTED


def test_a_freed_seat_is_offered_to_the_first_waiting_and_taken(
    forum: Forum,
    open_quota: Quota,
    kazakhstan: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, second, third, fourth = people(kazakhstan, 4)
    registrations = [register(person, forum) for person in (first, second, third, fourth)]
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(actor=first, registration=registrations[0])
    offered = Registration.objects.get(pk=registrations[2].pk)
    assert offered.status == RegistrationStatus.OFFERED
    assert offered.hold_expires_at is not None
    assert timedelta(hours=47) < offered.hold_expires_at - timezone.now() <= timedelta(hours=48)
    assert [message.to for message in mailbox] == [[third.email]]
    assert Registration.objects.get(pk=registrations[3].pk).status == "waitlisted"
    registration_accept_offer(person=third, registration=offered)
    assert statuses(forum) == ["cancelled", "confirmed", "confirmed", "waitlisted"]


def test_an_expired_hold_moves_on_exactly_once(
    forum: Forum, open_quota: Quota, kazakhstan: Any
) -> None:
    first, _second, third, fourth = people(kazakhstan, 4)
    registrations = [register(person, forum) for person in (first, _second, third, fourth)]
    registration_cancel(actor=first, registration=registrations[0])
    later = timezone.now() + timedelta(hours=49)
    assert holds_expire(now=later) == 1
    assert holds_expire(now=later) == 0
    assert statuses(forum) == ["cancelled", "confirmed", "expired", "offered"]
    with pytest.raises(ValidationError) as caught:
        registration_accept_offer(person=third, registration=registrations[2])
    assert caught.value.messages == ["There is no seat on offer for this registration."]
    actions = AuditEvent.objects.filter(action="registration.offered").count()
    assert actions == 2


def test_a_hold_past_its_time_cannot_be_taken(
    forum: Forum, open_quota: Quota, kazakhstan: Any
) -> None:
    first, _second, third = people(kazakhstan, 3)
    registrations = [register(person, forum) for person in (first, _second, third)]
    registration_cancel(actor=first, registration=registrations[0])
    Registration.objects.filter(pk=registrations[2].pk).update(
        hold_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError) as caught:
        registration_accept_offer(person=third, registration=registrations[2])
    assert caught.value.messages == ["The offer has expired."]


def test_a_minor_needs_a_guardians_consent(
    forum: Forum, open_quota: Quota, kazakhstan: Any
) -> None:
    (teen,) = people(kazakhstan, 1, "teen")
    VolunteerProfile.objects.create(user=teen, date_of_birth=date(2011, 1, 1))
    with pytest.raises(ValidationError) as caught:
        register(teen, forum)
    assert caught.value.messages == [
        "A parent or guardian must give their consent in your profile before you register."
    ]
    Consent.objects.create(user=teen, purpose=ConsentPurpose.GUARDIAN, guardian_name="Dina")
    assert register(teen, forum).status == RegistrationStatus.CONFIRMED


def test_a_forum_abroad_needs_the_cross_border_consent(
    forum: Forum, open_quota: Quota, russia: Any
) -> None:
    (guest,) = people(russia, 1, "guest")
    with pytest.raises(ValidationError) as caught:
        register(guest, forum)
    assert list(caught.value.message_dict) == ["cross_border_consent"]
    assert not Registration.objects.exists()
    register(guest, forum, cross_border_consent=True)
    assert Consent.objects.filter(user=guest, purpose=ConsentPurpose.CROSS_BORDER).exists()


def test_questions_are_answered_as_asked(forum: Forum, open_quota: Quota, kazakhstan: Any) -> None:
    diet = Question.objects.create(
        forum=forum,
        text_en="Diet",
        kind=QuestionKind.CHOICE,
        choices_en="Any\nVegetarian",
        required=True,
    )
    Question.objects.create(forum=forum, text_en="Photo consent", kind=QuestionKind.YES_NO)
    (person,) = people(kazakhstan, 1)
    with pytest.raises(ValidationError) as caught:
        register(person, forum, answers={})
    assert caught.value.message_dict == {f"answer_{diet.pk}": ["Answer this question."]}
    with pytest.raises(ValidationError) as caught:
        register(person, forum, answers={diet.pk: "Raw food"})
    assert caught.value.message_dict == {
        f"answer_{diet.pk}": ["Choose one of the answers offered."]
    }
    registration = register(person, forum, answers={diet.pk: "Vegetarian"})
    assert registration.answers == [{"question": "Diet", "answer": "Vegetarian"}]


def test_outside_the_window_or_twice_is_refused(
    forum: Forum, open_quota: Quota, kazakhstan: Any
) -> None:
    (person,) = people(kazakhstan, 1)
    register(person, forum)
    with pytest.raises(ValidationError) as caught:
        register(person, forum)
    assert caught.value.messages == ["You are already registered for this forum."]
    Forum.objects.filter(pk=forum.pk).update(registration_closes=timezone.now())
    (late,) = people(kazakhstan, 1, "late")
    with pytest.raises(ValidationError) as caught:
        register(late, forum)
    assert caught.value.messages == ["Registration has closed."]


def test_a_quota_that_closes_when_sold_out_has_no_waiting_list(
    forum: Forum, open_quota: Quota, kazakhstan: Any
) -> None:
    Quota.objects.filter(pk=open_quota.pk).update(close_when_full=True)
    for person in people(kazakhstan, 2):
        register(person, forum)
    (late,) = people(kazakhstan, 1, "late")
    with pytest.raises(ValidationError) as caught:
        register(late, forum)
    assert caught.value.messages == ["This quota is sold out."]


# --- Pages ------------------------------------------------------------------------------------


def signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_registering_on_the_page(forum: Forum, open_quota: Quota, volunteer: Any) -> None:
    client = signed_in(volunteer)
    page = client.get(f"/forums/{forum.pk}/")
    assert "2 seats left." in page.content.decode()
    answer = client.post(f"/forums/{forum.pk}/register/", follow=True)
    assert "Your seat is confirmed." in answer.content.decode()
    assert "1 seat left." in answer.content.decode()
    mine = Registration.objects.get(person=volunteer)
    answer = client.post(f"/forums/registrations/{mine.pk}/cancel/", follow=True)
    assert "Your registration is cancelled." in answer.content.decode()


def test_the_page_names_the_missing_consent(forum: Forum, open_quota: Quota, outsider: Any) -> None:
    answer = signed_in(outsider).post(f"/forums/{forum.pk}/register/")
    assert answer.status_code == 400
    assert "agree to share your registration with its host" in answer.content.decode()


def test_a_draft_forum_and_anothers_registration_are_404(
    forum: Forum, open_quota: Quota, volunteer: Any, outsider: Any
) -> None:
    mine = register(volunteer, forum)
    assert signed_in(outsider).post(f"/forums/registrations/{mine.pk}/cancel/").status_code == 404
    Forum.objects.filter(pk=forum.pk).update(status=ForumStatus.DRAFT)
    assert signed_in(outsider).get(f"/forums/{forum.pk}/").status_code == 404
    assert Client().get("/forums/").status_code == 200
