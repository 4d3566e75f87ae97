"""Who may see forums and registrations: published forums are public, a draft only for the
host's members; a registration only for its person."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.accounts.models import User
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
from council.forums.selectors import home_fills, sending_networks
from council.lib.mirrors import local_or_404
from council.orgs.access import organises
from council.orgs.models import Membership, Organisation
from council.projects.access import ORGANISER_ROLES

M = TypeVar("M", bound=Model)


def _forums() -> QuerySet[Forum]:
    return Forum.objects.select_related("host", "city", "city__country")


def _part_of(
    rows: type[M] | QuerySet[M], pk: int, user: Viewer, whole: Callable[..., object], key: str
) -> M:
    """A row that is part of a whole (its `key`): seen by whoever `whole` lets see that."""
    row = get_object_or_404(rows, pk=pk)
    whole(user=user, pk=getattr(row, key))
    return row


def get_forum_for_viewer(*, user: Viewer, pk: int) -> Forum:
    forum = get_object_or_404(_forums(), pk=pk)
    if forum.status == ForumStatus.DRAFT and not (
        user.is_authenticated and _hosts_memberships(user, forum).exists()
    ):
        raise Http404
    return forum


def get_registration_for_person(*, user: Viewer, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("forum", "quota"), pk=pk, person_id=user.pk
    )


def get_forum_for_host(*, user: Viewer, pk: int) -> Forum:
    """A forum the admins and coordinators of its host and co-hosts manage; anyone else gets a
    404."""
    forum = get_object_or_404(_forums(), pk=pk)
    if not is_host(user=user, forum=forum):
        raise Http404
    return local_or_404(forum)


def get_question_for_host(*, user: Viewer, pk: int) -> Question:
    return _part_of(Question, pk, user, get_forum_for_host, "forum_id")


def get_quota_for_sender(*, user: Viewer, pk: int, forum_id: int | None = None) -> Quota:
    """A delegation's quota, for the admins and coordinators of its organisation (who form
    its delegation); `forum_id`, when given, must be the quota's forum."""
    quotas: QuerySet[Quota] = Quota.objects.select_related("forum")
    if forum_id is not None:
        quotas = quotas.filter(forum_id=forum_id)
    quota: Quota = get_object_or_404(quotas, pk=pk)
    if not can_form_delegation(user=user, quota=quota):
        raise Http404
    return quota


def get_delegation_for_sender(*, user: Viewer, pk: int) -> Delegation:
    """The delegation's head and the sending organisation's admins and coordinators; nobody
    else sees its members' personal data."""
    delegation = get_object_or_404(
        Delegation.objects.select_related("forum", "forum__city", "quota", "organisation"), pk=pk
    )
    if not can_see_delegation(user=user, delegation=delegation):
        raise Http404
    return delegation


def can_see_delegation(*, user: Viewer, delegation: Delegation) -> bool:
    """The delegation's head and the sending organisation's admins and coordinators."""
    if not user.is_authenticated:
        return False
    return delegation.head_id == user.pk or organises(
        user=user, organisation_id=delegation.organisation_id
    )


def delegations_seen_by(*, user: Viewer, delegations: list[Delegation]) -> set[int]:
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


def get_member_for_sender(*, user: Viewer, pk: int) -> DelegationMember:
    return _part_of(
        DelegationMember.objects.select_related("delegation"),
        pk,
        user,
        get_delegation_for_sender,
        "delegation_id",
    )


def get_member_for_host(*, user: Viewer, pk: int) -> DelegationMember:
    member = get_object_or_404(
        DelegationMember.objects.select_related("delegation", "delegation__forum", "person"),
        pk=pk,
    )
    if not is_host(user=user, forum=member.delegation.forum):
        raise Http404
    return member


def get_member_for_person(*, user: Viewer, pk: int) -> DelegationMember:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        DelegationMember.objects.select_related("delegation", "delegation__forum"),
        pk=pk,
        person_id=user.pk,
    )


def can_form_delegation(*, user: Viewer, quota: Quota) -> bool:
    """The organisers of the quota's organisation; for another node's quota that this node's
    country fills (`home_fills`), the organisers of this node's national network."""
    if quota.is_mirrored:
        return home_fills(quota) and sending_networks(user=user).exists()
    return organises(user=user, organisation_id=quota.organisation_id)


def quotas_for_sender(*, user: Viewer, forum: Forum) -> list[Quota]:
    """The forum's delegation quotas whose organisation this person organises and, on another
    node's forum, the quotas this node's country fills when the person organises its national
    network (two queries at most)."""
    if not user.is_authenticated:
        return []
    if forum.is_mirrored:
        if not sending_networks(user=user).exists():
            return []
        quotas = forum.quotas.exclude(kind="open").select_related("delegation", "organisation")
        return [quota for quota in quotas.order_by("pk") if home_fills(quota)]
    return list(
        forum.quotas.exclude(kind="open")
        .filter(
            origin_node="",
            organisation__memberships__user=user,
            organisation__memberships__role__in=ORGANISER_ROLES,
        )
        .select_related("delegation")
        .distinct()
        .order_by("pk")
    )


def _hosts_memberships(user: User, forum: Forum) -> QuerySet[Membership]:
    """The person's memberships of the forum's host and co-hosts."""
    return Membership.objects.filter(user=user).filter(
        Q(organisation_id=forum.host_id) | Q(organisation__co_hosted_forums=forum)
    )


def is_host(*, user: Viewer, forum: Forum) -> bool:
    """An admin or coordinator of the host or of a co-host (nobody, of another node's forum)."""
    if not user.is_authenticated or forum.is_mirrored:
        return False
    return bool(_hosts_memberships(user, forum).filter(role__in=ORGANISER_ROLES).exists())


def get_registration_for_badge(*, user: Viewer, pk: int) -> Registration:
    """A confirmed participant's own badge, or any participant's for the forum's host."""
    if not user.is_authenticated:
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related(
            "person", "person__home_country", "forum", "forum__city"
        ),
        pk=pk,
    )
    if registration.person_id != user.pk and not is_host(user=user, forum=registration.forum):
        raise Http404
    return registration


def get_member_for_letter(*, user: Viewer, pk: int) -> DelegationMember:
    """A nominated or confirmed member's visa-support letter: for the member, their
    delegation's head and senders, and the host."""
    if not user.is_authenticated:
        raise Http404
    member = get_object_or_404(
        DelegationMember.objects.select_related(
            "person",
            "person__home_country",
            "delegation__forum__host",
            "delegation__forum__city",
            "delegation__organisation",
        ),
        pk=pk,
        status__in=("nominated", "confirmed"),
    )
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


def get_session_for_viewer(*, user: Viewer, pk: int) -> ForumSession:
    return _part_of(ForumSession, pk, user, get_forum_for_viewer, "forum_id")


def host_organisations(*, user: Viewer) -> list[Organisation]:
    """The verified organisations this person may create forums for."""
    if not user.is_authenticated:
        return []
    return [
        membership.organisation
        for membership in Membership.objects.filter(
            user=user,
            role__in=ORGANISER_ROLES,
            organisation__status="verified",
            organisation__origin_node="",  # another node's organisation hosts there
        )
        .select_related("organisation")
        .order_by("organisation__name")
    ]
