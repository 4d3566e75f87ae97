"""Fixtures of the home node's side: a live Russian peer whose catalogue is mirrored here (an
organisation, a project, an opportunity with a shift), and a Kazakh volunteer of ours.

The outbox and the node keys are written by another part of the federation
(council.federation.services.outbox, council.federation.keys); until they are present, the
fixtures `outbox` and `peer_keys` put in small stand-ins that keep to their contracts (the
outbox as rows of OutboxMessage, signatures checked with council.lib.signing against the
peer's published JWKS), so that these tests check what the home node does with them."""

from __future__ import annotations

import base64
import sys
import types
import uuid
from datetime import date, timedelta
from importlib.util import find_spec
from typing import Any

import pytest
from django.utils import timezone

from council.accounts.models import ConsentPurpose, User
from council.accounts.services import consent_give
from council.conftest import make_org, make_user
from council.federation.models import OutboxMessage, Peer, PeerStatus
from council.lib import signing
from council.projects.models import Opportunity, Project, Shift
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import Country
from council.volunteers.models import VolunteerProfile

RU_PRIVATE_KEY = signing.generate_private_key()


def _stand_in_outbox() -> types.ModuleType:
    module = types.ModuleType("council.federation.services.outbox")

    def outbox_enqueue(
        *, peer: Peer, kind: str, payload: dict, person: Any = None, subject: Any = None
    ) -> OutboxMessage:
        return OutboxMessage.objects.create(
            peer=peer,
            kind=kind,
            idempotency_key=str(uuid.uuid4()),
            payload=payload,
            person=person,
            subject_type=subject._meta.label_lower if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
        )

    module.outbox_enqueue = outbox_enqueue  # type: ignore[attr-defined]
    return module


def _stand_in_keys() -> types.ModuleType:
    module = types.ModuleType("council.federation.keys")

    def verify_document(document: Any, signature: Any, peer: Peer) -> bool:
        for key in peer.keys.get("keys", []):
            raw = base64.urlsafe_b64decode(key["x"] + "=" * (-len(key["x"]) % 4))
            if signing.verify(document, signature, base64.b64encode(raw).decode()):
                return True
        return False

    module.verify_document = verify_document  # type: ignore[attr-defined]
    return module


@pytest.fixture(autouse=True)
def outbox(monkeypatch: pytest.MonkeyPatch) -> None:
    if find_spec("council.federation.services.outbox") is None:
        monkeypatch.setitem(sys.modules, "council.federation.services.outbox", _stand_in_outbox())


@pytest.fixture(autouse=True)
def peer_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    if find_spec("council.federation.keys") is None:
        monkeypatch.setitem(sys.modules, "council.federation.keys", _stand_in_keys())


@pytest.fixture
def mails(django_capture_on_commit_callbacks: Any) -> Any:
    """Run what commits send (mail) within the block; writes to peers are not sent from the
    blocks it is used around."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ru_peer(russia: Country) -> Peer:
    public = signing.public_key_from_private(RU_PRIVATE_KEY)
    return Peer.objects.create(
        node_id="ru",
        country=russia,
        names={"en": "Russian node"},
        url="https://ru.node.example/",
        keys={"keys": [signing.public_jwk(public)]},
        status=PeerStatus.LIVE,
        we_accepted_at=timezone.now(),
        they_accepted_at=timezone.now(),
    )


@pytest.fixture
def ru_opportunity(ru_peer: Peer, russia: Country) -> Opportunity:
    """An opportunity of the Russian node, mirrored here, with one shift a week ahead."""
    organisation = make_org("Moscow Volunteer Centre", russia, origin_node="ru", origin_key="3")
    project: Project = make_project(organisation, origin_node="ru", origin_key="9")
    opportunity = make_opportunity(
        project, capacity=5, origin_node="ru", origin_key="27", country=russia
    )
    Shift.objects.filter(opportunity=opportunity).update(
        origin_node="ru", origin_key="81", remote_taken=2
    )
    return opportunity


@pytest.fixture
def ru_shift(ru_opportunity: Opportunity) -> Shift:
    return ru_opportunity.shifts.get()


def consenting(user: User) -> User:
    consent_give(user=user, purpose=ConsentPurpose.CROSS_BORDER)
    return user


def born(user: User, birth: date) -> User:
    VolunteerProfile.objects.update_or_create(user=user, defaults={"date_of_birth": birth})
    return user


@pytest.fixture
def aliya(kazakhstan: Country) -> User:
    """A Kazakh volunteer, adult, with the cross-border consent."""
    user = make_user(
        "aliya@example.kz",
        kazakhstan,
        given_name="Әлия",
        family_name="Серікқызы",
        given_name_latin="Aliya",
        family_name_latin="Serikkyzy",
        preferred_language="kk",
    )
    return consenting(born(user, date(1995, 3, 4)))


def a_week_ahead() -> date:
    return (timezone.now() + timedelta(days=7)).date()


@pytest.fixture
def ru_forum(ru_peer: Peer, russia: Country) -> Any:
    """A forum of the Russian node in Moscow, mirrored here, with an open quota of two seats
    (one taken there)."""
    from council.conftest import known_city
    from council.forums.models import Quota, QuotaKind
    from council.forums.tests.conftest import make_forum

    host = make_org("Moscow Forum Host", russia, origin_node="ru", origin_key="5")
    forum = make_forum(host, known_city(russia, "moscow"), origin_node="ru", origin_key="12")
    Quota.objects.create(
        forum=forum,
        kind=QuotaKind.OPEN,
        name="Individuals",
        size=2,
        origin_node="ru",
        origin_key="34",
        remote_taken=1,
    )
    return forum


@pytest.fixture
def ru_council(ru_peer: Peer) -> Any:
    from council.cooperation.models import Council

    return Council.objects.create(
        name_en="Volunteer Council", founded_on=date(2019, 11, 8), origin_node="ru", origin_key="1"
    )


@pytest.fixture
def ru_exchange(ru_council: Any) -> Any:
    """An open exchange call of the Russian node, mirrored here."""
    from council.exchanges.models import Exchange
    from council.exchanges.tests.conftest import exchange_dates

    return Exchange.objects.create(
        council=ru_council,
        title_en="Exchange 2027",
        status="open",
        origin_node="ru",
        origin_key="44",
        **exchange_dates(timezone.localdate(), 60, 70),
    )


@pytest.fixture
def ru_assignment(ru_council: Any, russia: Country) -> Any:
    """An open assignment of the Russian node, mirrored here."""
    from council.deployments.models import Assignment

    host = make_org("Moscow Deployment Host", russia, origin_node="ru", origin_key="6")
    return Assignment.objects.create(
        council=ru_council,
        host=host,
        title_en="Youth programmes",
        country=russia,
        duty_station="Moscow",
        starts_on=timezone.localdate() + timedelta(days=90),
        months=6,
        status="open",
        origin_node="ru",
        origin_key="66",
    )
