"""What a forum's page and the forum list offer as the forum moves on: no seats and no form
once registration is closed or the forum is over (a clear message instead), a marker in the
list, no individual registration for a member of a delegation, and the "New forum" button
only for those who may create one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.conftest import reader
from council.forums.models import DelegationMember, Forum, Quota, QuotaKind
from council.forums.services import registration_create
from council.forums.services.delegations import (
    member_decide,
    member_invite,
    member_respond,
)
from council.forums.tests.conftest import make_delegation

MESSAGES = {
    "ru": {
        "ended": "Форум завершён.",
        "closed": "Регистрация закрыта.",
        "ended_badge": "Завершён",
        "closed_badge": "Регистрация закрыта",
        "seats": "1500",
        "delegate": "Вы едете на этот форум в составе делегации",
    },
    "kk": {
        "ended": "Форум аяқталды.",
        "closed": "Тіркелу жабылды.",
        "ended_badge": "Аяқталды",
        "closed_badge": "Тіркелу жабылды",
        "seats": "1500",
        "delegate": "Сіз бұл форумға делегация құрамында барасыз",
    },
}


@pytest.fixture
def big_quota(forum: Forum) -> Quota:
    forum.capacity = 5000
    forum.save()
    return Quota.objects.create(forum=forum, kind=QuotaKind.OPEN, name="Individuals", size=1500)


def end_forum(forum: Forum) -> None:
    """The forum of the walk-through: over, its registration closed."""
    forum.starts_on = date.today() - timedelta(days=8)
    forum.ends_on = date.today() - timedelta(days=5)
    forum.registration_opens = timezone.now() - timedelta(days=60)
    forum.registration_closes = timezone.now() - timedelta(days=12)
    forum.save()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_forum_that_has_ended_offers_no_registration(
    forum: Forum, big_quota: Quota, volunteer: Any, language: str
) -> None:
    end_forum(forum)
    html = reader(language, volunteer).get(f"/forums/{forum.pk}/").content.decode()
    words = MESSAGES[language]
    assert words["ended"] in html
    assert words["seats"] not in html
    assert f'action="/forums/{forum.pk}/register/"' not in html
    listing = reader(language).get("/forums/").content.decode()
    assert f'<span class="badge ended">{words["ended_badge"]}</span>' in listing
    with pytest.raises(ValidationError):
        registration_create(person=volunteer, forum=forum)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_closed_registration_is_said_before_anyone_fills_the_form(
    forum: Forum, big_quota: Quota, volunteer: Any, language: str
) -> None:
    forum.registration_closes = timezone.now() - timedelta(hours=1)
    forum.registration_opens = timezone.now() - timedelta(days=10)
    forum.save()
    words = MESSAGES[language]
    for client in (reader(language, volunteer), reader(language)):
        html = client.get(f"/forums/{forum.pk}/").content.decode()
        assert words["closed"] in html
        assert words["seats"] not in html
        assert f'action="/forums/{forum.pk}/register/"' not in html
    listing = reader(language).get("/forums/").content.decode()
    assert f'<span class="badge closed">{words["closed_badge"]}</span>' in listing


def test_an_open_forum_still_offers_its_seats_and_form(
    forum: Forum, big_quota: Quota, volunteer: Any
) -> None:
    html = reader("en", volunteer).get(f"/forums/{forum.pk}/").content.decode()
    assert "1500 seats left." in html
    assert f'action="/forums/{forum.pk}/register/"' in html
    assert "badge ended" not in reader("en").get("/forums/").content.decode()


def delegate(forum: Forum, ru_network: Any, ru_coordinator: Any, russia: Any) -> DelegationMember:
    from council.conftest import make_user

    delegation = make_delegation(forum, ru_network, ru_coordinator)
    person = make_user("pavel@example.org", russia, given_name="Павел")
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=person)
    return member_respond(person=person, member=member, accept=True, cross_border_consent=True)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_delegation_member_is_not_offered_a_registration_of_their_own(
    forum: Forum,
    big_quota: Quota,
    ru_network: Any,
    ru_coordinator: Any,
    org_admin: Any,
    russia: Any,
    language: str,
) -> None:
    member = delegate(forum, ru_network, ru_coordinator, russia)
    words = MESSAGES[language]
    client = reader(language, member.person)
    for step in ("nominated", "confirmed"):
        if step == "confirmed":
            member = member_decide(actor=org_admin, member=member, approve=True)
        html = client.get(f"/forums/{forum.pk}/").content.decode()
        assert words["delegate"] in html, step
        assert f'action="/forums/{forum.pk}/register/"' not in html, step
        assert words["seats"] not in html, step
    assert f"/forums/registrations/{member.registration_id}/badge.pdf" in html


def test_a_nominated_member_cannot_register_on_their_own_either(
    forum: Forum, big_quota: Quota, ru_network: Any, ru_coordinator: Any, russia: Any
) -> None:
    member = delegate(forum, ru_network, ru_coordinator, russia)
    with pytest.raises(ValidationError) as refused:
        registration_create(person=member.person, forum=forum, cross_border_consent=True)
    assert "member of a delegation" in refused.value.messages[0]


def test_new_forum_only_for_those_who_may_create_one(
    forum: Forum, volunteer: Any, org_admin: Any
) -> None:
    button = 'href="/forums/new/"'
    assert button not in reader("ru", volunteer).get("/forums/").content.decode()
    assert button not in reader("ru").get("/forums/").content.decode()
    assert button in reader("ru", org_admin).get("/forums/").content.decode()


def test_the_host_previewing_a_draft_reads_that_it_is_not_open(
    forum: Forum, big_quota: Quota, org_admin: Any
) -> None:
    forum.status = "draft"
    forum.save()
    html = reader("en", org_admin).get(f"/forums/{forum.pk}/").content.decode()
    assert "This forum is not open for registration." in html
    assert f'action="/forums/{forum.pk}/register/"' not in html
