"""The owner node's fixtures: a live peer (the Kazakh node) whose people act on the
catalogue of this node (the Russian one), and the bodies its writes carry."""

from __future__ import annotations

from typing import Any

import pytest

from council.conftest import make_org
from council.federation.models import Peer, PeerStatus
from council.federation.protocol import Received
from council.orgs.models import Organisation
from council.projects.models import Opportunity
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import IscoGroup, Language, Skill, SkillGroup


@pytest.fixture
def peer(kazakhstan: Any) -> Peer:
    return Peer.objects.create(
        node_id="kz",
        country=kazakhstan,
        url="https://kz.node.example",
        names={"en": "Kazakh node"},
        status=PeerStatus.LIVE,
    )


@pytest.fixture
def ru_org(russia: Any) -> Organisation:
    return make_org("Moscow Volunteer Centre", russia)


@pytest.fixture
def ru_opportunity(ru_org: Organisation) -> Opportunity:
    return make_opportunity(make_project(ru_org), capacity=2)


@pytest.fixture
def first_aid(db: Any) -> Skill:
    group = SkillGroup.objects.create(slug="care", name_en="Care", position=1)
    Language.objects.get_or_create(code="kk", defaults={"name_en": "Kazakh"})
    Language.objects.get_or_create(code="ru", defaults={"name_en": "Russian"})
    major = IscoGroup.objects.create(code="2", name_en="Professionals")
    return Skill.objects.create(
        slug="first-aid", group=group, name_en="First aid", isco_major=major
    )


def person_block(
    ref: str = "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", **fields: Any
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "ref": ref,
        "given_name": "Алия",
        "family_name": "Сейткали",
        "given_name_latin": "Aliya",
        "family_name_latin": "Seitkali",
        "age_band": "adult",
        "languages": [{"code": "kk", "level": "native"}, {"code": "ru", "level": "C1"}],
        "skills": ["first-aid"],
        "contact": {"email": "aliya@mail.kz"},
        "preferred_language": "kk",
        "guardian_consent": False,
    }
    block.update(fields)
    return block


CONSENT = {"id": "c-41", "version": "2026-01", "given_at": "2026-11-01T10:00:00+00:00"}


def call(handler: Any, peer: Peer, **body: Any) -> dict[str, Any]:
    return handler(Received(peer, body, "key-1"))


def apply_body(target: Opportunity, home_id: str = "901", **fields: Any) -> dict[str, Any]:
    shift = target.shifts.order_by("start").first()
    body = {
        "application": home_id,
        "opportunity": str(target.pk),
        "shift": str(shift.pk) if shift else None,
        "person": person_block(),
        "consent": CONSENT,
        "motivation": "I speak Russian and Kazakh.",
        "answers": [],
    }
    body.update(fields)
    return body
