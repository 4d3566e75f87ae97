"""What each demo person can do, read from the seeded database: the organisations they belong
to and their role there, the forums they host, the delegations they head or belong to. One
place for `demo_logins` and the README's table of demo people (English, as the command's
output)."""

from __future__ import annotations

from django.utils import translation

from council.accounts.models import User
from council.forums.models import Delegation, DelegationMember, Forum, MemberStatus
from council.orgs.models import Membership, MembershipRole

ROLE_WORDS: dict[str, str] = {
    MembershipRole.ADMIN: "runs",
    MembershipRole.COORDINATOR: "coordinates",
    MembershipRole.MEMBER: "member of",
}
ORGANISERS = (MembershipRole.ADMIN, MembershipRole.COORDINATOR)


def duties(user: User) -> list[str]:
    """Short English phrases, most powerful first."""
    with translation.override("en"):
        return _duties(user)


def _duties(user: User) -> list[str]:
    found: list[str] = []
    if user.is_superuser:
        found.append("Django admin (/admin/)")
    if user.is_secretariat:
        found.append("the council's secretariat: councils, agreements, the joint plan, exchanges")
    for membership in (
        Membership.objects.filter(user=user).select_related("organisation").order_by("pk")
    ):
        words = ROLE_WORDS.get(membership.role, membership.role)
        found.append(f"{words} {membership.organisation.name}")
    hosted = (
        Forum.objects.filter(host__memberships__user=user, host__memberships__role__in=ORGANISERS)
        .select_related("city")
        .distinct()
        .order_by("starts_on")
    )
    found += [f"hosts the forum “{forum.title}” ({forum.city.name})" for forum in hosted]
    headed = list(
        Delegation.objects.filter(head=user)
        .select_related("forum", "organisation")
        .order_by("forum__starts_on")
    )
    if headed:
        found.append(
            f"heads the delegation of {headed[0].organisation.name} to "
            + _forums([delegation.forum for delegation in headed])
        )
    for status, words in (
        (MemberStatus.CONFIRMED, "a confirmed delegate to"),
        (MemberStatus.NOMINATED, "nominated as a delegate (waiting for the host) to"),
    ):
        forums = [
            member.delegation.forum
            for member in DelegationMember.objects.filter(person=user, status=status)
            .select_related("delegation__forum")
            .order_by("delegation__forum__starts_on")
        ]
        if forums:
            found.append(f"{words} {_forums(forums)}")
    return found


def _forums(forums: list[Forum]) -> str:
    if len(forums) > 1 and len(forums) == Forum.objects.count():
        return f"every demo forum ({len(forums)})"
    return "; ".join(f"“{forum.title}”" for forum in forums)
