"""The forum milestone of a volunteer's record (council.volunteers.milestones): their first
forum attended. A forum counts once the person was checked in at it, or held a confirmed
seat and the forum is over."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.accounts.models import User
from council.forums.models import Registration, RegistrationStatus
from council.volunteers.milestones import Milestone

FIRST_FORUM = _("First forum")


def forum_milestones(user: User) -> list[Milestone]:
    """The first forum attended, in one query."""
    attended = Q(checked_in_at__isnull=False) | Q(
        status=RegistrationStatus.CONFIRMED, forum__ends_on__lt=timezone.localdate()
    )
    first = (
        Registration.objects.filter(attended, person_id=user.pk)
        .select_related("forum")
        .order_by("forum__starts_on", "pk")
        .first()
    )
    if first is None:
        return []
    return [Milestone("first_forum", FIRST_FORUM, first.forum.starts_on, str(first.forum.title))]
