"""A node's public catalogue for the feed's tests: a verified organisation of Kazakhstan with
a published project, an opportunity with a shift, a forum with a quota and a session, a
council with an agreement, a programme, an exchange call and an assignment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from council.cooperation.models import (
    Agreement,
    AgreementStatus,
    Council,
    CouncilMember,
    Programme,
    Signatory,
)
from council.deployments.models import Assignment, AssignmentStatus
from council.exchanges.models import Exchange, ExchangeStatus
from council.federation.models import Peer, PeerStatus
from council.forums.models import ForumSession, Quota, QuotaKind
from council.forums.tests.conftest import make_forum
from council.projects.tests.conftest import make_opportunity, make_project


@pytest.fixture(autouse=True)
def _node(settings: Any) -> None:
    settings.NODE_COUNTRY = "RU"
    settings.NODE_ID = "ru"


@pytest.fixture
def peer(kazakhstan: Any) -> Peer:
    """The Kazakh node, live: its feed is (in these tests) this database's own catalogue."""
    return Peer.objects.create(
        node_id="kz", country=kazakhstan, url="https://kz.example.org", status=PeerStatus.LIVE
    )


@pytest.fixture
def catalogue(org: Any, kz_network: Any, astana: Any) -> dict[str, Any]:
    project = make_project(org, description_en="Shores of the Ishim")
    opportunity = make_opportunity(project, capacity=3)
    forum = make_forum(org, astana)
    quota = Quota.objects.create(forum=forum, kind=QuotaKind.OPEN, name_en="Individuals", size=5)
    session = ForumSession.objects.create(
        forum=forum,
        title_en="Opening",
        start=forum.registration_closes,
        end=forum.registration_closes.replace(hour=23, minute=59),
    )
    council = Council.objects.create(name_en="Council of Volunteers", name_ru="Совет волонтёров")
    CouncilMember.objects.create(council=council, organisation=kz_network)
    agreement = Agreement.objects.create(
        council=council,
        title_en="Agreement on cooperation",
        status=AgreementStatus.ACTIVE,
        signed_on=date(2025, 3, 1),
    )
    agreement.parties.add(kz_network)
    Signatory.objects.create(
        agreement=agreement, name="A. Nurlanova", position_en="Chair", organisation=kz_network
    )
    programme = Programme.objects.create(name_en="Volunteers of the World", council=council)
    programme.projects.add(project)
    exchange = Exchange.objects.create(
        council=council,
        title_en="Summer exchange",
        starts_on=date(2027, 7, 1),
        ends_on=date(2027, 7, 20),
        applications_close=date(2027, 5, 1),
        status=ExchangeStatus.OPEN,
    )
    assignment = Assignment.objects.create(
        council=council,
        host=kz_network,
        title_en="Youth worker",
        country=kz_network.country,
        duty_station="Astana",
        starts_on=date(2027, 9, 1),
        months=6,
        status=AssignmentStatus.OPEN,
    )
    return {
        "organisation": org,
        "network": kz_network,
        "project": project,
        "opportunity": opportunity,
        "shift": opportunity.shifts.get(),
        "forum": forum,
        "quota": quota,
        "session": session,
        "council": council,
        "agreement": agreement,
        "programme": programme,
        "exchange": exchange,
        "assignment": assignment,
    }
