"""Councils: the secretariat records a council, the organisations that join it and the people
who represent them (co-chairs, representatives)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.audit.services import record
from council.cooperation.models import Council, CouncilMember, CouncilRole
from council.orgs.models import Membership, Organisation, OrganisationStatus

COUNCIL_FIELDS = (
    "name_ru",
    "name_kk",
    "name_en",
    "description_ru",
    "description_kk",
    "description_en",
    "founded_on",
    "founded_at_ru",
    "founded_at_kk",
    "founded_at_en",
)


@transaction.atomic
def council_create(*, actor: Any, **fields: Any) -> Council:
    council = Council()
    for name in COUNCIL_FIELDS:
        if name in fields:
            setattr(council, name, fields[name])
    if not any(getattr(council, f"name_{code}") for code in settings.LANGUAGE_CODES):
        raise ValidationError({"name_ru": _("Name the council in at least one language.")})
    council.full_clean(exclude=["name", "description"])
    council.save()
    record(actor=actor, action="council.created", target=council)
    return council


@transaction.atomic
def council_member_add(
    *, actor: Any, council: Council, organisation: Organisation
) -> CouncilMember:
    if organisation.status != OrganisationStatus.VERIFIED:
        raise ValidationError({"organisation": _("Only a verified organisation joins a council.")})
    if council.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is a member already.")})
    member = CouncilMember.objects.create(council=council, organisation=organisation)
    record(
        actor=actor,
        action="council.member_added",
        target=council,
        organisation_id=organisation.pk,
        data={"organisation": organisation.pk},
    )
    return member


@transaction.atomic
def council_role_add(
    *, actor: Any, council: Council, person: Any, role: str, organisation: Organisation
) -> CouncilRole:
    """A person who represents one of the council's organisations (as co-chair, say)."""
    if not council.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Choose one of the council's organisations.")})
    if not Membership.objects.filter(user=person, organisation=organisation).exists():
        raise ValidationError({"email": _("This person is not a member of that organisation.")})
    if council.roles.filter(user=person, role=role).exists():
        raise ValidationError({"email": _("This person has this role already.")})
    council_role = CouncilRole.objects.create(
        council=council, user=person, role=role, organisation=organisation
    )
    record(
        actor=actor,
        action="council.role_added",
        target=council,
        organisation_id=organisation.pk,
        data={"person": person.pk, "role": role},
    )
    return council_role
