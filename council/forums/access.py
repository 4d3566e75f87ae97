"""Who may see forums and registrations: published forums are public, a draft only for the
host's members; a registration only for its person."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from council.forums.models import Forum, ForumStatus, Registration
from council.orgs.models import Membership


def get_forum_for_viewer(*, user: Any, pk: int) -> Forum:
    forum = Forum.objects.select_related("host", "city", "city__country").filter(pk=pk).first()
    if forum is None:
        raise Http404
    if forum.status == ForumStatus.DRAFT and not (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation_id=forum.host_id).exists()
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
