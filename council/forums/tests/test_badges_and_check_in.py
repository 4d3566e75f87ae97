"""Badges and visa-support letters render Kazakh and Russian letters; the forum's desk checks
participants in once and shows repeated scans."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest

from council.conftest import make_user
from council.forums.models import DelegationMember, Forum, Quota, Registration
from council.forums.services import registration_create
from council.forums.services.delegations import (
    member_decide,
    member_invite,
    member_respond,
    member_travel_update,
)
from council.forums.tests.conftest import make_delegation
from council.forums.tests.test_registration import signed_in

KAZAKH = "әғқңөұүһі"


def text_of(pdf: bytes) -> str:
    return "".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


@pytest.fixture
def participant(forum: Forum, open_quota: Quota, kazakhstan: Any) -> Registration:
    person = make_user(
        "asel@example.org",
        kazakhstan,
        given_name="Әсел",
        family_name="Құрманғалиқызы",
        given_name_latin="Asel",
        family_name_latin="Kurmangalikyzy",
        preferred_language="kk",
    )
    return registration_create(person=person, forum=forum)


def test_the_badge_has_both_spellings_the_country_and_a_qr_code(
    participant: Registration,
) -> None:
    response = signed_in(participant.person).get(
        f"/forums/registrations/{participant.pk}/badge.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    participant.refresh_from_db()
    text = text_of(response.content)
    assert "ӘселҚұрманғалиқызы" in text
    assert "AselKurmangalikyzy" in text
    assert "Қазақстан" in text
    assert participant.badge_code in text
    assert pypdf.PdfReader(io.BytesIO(response.content)).pages[0].images


def test_the_badge_is_in_the_language_read(participant: Registration) -> None:
    """The participant's account says Kazakh; the badge follows the language chosen."""
    client = signed_in(participant.person)
    url = f"/forums/registrations/{participant.pk}/badge.pdf"
    client.cookies["django_language"] = "en"
    assert "Kazakhstan" in text_of(client.get(url).content)
    client.cookies["django_language"] = "kk"
    assert "Қазақстан" in text_of(client.get(url).content)


def confirmed_delegate(
    forum: Forum, ru_network: Any, ru_coordinator: Any, host: Any, russia: Any
) -> DelegationMember:
    """Иван Жуков, who needs visa support, confirmed in the Russian delegation's quota."""
    delegation = make_delegation(forum, ru_network, ru_coordinator, size=5)
    person = make_user("ivan@example.org", russia, given_name="Иван", family_name="Жуков")
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=person)
    member_respond(person=person, member=member, accept=True, cross_border_consent=True)
    member_travel_update(actor=person, member=member, visa_support_needed=True)
    return member_decide(actor=host, member=member, approve=True)


def test_the_visa_letter_is_in_the_hosts_language_with_kazakh_and_russian_names(
    forum: Forum, ru_network: Any, ru_coordinator: Any, org_admin: Any, russia: Any
) -> None:
    member = confirmed_delegate(forum, ru_network, ru_coordinator, org_admin, russia)
    person = member.person
    # The host (Astana Volunteer Centre) is in Kazakhstan: the letter is in Kazakh.
    forum.host.name_kk = "Астана ерікті орталығы: әғқңөұүһі"
    forum.host.save()
    response = signed_in(person).get(f"/forums/members/{member.pk}/invitation.pdf")
    text = text_of(response.content)
    assert "ИванЖуков" in text
    assert "IvanZhukov" in text
    for letter in KAZAKH:
        assert letter in text, letter
    assert (
        signed_in(org_admin).get(f"/forums/members/{member.pk}/invitation.pdf").status_code == 200
    )
    outsider = make_user("nosy@example.org", russia)
    assert signed_in(outsider).get(f"/forums/members/{member.pk}/invitation.pdf").status_code == 404


def test_the_desk_checks_in_once_and_shows_a_repeat(
    participant: Registration, org_admin: Any, forum: Forum
) -> None:
    from council.forums.services import badge_code_for

    code = badge_code_for(registration=participant)
    client = signed_in(org_admin)
    assert client.get(f"/forums/{forum.pk}/check-in/").status_code == 200
    first = client.post(
        f"/forums/{forum.pk}/scan/", {"code": code.lower()}, HTTP_ACCEPT="application/json"
    ).json()
    assert first["counted"] and first["counts"]["present"] == 1
    again = client.post(
        f"/forums/{forum.pk}/scan/", {"code": code}, HTTP_ACCEPT="application/json"
    ).json()
    assert not again["counted"] and "already checked in" in again["message"]
    assert again["counts"]["present"] == 1
    bad = client.post(f"/forums/{forum.pk}/scan/", {"code": "NOPE"}, HTTP_ACCEPT="application/json")
    assert bad.status_code == 400
    assert bad.json()["errors"] == ["No confirmed participant of this forum has this code."]


def test_only_the_host_runs_the_desk_and_sees_others_badges(
    participant: Registration, outsider: Any, forum: Forum
) -> None:
    client = signed_in(outsider)
    assert client.get(f"/forums/{forum.pk}/check-in/").status_code == 404
    assert client.post(f"/forums/{forum.pk}/scan/", {"code": "X"}).status_code == 404
    assert client.get(f"/forums/registrations/{participant.pk}/badge.pdf").status_code == 404


def test_the_desk_counts_each_delegation_and_every_desk_reads_the_counters(
    forum: Forum,
    participant: Registration,
    ru_network: Any,
    ru_coordinator: Any,
    org_admin: Any,
    russia: Any,
    outsider: Any,
) -> None:
    from council.forums.services import badge_code_for

    member = confirmed_delegate(forum, ru_network, ru_coordinator, org_admin, russia)
    quota = member.delegation.quota
    assert member.registration is not None
    host = signed_in(org_admin)
    host.post(
        f"/forums/{forum.pk}/scan/",
        {"code": badge_code_for(registration=member.registration)},
        HTTP_ACCEPT="application/json",
    )
    page = host.get(f"/forums/{forum.pk}/check-in/").content.decode()
    (row,) = [row for row in page.split("<tr>") if f'data-count="quota_{quota.pk}"' in row]
    assert ru_network.name in row
    # Another desk of the same forum reads the same counters.
    counts = host.get(f"/forums/{forum.pk}/check-in/counts.json").json()
    assert counts["confirmed"] == 2 and counts["present"] == 1
    assert (counts[f"quota_{quota.pk}"], counts[f"quota_{quota.pk}_in"]) == (1, 1)
    assert counts[f"quota_{participant.quota_id}_in"] == 0
    assert signed_in(outsider).get(f"/forums/{forum.pk}/check-in/counts.json").status_code == 404
