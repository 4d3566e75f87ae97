"""Who acts in the demo: the first demo person holding a role in an organisation, the admin a
persona table names, the demo volunteers (the personas without memberships), and the (ru, kk,
en) text fields the services take."""

from __future__ import annotations

from django.db.models import QuerySet

from council.accounts.models import User
from council.demo.personas import PERSONAS
from council.orgs.models import MembershipRole


def organiser_of(organisation_id: int | None, role: str) -> User | None:
    """The first demo person holding `role` in that organisation."""
    if organisation_id is None:
        return None
    return (
        User.objects.filter(memberships__organisation_id=organisation_id, memberships__role=role)
        .order_by("pk")
        .first()
    )


def persona_admin(key: str, users: dict[str, User]) -> User | None:
    """The persona the persona table makes admin of the organisation `key`."""
    for persona in PERSONAS:
        if (key, MembershipRole.ADMIN) in persona.memberships:
            return users[persona.email]
    return None


def demo_volunteers() -> QuerySet[User]:
    """The demo personas who belong to no organisation, oldest first."""
    emails = [persona.email for persona in PERSONAS if not persona.memberships]
    return User.objects.filter(email__in=emails).order_by("pk")
