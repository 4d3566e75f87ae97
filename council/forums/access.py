"""Who may see forums and registrations: published forums are public, a draft only for the
host's members; a registration only for its person."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from council.forums.models import (
    Delegation,
    DelegationMember,
    Forum,
    ForumSession,
    ForumStatus,
    Question,
    Quota,
    Registration,
)
from council.orgs.access import organises
from council.orgs.models import Membership
from council.projects.access import ORGANISER_ROLES


def get_forum_for_viewer(*, user: Any, pk: int) -> Forum:
    forum = Forum.objects.select_related("host", "city", "city__country").filter(pk=pk).first()
    if forum is None:
        raise Http404
    if forum.status == ForumStatus.DRAFT and not (
        user.is_authenticated and _hosts_memberships(user, forum).exists()
    ):
        raise Http404
    return forum


def get_registration_for_person(*, user: Any, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("forum", "quota")
        .filter(pk=pk, person_id=user.pk)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def get_forum_for_host(*, user: Any, pk: int) -> Forum:
    """A forum the admins and coordinators of its host and co-hosts manage; anyone else gets a
    404."""
    forum = Forum.objects.select_related("host", "city", "city__country").filter(pk=pk).first()
    if forum is None or not is_host(user=user, forum=forum):
        raise Http404
    return forum


def get_question_for_host(*, user: Any, pk: int) -> Question:
    question = Question.objects.filter(pk=pk).first()
    if question is None:
        raise Http404
    get_forum_for_host(user=user, pk=question.forum_id)
    return question


def get_delegation_for_sender(*, user: Any, pk: int) -> Delegation:
    """The delegation's head and the sending organisation's admins and coordinators; nobody
    else sees its members' personal data."""
    delegation = (
        Delegation.objects.select_related("forum", "forum__city", "quota", "organisation")
        .filter(pk=pk)
        .first()
    )
    if delegation is None or not can_see_delegation(user=user, delegation=delegation):
        raise Http404
    return delegation


def can_see_delegation(*, user: Any, delegation: Delegation) -> bool:
    """The delegation's head and the sending organisation's admins and coordinators."""
    if not user.is_authenticated:
        return False
    return delegation.head_id == user.pk or organises(
        user=user, organisation_id=delegation.organisation_id
    )


def delegations_seen_by(*, user: Any, delegations: list[Delegation]) -> set[int]:
    """The keys of those delegations whose page this person may open (`can_see_delegation`),
    in one query."""
    if not user.is_authenticated or not delegations:
        return set()
    organised = set(
        Membership.objects.filter(
            user=user,
            role__in=ORGANISER_ROLES,
            organisation_id__in={delegation.organisation_id for delegation in delegations},
        ).values_list("organisation_id", flat=True)
    )
    return {
        delegation.pk
        for delegation in delegations
        if delegation.head_id == user.pk or delegation.organisation_id in organised
    }


def get_member_for_sender(*, user: Any, pk: int) -> DelegationMember:
    member = DelegationMember.objects.select_related("delegation").filter(pk=pk).first()
    if member is None:
        raise Http404
    get_delegation_for_sender(user=user, pk=member.delegation_id)
    return member


def get_member_for_host(*, user: Any, pk: int) -> DelegationMember:
    member = (
        DelegationMember.objects.select_related("delegation", "delegation__forum", "person")
        .filter(pk=pk)
        .first()
    )
    if member is None or not is_host(user=user, forum=member.delegation.forum):
        raise Http404
    return member


def get_member_for_person(*, user: Any, pk: int) -> DelegationMember:
    if not user.is_authenticated:
        raise Http404
    member = (
        DelegationMember.objects.select_related("delegation", "delegation__forum")
        .filter(pk=pk, person_id=user.pk)
        .first()
    )
    if member is None:
        raise Http404
    return member


def can_form_delegation(*, user: Any, quota: Quota) -> bool:
    return organises(user=user, organisation_id=quota.organisation_id)


def quotas_for_sender(*, user: Any, forum: Forum) -> list[Quota]:
    """The forum's delegation quotas whose organisation this person organises (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        forum.quotas.exclude(kind="open")
        .filter(
            organisation__memberships__user=user,
            organisation__memberships__role__in=ORGANISER_ROLES,
        )
        .select_related("delegation")
        .distinct()
        .order_by("pk")
    )


def _hosts_memberships(user: Any, forum: Forum) -> Any:
    """The person's memberships of the forum's host and co-hosts."""
    return Membership.objects.filter(user=user).filter(
        Q(organisation_id=forum.host_id) | Q(organisation__co_hosted_forums=forum)
    )


def is_host(*, user: Any, forum: Forum) -> bool:
    """An admin or coordinator of the host or of a co-host."""
    if not user.is_authenticated:
        return False
    return bool(_hosts_memberships(user, forum).filter(role__in=ORGANISER_ROLES).exists())


def get_registration_for_badge(*, user: Any, pk: int) -> Registration:
    """A confirmed participant's own badge, or any participant's for the forum's host."""
    registration = (
        Registration.objects.select_related(
            "person", "person__home_country", "forum", "forum__city"
        )
        .filter(pk=pk)
        .first()
    )
    if registration is None or not user.is_authenticated:
        raise Http404
    if registration.person_id != user.pk and not is_host(user=user, forum=registration.forum):
        raise Http404
    return registration


def get_member_for_letter(*, user: Any, pk: int) -> DelegationMember:
    """A nominated or confirmed member's visa-support letter: for the member, their
    delegation's head and senders, and the host."""
    member = (
        DelegationMember.objects.select_related(
            "person",
            "person__home_country",
            "delegation__forum__host",
            "delegation__forum__city",
            "delegation__organisation",
        )
        .filter(pk=pk, status__in=("nominated", "confirmed"))
        .first()
    )
    if member is None or not user.is_authenticated:
        raise Http404
    delegation = member.delegation
    allowed = (
        member.person_id == user.pk
        or delegation.head_id == user.pk
        or organises(user=user, organisation_id=delegation.organisation_id)
        or is_host(user=user, forum=delegation.forum)
    )
    if not allowed:
        raise Http404
    return member


def get_session_for_viewer(*, user: Any, pk: int) -> ForumSession:
    session = ForumSession.objects.filter(pk=pk).first()
    if session is None:
        raise Http404
    get_forum_for_viewer(user=user, pk=session.forum_id)
    return session


def host_organisations(*, user: Any) -> list[Any]:
    """The verified organisations this person may create forums for."""
    if not user.is_authenticated:
        return []
    return [
        membership.organisation
        for membership in Membership.objects.filter(
            user=user, role__in=ORGANISER_ROLES, organisation__status="verified"
        )
        .select_related("organisation")
        .order_by("organisation__name")
    ]
