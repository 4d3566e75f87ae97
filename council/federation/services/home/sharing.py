"""The person's choice of contact details sent with an action abroad (council.federation.
people explains the default)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from council.accounts.models import User
from council.audit.services import record
from council.federation.models import SharingChoice


@transaction.atomic
def sharing_choice_set(*, user: User, share_email: bool) -> SharingChoice:
    choice, created = SharingChoice.objects.select_for_update().get_or_create(
        user=user, defaults={"share_email": share_email}
    )
    if not created and choice.share_email == share_email:
        return choice
    choice.share_email = share_email
    choice.updated_at = timezone.now()
    choice.save(update_fields=["share_email", "updated_at"])
    record(
        actor=user,
        action="federation.sharing_changed",
        target=user,
        data={"share_email": share_email},
    )
    return choice
