"""Councils: the secretariat records a council, the organisations that join it and the people
who represent them (co-chairs, representatives)."""

from __future__ import annotations

from datetime import date
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.records import create_audited
from council.audit.services import record
from council.cooperation.models import Council, CouncilMember, CouncilRole
from council.cooperation.services.texts import require_text
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts
from council.orgs.models import Membership, Organisation, OrganisationStatus


class CouncilValues(Texts, total=False):
    founded_on: date | None


@transaction.atomic
def council_create(*, actor: User, **values: Unpack[CouncilValues]) -> Council:
    council = Council(**values)
    require_text(council, "name", _("Name the council in at least one language."))
    return create_audited(
        council, actor=actor, action="council.created", exclude=["name", "description"]
    )


def _audit(
    actor: User, action: str, council: Council, organisation: Organisation, /, **data: object
) -> None:
    """An event of the council about one of its organisations."""
    record(actor=actor, action=action, target=council, organisation_id=organisation.pk, data=data)


@transaction.atomic
def council_member_add(
    *, actor: User, council: Council, organisation: Organisation
) -> CouncilMember:
    ensure_local(council)
    if organisation.status != OrganisationStatus.VERIFIED:
        raise ValidationError({"organisation": _("Only a verified organisation joins a council.")})
    if council.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is a member already.")})
    member = CouncilMember.objects.create(council=council, organisation=organisation)
    _audit(actor, "council.member_added", council, organisation, organisation=organisation.pk)
    return member


@transaction.atomic
def council_role_add(
    *, actor: User, council: Council, person: User, role: str, organisation: Organisation
) -> CouncilRole:
    """A person who represents one of the council's organisations (as co-chair, say)."""
    ensure_local(council)
    if not council.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Choose one of the council's organisations.")})
    if not Membership.objects.filter(user=person, organisation=organisation).exists():
        raise ValidationError({"email": _("This person is not a member of that organisation.")})
    if council.roles.filter(user=person, role=role).exists():
        raise ValidationError({"email": _("This person has this role already.")})
    council_role = CouncilRole.objects.create(
        council=council, user=person, role=role, organisation=organisation
    )
    _audit(actor, "council.role_added", council, organisation, person=person.pk, role=role)
    return council_role
