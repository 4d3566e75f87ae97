"""Who writes to whom: the organisers of an opportunity's owner to its volunteers, a forum's
hosts to a quota's people, a delegation's senders to its members; the log is theirs too.
Built on the projects' and forums' access helpers (another party's object is a 404)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.forums.access import get_delegation_for_sender, get_forum_for_host
from council.forums.models import Delegation, Quota
from council.messaging.models import Audience, Message
from council.projects.access import get_opportunity_for_editor
from council.projects.models import Opportunity


def get_quota_for_host(*, user: Viewer, pk: int) -> Quota:
    quota: Quota = get_object_or_404(Quota.objects.select_related("forum"), pk=pk)
    get_forum_for_host(user=user, pk=quota.forum_id)
    return quota


def get_opportunity_for_writer(*, user: Viewer, pk: int) -> Opportunity:
    return get_opportunity_for_editor(user=user, pk=pk)


def get_delegation_for_writer(*, user: Viewer, pk: int) -> Delegation:
    return get_delegation_for_sender(user=user, pk=pk)


def get_message_for_writer(*, user: Viewer, pk: int) -> Message:
    """A message, for those who may write to its audience now."""
    message = get_object_or_404(Message, pk=pk)
    if message.audience in (Audience.OPPORTUNITY, Audience.SHIFT):
        if message.opportunity_id is None:
            raise Http404
        get_opportunity_for_editor(user=user, pk=message.opportunity_id)
    elif message.audience == Audience.QUOTA:
        get_quota_for_host(user=user, pk=message.quota_id or 0)
    else:
        get_delegation_for_sender(user=user, pk=message.delegation_id or 0)
    return message
