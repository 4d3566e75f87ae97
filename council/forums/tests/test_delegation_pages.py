"""The delegation and host pages: who sees whose personal data, and the steps in a browser's
order."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from council.conftest import make_user
from council.forums.models import DelegationMember, Forum, MemberStatus, Quota
from council.forums.tests.conftest import make_country_quota
from council.forums.tests.test_registration import signed_in
from council.orgs.models import Membership, MembershipRole


@pytest.fixture
def quotas(forum: Forum, ru_network: Any, kz_network: Any) -> dict[str, Quota]:
    return {
        "RU": make_country_quota(forum, ru_network),
        "KZ": make_country_quota(forum, kz_network, country_id="KZ", name="Kazakhstan"),
    }


def test_the_whole_delegation_journey_through_the_pages(
    forum: Forum, quotas: dict[str, Quota], ru_coordinator: Any, org_admin: Any, russia: Any
) -> None:
    coordinator = signed_in(ru_coordinator)
    page = coordinator.get(f"/forums/{forum.pk}/")
    assert "Form the delegation" in page.content.decode()
    answer = coordinator.post(
        f"/forums/quotas/{quotas['RU'].pk}/delegation/", {"email": ru_coordinator.email}
    )
    delegation = quotas["RU"].delegation
    assert (
        answer.status_code == 302 and answer["Location"] == f"/forums/delegations/{delegation.pk}/"
    )
    delegate = make_user("delegate@example.org", russia, given_name="Pavel")
    answer = coordinator.post(
        f"/forums/delegations/{delegation.pk}/invite/", {"email": delegate.email}, follow=True
    )
    assert "The invitation is sent." in answer.content.decode()
    member = DelegationMember.objects.get(person=delegate)
    person = signed_in(delegate)
    assert "Accept the invitation" in person.get(f"/forums/{forum.pk}/").content.decode()
    answer = person.post(f"/forums/members/{member.pk}/respond/", {"answer": "accept"}, follow=True)
    assert "agree to share your registration with its host to accept" in answer.content.decode()
    person.post(
        f"/forums/members/{member.pk}/respond/",
        {"answer": "accept", "cross_border_consent": "on"},
    )
    host = signed_in(org_admin)
    page = host.get(f"/forums/{forum.pk}/host/")
    assert "Pavel" in page.content.decode()
    host.post(f"/forums/members/{member.pk}/decide/", {"decision": "approve"})
    member.refresh_from_db()
    assert member.status == MemberStatus.CONFIRMED
    # Travel times are typed on the forum's clock.
    assert "Local time, Almaty (UTC+5)." in person.get(f"/forums/{forum.pk}/").content.decode()
    person.post(
        f"/forums/members/{member.pk}/travel/", {"arrival": "2027-06-01T18:30", "transport": "air"}
    )
    member.refresh_from_db()
    assert member.arrival == datetime(2027, 6, 1, 18, 30, tzinfo=ZoneInfo("Asia/Almaty"))
    roster = coordinator.get(f"/forums/delegations/{delegation.pk}/roster.csv")
    text = b"".join(roster.streaming_content).decode("utf-8-sig")
    assert "Pavel" in text and "delegate@example.org" in text


def test_a_coordinator_sees_only_their_own_delegation(
    forum: Forum,
    quotas: dict[str, Quota],
    ru_coordinator: Any,
    kz_coordinator: Any,
    org_admin: Any,
) -> None:
    from council.forums.services.delegations import delegation_create

    russian = delegation_create(actor=ru_coordinator, quota=quotas["RU"], head=ru_coordinator)
    kazakh = delegation_create(actor=kz_coordinator, quota=quotas["KZ"], head=kz_coordinator)
    client = signed_in(kz_coordinator)
    assert client.get(f"/forums/delegations/{kazakh.pk}/").status_code == 200
    assert client.get(f"/forums/delegations/{russian.pk}/").status_code == 404
    assert client.get(f"/forums/delegations/{russian.pk}/roster.csv").status_code == 404
    assert (
        client.post(
            f"/forums/delegations/{russian.pk}/invite/", {"email": "x@example.org"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/forums/quotas/{quotas['RU'].pk}/delegation/", {"email": kz_coordinator.email}
        ).status_code
        == 404
    )


def test_a_host_of_another_forum_gets_404(
    forum: Forum, quotas: dict[str, Quota], russia: Any, moscow_forum_host: Any
) -> None:
    client = signed_in(moscow_forum_host)
    assert client.get(f"/forums/{forum.pk}/host/").status_code == 404


@pytest.fixture
def moscow_forum_host(russia: Any, astana: Any) -> Any:
    from council.conftest import make_org
    from council.forums.tests.conftest import make_forum

    other = make_org("Moscow Forum Host", russia)
    make_forum(other, astana, title_en="Another forum")
    person = make_user("other.host@example.org", russia)
    Membership.objects.create(organisation=other, user=person, role=MembershipRole.ADMIN)
    return person
