"""An organisation's credential and a published module that grants it, with a quiz of two
questions whose pass mark is 50%, and the people who write and take them."""

from __future__ import annotations

from typing import Any

import pytest

from council.conftest import make_member, make_org
from council.orgs.models import MembershipRole, Organisation
from council.training.models import TrainingModule
from council.training.services import credentials as credential_services
from council.training.services import modules as module_services
from council.volunteers.models import Credential


def make_credential(actor: Any, organisation: Any, **fields: Any) -> Credential:
    fields.setdefault("name_en", "First aid")
    fields.setdefault("name_ru", "Первая помощь")
    return credential_services.credential_create(actor=actor, organisation=organisation, **fields)


def make_module(actor: Any, organisation: Any, credential: Any = None, **fields: Any) -> Any:
    """A published module with two questions (the right answers: 2, then 1)."""
    fields.setdefault("title_en", "First aid basics")
    fields.setdefault("body_en", "Check the airway first.")
    fields.setdefault("pass_mark", 50)
    module = module_services.module_create(
        actor=actor, organisation=organisation, credential=credential, **fields
    )
    module_services.question_add(
        actor=actor,
        module=module,
        text_en="What comes first?",
        options_en="Bandage\nAirway\nPhone",
        correct=2,
    )
    module_services.question_add(
        actor=actor, module=module, text_en="Call 112 first?", options_en="Yes\nNo", correct=1
    )
    return module_services.module_publish(actor=actor, module=module)


@pytest.fixture
def credential(org_admin: Any, org: Organisation) -> Credential:
    return make_credential(org_admin, org, validity_months=12)


@pytest.fixture
def module(org_admin: Any, org: Organisation, credential: Credential) -> TrainingModule:
    return make_module(org_admin, org, credential)


@pytest.fixture
def other_org(russia: Any) -> Organisation:
    return make_org("Kind Petersburg", russia)


@pytest.fixture
def other_admin(other_org: Organisation, russia: Any) -> Any:
    return make_member("other.admin@example.org", russia, other_org, MembershipRole.ADMIN, "Olga")


def questions(module: TrainingModule) -> list[Any]:
    return list(module.questions.order_by("position", "pk"))


def right_answers(module: TrainingModule) -> dict[int, int]:
    return {question.pk: question.correct for question in questions(module)}


def half_right(module: TrainingModule) -> dict[int, int]:
    first, second = questions(module)
    return {first.pk: first.correct, second.pk: 2}


def all_wrong(module: TrainingModule) -> dict[int, int]:
    first, second = questions(module)
    return {first.pk: 1, second.pk: 2}
