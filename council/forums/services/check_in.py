"""The check-in desk: a confirmed participant's badge code, and checking in by that code."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.forums.models import Forum, Registration, RegistrationStatus
from council.forums.services.registrations import audit
from council.lib.codes import normalise_code, short_code
from council.lib.mirrors import ensure_local
from council.lib.required import first_or_refuse, require_text
from council.lib.updates import save_fields


def badge_code_for(*, registration: Registration) -> str:
    """The code a confirmed participant's badge carries, made when first needed."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Only a confirmed participant has a badge."))
    if registration.badge_code:
        return registration.badge_code
    for _attempt in range(5):
        code = short_code()
        updated = Registration.objects.filter(pk=registration.pk, badge_code__isnull=True).update(
            badge_code=code
        )
        registration.refresh_from_db(fields=["badge_code"])
        if registration.badge_code:
            return registration.badge_code
        if updated:
            break
    raise ValidationError(_("The badge could not be made. Try again."))


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    counted: bool


@transaction.atomic
def registration_check_in(*, actor: User, forum: Forum, code: str) -> CheckInResult:
    """Check a participant in by their badge code; a repeated scan is answered with the time
    of the first, not counted again."""
    ensure_local(forum)  # another node's participants are checked in there
    text = require_text(normalise_code(code), "code", _("Enter the code from the badge."))
    registration = first_or_refuse(
        Registration.objects.select_for_update(of=("self",))
        .select_related("person", "quota")
        .filter(forum=forum, badge_code=text, status=RegistrationStatus.CONFIRMED),
        "code",
        _("No confirmed participant of this forum has this code."),
    )
    if registration.checked_in_at is not None:
        return CheckInResult(registration, False)
    save_fields(registration, checked_in_at=timezone.now())
    audit(actor, "registration.checked_in", registration)
    return CheckInResult(registration, True)
